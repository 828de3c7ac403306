using System.Text.Json.Nodes;
using ScalingLaws.Data.Images;
using ScalingLaws.Data.Mathematics;

namespace ScalingLaws.Notebooks.Tests;

/// <summary>
/// Notebooks 02-04 run end to end, at the smoke preset, on data of the user's own given through their parameters: a
/// folder of images, a COCO-style caption file, a folder in the original mathematics dataset's layout.
/// </summary>
public class YourDataNotebookTests
{
    private static async Task<(JsonNode Values, string Executed)> RunSmoke(string name, Dictionary<string, string> parameters)
    {
        string outDir = Fixtures.NewOutputDirectory();
        var run = await NotebookRunner.RunAsync(PreparedNotebook.Load(RepositoryNotebookRuns.NotebookPath(name), parameters), new NotebookRunOptions { OutputDirectory = outDir });
        Assert.True(run.Succeeded, run.SummaryLine);
        return (JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, name + ".summary.json")))!["values"]!, File.ReadAllText(Path.Combine(outDir, name + ".ipynb")));
    }

    private static string TempFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "scaling-your-data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    [Fact]
    public async Task Notebook_02_trains_on_a_folder_of_your_own_images_and_counts_the_files_it_cannot_read()
    {
        string folder = TempFolder();
        var rng = new Random(4);
        for (int i = 0; i < 6; i++)
        {
            // Smooth colour gradients with a bright disc: something for the models to learn.
            int cx = rng.Next(20, 76), cy = rng.Next(20, 76);
            var pixels = new byte[96 * 96 * 3];
            for (int y = 0; y < 96; y++)
                for (int x = 0; x < 96; x++)
                {
                    bool disc = (x - cx) * (x - cx) + (y - cy) * (y - cy) < 150;
                    pixels[(y * 96 + x) * 3] = (byte)(disc ? 240 : x * 2);
                    pixels[(y * 96 + x) * 3 + 1] = (byte)(disc ? 230 : y * 2);
                    pixels[(y * 96 + x) * 3 + 2] = (byte)(disc ? 40 : 120 + i * 20);
                }
            ImageFiles.WriteBmp(Path.Combine(folder, $"picture-{i}.bmp"), new RgbImage(96, 96, 3, pixels));
        }
        File.WriteAllText(Path.Combine(folder, "broken.jpg"), "not a JPEG");
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "ignored: not an image extension");

        var (values, executed) = await RunSmoke("02-image-8x8-entropy", new() { ["images"] = folder });
        Assert.Contains("your images: 6 used, 1 skipped: broken.jpg", executed);
        Assert.Contains("image-photos-smoke-images-", executed);     // its own results folder
        Assert.True(double.IsFinite(values["entropy_per_token"]!.GetValue<double>()));
    }

    [Fact]
    public async Task Notebook_03_measures_the_mutual_information_of_your_own_caption_file()
    {
        string folder = TempFolder();
        var images = new List<string>();
        var annotations = new List<string>();
        for (int i = 0; i < 40; i++)
        {
            bool red = i % 2 == 0;
            var pixels = Enumerable.Range(0, 32 * 32).SelectMany(_ => red ? new byte[] { 220, 30, 30 } : [30, 30, 220]).ToArray();
            ImageFiles.WriteBmp(Path.Combine(folder, $"{i:D3}.bmp"), new RgbImage(32, 32, 3, pixels));
            images.Add($"{{\"id\": {i}, \"file_name\": \"{i:D3}.bmp\"}}");
            annotations.Add($"{{\"image_id\": {i}, \"caption\": \"a {(red ? "red" : "blue")} square\"}}");
            annotations.Add($"{{\"image_id\": {i}, \"caption\": \"the picture is {(red ? "red" : "blue")}\"}}");
        }
        images.Add("{\"id\": 99, \"file_name\": \"missing.bmp\"}");
        string captions = Path.Combine(folder, "captions.json");
        File.WriteAllText(captions, $"{{\"images\": [{string.Join(",", images)}], \"annotations\": [{string.Join(",", annotations)}]}}");

        var (_, executed) = await RunSmoke("03-caption-image-mutual-information", new() { ["captions"] = captions });
        Assert.Contains("your pairs, TextToImage, N = ", executed);
    }

    [Fact]
    public async Task Notebook_04_trains_on_a_folder_in_the_original_datasets_layout()
    {
        string folder = TempFolder();
        OriginalMathFiles.Write(folder, MathGenerator.Generate(MathSettings.From(new JsonObject
        {
            ["train_examples_per_module"] = 2000,
            ["val_examples_per_module"] = 50,
            ["test_examples_per_module"] = 40,
        })));
        var (values, executed) = await RunSmoke("04-math-extrapolation", new() { ["original"] = folder });
        Assert.Contains("math-smoke-original-", executed);
        Assert.True(values["accuracy_interpolate"]!.GetValue<double>() >= 0);
    }
}
