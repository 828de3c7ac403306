namespace ScalingLaws.Data.Images;

/// <summary>An image in memory: intensities 0-255 in raster order, channels interleaved (RGB, or one channel for gray).</summary>
/// <param name="Width">Pixels per row.</param>
/// <param name="Height">Rows.</param>
/// <param name="Channels">3 (RGB) or 1 (gray).</param>
/// <param name="Pixels">Width x Height x Channels intensities.</param>
public sealed record RgbImage(int Width, int Height, int Channels, byte[] Pixels)
{
    /// <summary>The intensity of channel <paramref name="c"/> at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public byte At(int x, int y, int c) => Pixels[(y * Width + x) * Channels + c];

    /// <summary>
    /// The square <paramref name="size"/> x <paramref name="size"/> region at (<paramref name="left"/>, <paramref name="top"/>),
    /// area-downsampled to <paramref name="output"/> x <paramref name="output"/>: each output pixel is the mean of the
    /// source pixels its cell covers, weighted by the covered fraction of each (exact for any ratio, e.g. 28 to 8), rounded.
    /// </summary>
    public byte[] AreaDownsample(int left, int top, int size, int output)
    {
        if (left < 0 || top < 0 || left + size > Width || top + size > Height)
            throw new ArgumentOutOfRangeException(nameof(size), $"The region {size}x{size} at ({left}, {top}) lies outside the {Width}x{Height} image.");
        var result = new byte[output * output * Channels];
        double scale = (double)size / output;
        for (int oy = 0; oy < output; oy++)
            for (int ox = 0; ox < output; ox++)
            {
                double x0 = ox * scale, x1 = x0 + scale, y0 = oy * scale, y1 = y0 + scale;
                for (int c = 0; c < Channels; c++)
                {
                    double sum = 0, area = 0;
                    for (int y = (int)y0; y < Math.Ceiling(y1); y++)
                    {
                        double wy = Math.Min(y + 1, y1) - Math.Max(y, y0);
                        for (int x = (int)x0; x < Math.Ceiling(x1); x++)
                        {
                            double w = wy * (Math.Min(x + 1, x1) - Math.Max(x, x0));
                            sum += w * At(left + x, top + y, c);
                            area += w;
                        }
                    }
                    result[(oy * output + ox) * Channels + c] = (byte)Math.Clamp(Math.Round(sum / area), 0, 255);
                }
            }
        return result;
    }
}
