namespace ScalingLaws.Reference;

/// <summary>
/// The papers' published constants, each read once from its CSV in data/reference/ (embedded in the library), so the
/// numbers our fits are set beside live in one place with their equation or table number:
/// <c>PublishedConstants.Kaplan2020["alpha_N"]</c> is 0.076 (eq. 1.1).
/// </summary>
public static class PublishedConstants
{
    private static readonly Lazy<PaperConstants> kaplan = Load("kaplan2020.csv");
    private static readonly Lazy<PaperConstants> henighanTable1 = Load("henighan2020_table1.csv");
    private static readonly Lazy<PaperConstants> henighanTable3 = Load("henighan2020_table3.csv");
    private static readonly Lazy<PaperConstants> hoffmann = Load("hoffmann2022.csv");
    private static readonly Lazy<PaperConstants> epoch = Load("besiroglu2024_chinchilla_refit.csv");
    private static readonly Lazy<PaperConstants> porian = Load("porian2024.csv");
    private static readonly Lazy<PaperConstants> brown = Load("brown2020.csv");

    /// <summary>Kaplan et al. 2020: L(N), L(D), L(C), B_crit(L), L(N, D), L(N, S), the compute-optimal allocation.</summary>
    public static PaperConstants Kaplan2020 => kaplan.Value;

    /// <summary>Henighan et al. 2020, table 1: L(N), L(C) and N_opt(C) per domain, nats/token.</summary>
    public static PaperConstants Henighan2020Table1 => henighanTable1.Value;

    /// <summary>Henighan et al. 2020, table 3: image losses per image, irreducible and reducible.</summary>
    public static PaperConstants Henighan2020Table3 => henighanTable3.Value;

    /// <summary>Hoffmann et al. 2022 (Chinchilla), approach 3: E, A, B, alpha, beta.</summary>
    public static PaperConstants Hoffmann2022 => hoffmann.Value;

    /// <summary>Besiroglu et al. 2024 (Epoch AI): Hoffmann et al.'s approach 3 refitted, with standard errors and intervals.</summary>
    public static PaperConstants Besiroglu2024ChinchillaRefit => epoch.Value;

    /// <summary>Porian et al. 2024: the N_opt(C) exponent after each step from Kaplan's setup to Chinchilla's.</summary>
    public static PaperConstants Porian2024 => porian.Value;

    /// <summary>Brown et al. 2020 (GPT-3): L(C) and few-shot arithmetic.</summary>
    public static PaperConstants Brown2020 => brown.Value;

    /// <summary>Every paper's constants.</summary>
    public static IReadOnlyList<PaperConstants> All =>
        [Kaplan2020, Henighan2020Table1, Henighan2020Table3, Hoffmann2022, Besiroglu2024ChinchillaRefit, Porian2024, Brown2020];

    private static Lazy<PaperConstants> Load(string file) => new(() =>
    {
        string resource = "ScalingLaws.Reference." + file;
        using var stream = typeof(PublishedConstants).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The library was built without its embedded {resource}; rebuild ScalingLaws.");
        using var reader = new StreamReader(stream);
        return PaperConstants.Parse(file, reader.ReadToEnd());
    });
}
