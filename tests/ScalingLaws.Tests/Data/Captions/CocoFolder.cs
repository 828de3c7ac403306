using System.Text;

namespace ScalingLaws.Tests.Data.Captions;

/// <summary>
/// A small COCO-style caption folder: 12 x 8 BMP images, red or blue in their centred 8 x 8 square (image i's green
/// intensity is 20 + i, so every image is its own) and green in the two columns either side (which centre-cropping
/// removes), two captions per image naming its colour, and one of each kind of bad entry.
/// </summary>
internal static class CocoFolder
{
    public const int GoodImages = 12;

    public static (string Captions, string Images) Write(TempFolder temp)
    {
        string images = temp.File("images");
        Directory.CreateDirectory(images);
        var imageEntries = new List<string>();
        var annotations = new List<string>();
        for (int i = 0; i < GoodImages; i++)
        {
            bool red = i % 2 == 0;
            byte g = (byte)(20 + i);
            WriteBmp(Path.Combine(images, $"{i:D3}.bmp"), 12, 8, (x, _) => x < 2 || x >= 10 ? ((byte)0, (byte)255, (byte)0) : red ? ((byte)220, g, (byte)20) : ((byte)20, g, (byte)220));
            imageEntries.Add($"{{\"id\": {i}, \"file_name\": \"{i:D3}.bmp\", \"width\": 12}}");
            string colour = red ? "red" : "blue";
            annotations.Add($"{{\"image_id\": {i}, \"caption\": \"A {colour} picture.\"}}");
            annotations.Add($"{{\"image_id\": {i}, \"caption\": \"The picture is {colour}, all {colour}, entirely and completely {colour} from edge to edge!\"}}");
        }
        File.WriteAllBytes(Path.Combine(images, "broken.bmp"), Encoding.ASCII.GetBytes("not an image at all"));
        imageEntries.Add("{\"id\": 100, \"file_name\": \"missing.bmp\"}");
        imageEntries.Add("{\"id\": 101, \"file_name\": \"broken.bmp\"}");
        imageEntries.Add("{\"id\": 102}");
        imageEntries.Add("{\"id\": 0, \"file_name\": \"000.bmp\"}");
        annotations.Add("{\"image_id\": 100, \"caption\": \"a missing picture\"}");
        annotations.Add("{\"image_id\": 101, \"caption\": \"a broken picture\"}");
        annotations.Add("{\"image_id\": 999, \"caption\": \"an unknown picture\"}");
        annotations.Add("{\"image_id\": 1, \"caption\": \" ... !\"}");
        annotations.Add("{\"image_id\": 1}");
        string captions = temp.File("captions.json");
        File.WriteAllText(captions, $"{{\"info\": {{}}, \"images\": [{string.Join(",\n", imageEntries)}], \"annotations\": [{string.Join(",\n", annotations)}]}}");
        return (captions, images);
    }

    /// <summary>A <paramref name="width"/> x <paramref name="height"/> BMP whose pixel at (x, y) is <paramref name="pixel"/>(x, y).</summary>
    public static void WriteBmp(string path, int width, int height, Func<int, int, (byte R, byte G, byte B)> pixel)
    {
        var pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                (pixels[(y * width + x) * 3], pixels[(y * width + x) * 3 + 1], pixels[(y * width + x) * 3 + 2]) = pixel(x, y);
        ScalingLaws.Data.Images.ImageFiles.WriteBmp(path, new ScalingLaws.Data.Images.RgbImage(width, height, 3, pixels));
    }
}
