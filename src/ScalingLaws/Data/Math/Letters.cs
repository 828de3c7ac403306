namespace ScalingLaws.Data.Mathematics;

/// <summary>Letters for variables and functions: a-z without "e", which the original keeps for the exponential.</summary>
public static class Letters
{
    private static readonly string[] Allowed = "abcdfghijklmnopqrstuvwxyz".Select(c => c.ToString()).ToArray();

    /// <summary>One letter.</summary>
    public static string One(Random rng) => NumberSampler.Choice(rng, Allowed);

    /// <summary>Two different letters.</summary>
    public static (string First, string Second) Two(Random rng)
    {
        string first = One(rng);
        while (true)
        {
            string second = One(rng);
            if (second != first) return (first, second);
        }
    }
}
