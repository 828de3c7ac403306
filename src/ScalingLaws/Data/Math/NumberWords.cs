namespace ScalingLaws.Data.Mathematics;

/// <summary>Numbers written as words in questions: ordinals ("third biggest"), place names, powers of ten, small counts.</summary>
public static class NumberWords
{
    /// <summary>The largest ordinal (and so the most items a list question may have).</summary>
    public const int MaxOrdinal = 20;

    private static readonly string[] Ordinals =
    [
        "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
        "nineteenth", "twentieth",
    ];

    private static readonly string[] Small = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    private static readonly string[] Groups =
    [
        "thousands", "millions", "billions", "trillions", "quadrillions", "quintillions", "sextillions", "septillions",
        "octillions", "nonillions", "decillions",
    ];

    /// <summary>The most digits a place name exists for (units to hundred decillions).</summary>
    public static int MaxPlaces => 3 + 3 * Groups.Length;

    /// <summary>"first", "second", ... "twentieth".</summary>
    public static string Ordinal(int n) =>
        n >= 1 && n <= MaxOrdinal ? Ordinals[n] : throw new ArgumentOutOfRangeException(nameof(n), n, $"Ordinals run from 1 to {MaxOrdinal}.");

    /// <summary>"one" to "ten".</summary>
    public static string Count(int n) =>
        n >= 0 && n < Small.Length ? Small[n] : throw new ArgumentOutOfRangeException(nameof(n), n, "Count words run from zero to ten.");

    /// <summary>The name of a decimal place counted from the right, 1 = "units", 2 = "tens", 5 = "ten thousands".</summary>
    public static string Place(int place)
    {
        if (place < 1 || place > MaxPlaces) throw new ArgumentOutOfRangeException(nameof(place), place, $"Place names run from 1 to {MaxPlaces}.");
        if (place <= 3) return new[] { "units", "tens", "hundreds" }[place - 1];
        int group = (place - 4) / 3, within = (place - 4) % 3;
        return new[] { "", "ten ", "hundred " }[within] + Groups[group];
    }

    /// <summary>10^power in words, power 1 to 8: "ten", "one hundred", "ten thousand", "one million".</summary>
    public static string PowerOfTen(int power) => power switch
    {
        1 => "ten",
        2 => "one hundred",
        3 => "one thousand",
        4 => "ten thousand",
        5 => "one hundred thousand",
        6 => "one million",
        7 => "ten million",
        8 => "one hundred million",
        _ => throw new ArgumentOutOfRangeException(nameof(power), power, "Powers of ten in words run from 1 to 8."),
    };
}
