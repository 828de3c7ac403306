namespace ScalingLaws.Data.Images;

/// <summary>
/// Random square crops of photographs at random scales, area-downsampled to a small square (Henighan et al. 2020's
/// YFCC images downsampled to 8x8; here crops of a few photographs): a natural-image distribution. Each photograph
/// keeps a vertical strip (a seeded share of its width, at a seeded place) for validation: training crops never touch
/// it and validation crops lie inside it, so the validation images are unseen regions of the same photographs
/// (a held-out photograph would be a transfer set, its loss mixing distribution shift into the entropy).
/// </summary>
public sealed class PhotoPatches
{
    private readonly IReadOnlyList<RgbImage> photos;
    private readonly (int Left, int Right)[] strips;
    private readonly int output, minCrop, maxCrop;

    /// <param name="photos">The photographs (RGB).</param>
    /// <param name="output">The side of the downsampled image (8).</param>
    /// <param name="holdout">Share of each photograph's width held out for validation.</param>
    /// <param name="minCrop">Smallest crop side in source pixels (at least <paramref name="output"/>).</param>
    /// <param name="maxCrop">Largest crop side (at most the strip width and the photograph's height).</param>
    /// <param name="seed">Seeds where each strip lies.</param>
    public PhotoPatches(IReadOnlyList<RgbImage> photos, int output, double holdout, int minCrop, int maxCrop, int seed)
    {
        if (photos.Count == 0) throw new ArgumentException("No photographs to crop.");
        if (holdout is <= 0 or >= 0.5) throw new ArgumentException($"holdout must lie in (0, 0.5), got {holdout}.");
        if (minCrop < output || maxCrop < minCrop) throw new ArgumentException($"Crops must run from at least {output} pixels (min_crop) up to max_crop ≥ min_crop; got {minCrop} to {maxCrop}.");
        (this.photos, this.output, this.minCrop) = (photos, output, minCrop);
        var rng = new Random(seed);
        strips = photos.Select(p =>
        {
            int width = (int)Math.Round(p.Width * holdout);
            int left = rng.Next(0, p.Width - width + 1);
            return (left, left + width);
        }).ToArray();
        int largestFitting = photos.Select((p, i) => Math.Min(Math.Min(strips[i].Right - strips[i].Left, p.Height), Math.Max(strips[i].Left, p.Width - strips[i].Right))).Min();
        if (largestFitting < minCrop)
            throw new ArgumentException($"A photograph is too small for crops of {minCrop} pixels beside and inside its held-out strip; use smaller crops or larger photographs.");
        this.maxCrop = Math.Min(maxCrop, largestFitting);
    }

    /// <summary>The largest crop side actually used (capped so that every photograph fits it in its strip and beside it).</summary>
    public int MaxCrop => maxCrop;

    /// <summary>
    /// A crop for training (outside every strip) or validation (inside one): (photograph index, downsampled pixels).
    /// The photograph is uniform, the side log-uniform between the smallest and largest crop, the place uniform.
    /// </summary>
    public (int Photo, byte[] Pixels) Next(Random rng, bool validation)
    {
        int photo = rng.Next(photos.Count);
        var image = photos[photo];
        var (left, right) = strips[photo];
        int size = (int)Math.Round(Math.Exp(Math.Log(minCrop) + rng.NextDouble() * (Math.Log(maxCrop) - Math.Log(minCrop))));
        int top = rng.Next(0, image.Height - size + 1);
        int x;
        if (validation) x = left + rng.Next(0, right - left - size + 1);
        else
        {
            // Uniform over the places left of the strip and right of it, weighted by how many there are.
            int leftPlaces = Math.Max(0, left - size + 1), rightPlaces = Math.Max(0, image.Width - right - size + 1);
            if (leftPlaces + rightPlaces == 0) return Next(rng, validation);
            int pick = rng.Next(leftPlaces + rightPlaces);
            x = pick < leftPlaces ? pick : right + (pick - leftPlaces);
        }
        return (photo, image.AreaDownsample(x, top, size, output));
    }
}
