using StbImageSharp;

namespace ScalingLaws.Data.Images;

/// <summary>
/// Decodes image files (JPEG, PNG, BMP, GIF, TGA) to RGB with StbImageSharp: managed code, so no native library to
/// ship or load, and public-domain-derived under a permissive licence (SixLabors.ImageSharp 2.x has reported flaws
/// with crafted files and its later versions need a paid licence; SkiaSharp needs a native library per platform).
/// </summary>
public static class ImageFiles
{
    /// <summary>File name extensions read from a folder.</summary>
    public static readonly IReadOnlySet<string> Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tga" };

    /// <summary>Decodes <paramref name="path"/> to RGB; throws <see cref="InvalidDataException"/> naming the file when it is not a readable image.</summary>
    public static RgbImage DecodeRgb(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var image = ImageResult.FromStream(stream, ColorComponents.RedGreenBlue);
            if (image.Width <= 0 || image.Height <= 0) throw new InvalidDataException("no pixels");
            return new RgbImage(image.Width, image.Height, 3, image.Data);
        }
        catch (Exception e) when (e is not IOException)
        {
            throw new InvalidDataException($"{path} is not an image this decoder reads ({e.Message}); use JPEG or PNG.", e);
        }
    }

    /// <summary>
    /// Decodes every image file in <paramref name="folder"/> (sorted by name, so the order is the same everywhere);
    /// corrupt or unsupported files are skipped and counted, never fatal.
    /// </summary>
    public static (IReadOnlyList<(string Name, RgbImage Image)> Images, IReadOnlyList<string> Skipped) DecodeFolder(string folder, int minimumSide)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Image folder '{folder}' does not exist. Give a folder of JPEG or PNG files.");
        var images = new List<(string, RgbImage)>();
        var skipped = new List<string>();
        foreach (string file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            if (!Extensions.Contains(Path.GetExtension(file))) continue;
            try
            {
                var image = DecodeRgb(file);
                if (Math.Min(image.Width, image.Height) < minimumSide) skipped.Add($"{Path.GetFileName(file)}: {image.Width}x{image.Height} is smaller than {minimumSide} pixels");
                else images.Add((Path.GetFileName(file), image));
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                skipped.Add($"{Path.GetFileName(file)}: {e.Message}");
            }
        }
        return (images, skipped);
    }

    /// <summary>
    /// Writes <paramref name="image"/> as an uncompressed 24-bit BMP (rows bottom-up, BGR, each row padded to 4 bytes;
    /// a gray image is written as equal R, G and B): a format every viewer and this decoder read, for samples and tests.
    /// </summary>
    public static void WriteBmp(string path, RgbImage image)
    {
        int row = (image.Width * 3 + 3) & ~3;
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("BM"u8);
        writer.Write(54 + row * image.Height);
        writer.Write(0);
        writer.Write(54);
        writer.Write(40);
        writer.Write(image.Width);
        writer.Write(image.Height);
        writer.Write((short)1);
        writer.Write((short)24);
        writer.Write(0);
        writer.Write(row * image.Height);
        writer.Write(2835);
        writer.Write(2835);
        writer.Write(0);
        writer.Write(0);
        for (int y = image.Height - 1; y >= 0; y--)
        {
            for (int x = 0; x < image.Width; x++)
            {
                byte r = image.At(x, y, 0), g = image.At(x, y, Math.Min(1, image.Channels - 1)), b = image.At(x, y, Math.Min(2, image.Channels - 1));
                writer.Write(b);
                writer.Write(g);
                writer.Write(r);
            }
            for (int p = image.Width * 3; p < row; p++) writer.Write((byte)0);
        }
    }
}
