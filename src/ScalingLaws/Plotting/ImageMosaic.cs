using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace ScalingLaws.Plotting;

/// <summary>One labelled row of small images for <see cref="ImageMosaic"/>.</summary>
/// <param name="Label">What the row shows ("real", "N = 3.3e3", ...).</param>
/// <param name="Images">Intensities of each image, raster order, channels interleaved.</param>
public sealed record ImageRow(string Label, IReadOnlyList<byte[]> Images);

/// <summary>
/// Rows of small images (8x8 samples, real and generated) drawn as one picture, each row labelled, with a one-pixel
/// white gap between images: a Plotly image trace, so it renders offline like every other chart.
/// </summary>
public static class ImageMosaic
{
    /// <summary>The mosaic of <paramref name="rows"/>, images of <paramref name="width"/> x <paramref name="height"/> x <paramref name="channels"/>.</summary>
    public static GenericChart Of(string title, IReadOnlyList<ImageRow> rows, int width, int height, int channels)
    {
        if (rows.Count == 0 || rows.Any(r => r.Images.Count == 0)) throw new ArgumentException("A mosaic needs at least one row, each with at least one image.");
        if (channels is not (1 or 3)) throw new ArgumentException($"Images must have 1 or 3 channels, got {channels}.");
        int columns = rows.Max(r => r.Images.Count);
        int cellW = width + 1;
        // One image trace per row (a strip of images with a white gap between them), stacked with the row's label as
        // the subplot title.
        var strips = rows.Select(row =>
        {
            var z = new int[height][][];
            for (int y = 0; y < height; y++)
            {
                z[y] = new int[columns * cellW - 1][];
                for (int x = 0; x < z[y].Length; x++) z[y][x] = [255, 255, 255];
            }
            for (int c = 0; c < row.Images.Count; c++)
            {
                var image = row.Images[c];
                if (image.Length != width * height * channels)
                    throw new ArgumentException($"Row '{row.Label}', image {c}: {image.Length} intensities, expected {width * height * channels}.");
                for (int y = 0; y < height; y++)
                    for (int x = 0; x < width; x++)
                    {
                        int i = (y * width + x) * channels;
                        z[y][c * cellW + x] = channels == 3 ? [image[i], image[i + 1], image[i + 2]] : [image[i], image[i], image[i]];
                    }
            }
            return CSharpChart.Image<string>(Z: new Plotly.NET.CSharp.Optional<IEnumerable<IEnumerable<IEnumerable<int>>>>(z.Select(r => r.Select(p => (IEnumerable<int>)p)), true), Name: row.Label);
        }).ToArray();
        int pixel = Math.Max(4, Math.Min(10, 700 / (columns * cellW)));
        var grid = CSharpChart.Grid(strips, rows.Count, 1, SubPlotTitles: rows.Select(r => r.Label).ToArray(), YGap: 0.35)
            .WithSize(columns * cellW * pixel + 80, rows.Count * (height * pixel + 60) + 60);
        return Charts.WithTitle(grid, title);
    }
}
