using ScalingLaws.Reference;

namespace ScalingLaws.Tests.Reference;

public class PublishedConstantsTests
{
    [Fact]
    public void Every_constants_file_in_data_reference_parses_and_ships_in_the_library()
    {
        var files = Directory.GetFiles(RepoRoot.Path("data", "reference"), "*.csv").Select(Path.GetFileName)
            .Where(f => f != "chinchilla_fig4_points.csv").Order().ToArray();
        Assert.Equal(files, PublishedConstants.All.Select(p => p.File).Order());
        foreach (var paper in PublishedConstants.All)
        {
            var fromDisk = PaperConstants.Parse(paper.File, File.ReadAllText(RepoRoot.Path("data", "reference", paper.File)));
            Assert.Equal(fromDisk.All, paper.All);
            Assert.Contains("arXiv", paper.Citation);
            Assert.NotEmpty(paper.All);
            Assert.All(paper.All, c => Assert.True(double.IsFinite(c.Value) && c.Source.Length > 0, c.Symbol));
        }
    }

    [Fact]
    public void Values_match_the_numbers_in_SCIENCE_md()
    {
        var kaplan = PublishedConstants.Kaplan2020;
        Assert.Equal(0.076, kaplan["alpha_N"]);
        Assert.Equal(8.8e13, kaplan["N_c"]);
        Assert.Equal("eq. 1.1", kaplan.Get("alpha_N").Source);
        Assert.Equal(0.095, kaplan["alpha_D"]);
        Assert.Equal(0.057, kaplan["alpha_C"]);
        Assert.Equal(2e8, kaplan["B_star"]);
        Assert.Equal(0.73, kaplan["N_opt.exponent"]);
        Assert.Equal(3.12, PublishedConstants.Henighan2020Table1["image8x8.L_N.L_inf"]);
        Assert.Equal(0.048, PublishedConstants.Henighan2020Table1["language_gpt3.L_C.alpha_C"]);
        Assert.Equal(1.9e4, PublishedConstants.Henighan2020Table3["image8x8.reducible.C_0"]);
        Assert.Equal(406.4, PublishedConstants.Hoffmann2022["A"]);
        Assert.Equal(2085.43, PublishedConstants.Besiroglu2024ChinchillaRefit["B"]);
        Assert.Equal(0.497, PublishedConstants.Porian2024["refinedweb.tuned"]);
        Assert.Equal(2.57, PublishedConstants.Brown2020["L_C.coefficient"]);
    }

    [Theory]
    [InlineData("image8x8", 192)]
    [InlineData("image16x16", 768)]
    [InlineData("image32x32", 3072)]
    public void Table_3s_per_image_constants_follow_from_table_1s_per_token_ones(string domain, int tokensPerImage)
    {
        // Henighan et al.: tokens x L_inf is the irreducible loss per image, and tokens x (C/C_0)^-alpha = 1 nat/image
        // at C = C_0 tokens^(1/alpha): 1.9e4 PF-days at 8x8 (the ReducibleLossTarget example).
        var table1 = PublishedConstants.Henighan2020Table1;
        var table3 = PublishedConstants.Henighan2020Table3;
        double perImage = tokensPerImage * table1[$"{domain}.L_C.L_inf"];
        Assert.InRange(table3[$"{domain}.S_per_image"] / perImage, 0.99, 1.01);
        double alpha = table1[$"{domain}.L_C.alpha_C"];
        Assert.Equal(alpha, table3[$"{domain}.reducible.alpha_C"]);
        double oneNat = table1[$"{domain}.L_C.C_0"] * Math.Pow(tokensPerImage, 1 / alpha);
        Assert.InRange(Math.Log10(oneNat / table3[$"{domain}.reducible.C_0"]), -0.05, 0.05);
    }

    [Fact]
    public void Kaplans_overfitting_exponent_is_the_ratio_of_the_joint_fits_exponents()
    {
        var kaplan = PublishedConstants.Kaplan2020;
        Assert.Equal(kaplan["overfit_exponent"], kaplan["LND.alpha_N"] / kaplan["LND.alpha_D"], 2);
    }

    [Fact]
    public void An_unknown_symbol_lists_the_symbols_there_are_and_a_bad_row_names_its_line()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => PublishedConstants.Hoffmann2022["alpha_N"]);
        Assert.Contains("E, A, B, alpha, beta", e.Message);
        var bad = Assert.Throws<InvalidDataException>(() => PaperConstants.Parse("x.csv", "# Someone 2024, arXiv 0000.00000\nsymbol,value,units,meaning,source\nk,abc,,a constant,eq. 1\n"));
        Assert.Contains("x.csv, line 3", bad.Message);
        Assert.Contains("'abc' is not a number", bad.Message);
        var quoted = PaperConstants.Parse("y.csv", "# Someone 2024, arXiv 0000.00000\nsymbol,value,units,meaning,source\nk,1.5,tokens,\"a, b and \"\"c\"\"\",table 2\n");
        Assert.Equal("a, b and \"c\"", quoted.Get("k").Meaning);
    }
}
