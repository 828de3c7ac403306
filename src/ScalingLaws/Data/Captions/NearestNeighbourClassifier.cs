namespace ScalingLaws.Data.Captions;

/// <summary>
/// k-nearest-neighbour classification of images by Euclidean distance between their intensities: the majority label of
/// the k closest training images, a tie going to the label whose tied neighbours are closest. No training beyond keeping
/// the images, so its error on held-out images is an honest, reproducible number for Fano's bound.
/// </summary>
public sealed class NearestNeighbourClassifier
{
    private readonly IReadOnlyList<byte[]> images;
    private readonly IReadOnlyList<int> labels;

    /// <param name="images">Training images, all of one length.</param>
    /// <param name="labels">Their labels (0 … classes − 1).</param>
    /// <param name="neighbours">k.</param>
    public NearestNeighbourClassifier(IReadOnlyList<byte[]> images, IReadOnlyList<int> labels, int neighbours)
    {
        if (images.Count == 0 || images.Count != labels.Count) throw new ArgumentException($"Give as many labels as images, at least one; got {images.Count} images and {labels.Count} labels.");
        if (neighbours < 1 || neighbours > images.Count) throw new ArgumentOutOfRangeException(nameof(neighbours), $"k is {neighbours}; it must lie between 1 and the {images.Count} training images.");
        (this.images, this.labels, Neighbours) = (images, labels, neighbours);
    }

    /// <summary>k.</summary>
    public int Neighbours { get; }

    /// <summary>The classifier's name, for meta.json.</summary>
    public string Name => $"k-nearest neighbours (k = {Neighbours}, Euclidean distance between intensities)";

    /// <summary>The predicted label of <paramref name="x"/>.</summary>
    public int Predict(byte[] x)
    {
        // The k smallest (distance, index) pairs, kept sorted; ties in distance go to the earlier training image.
        var best = new List<(long Distance, int Index)>(Neighbours + 1);
        for (int n = 0; n < images.Count; n++)
        {
            long d = Distance(x, images[n], best.Count == Neighbours ? best[^1].Distance : long.MaxValue);
            if (best.Count == Neighbours && d >= best[^1].Distance) continue;
            int at = best.FindIndex(b => b.Distance > d);
            best.Insert(at < 0 ? best.Count : at, (d, n));
            if (best.Count > Neighbours) best.RemoveAt(best.Count - 1);
        }
        return best.GroupBy(b => labels[b.Index])
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Sum(b => b.Distance)).ThenBy(g => g.Min(b => b.Index))
            .First().Key;
    }

    /// <summary>How many of <paramref name="testImages"/> it labels wrongly.</summary>
    public int Errors(IReadOnlyList<byte[]> testImages, IReadOnlyList<int> testLabels) =>
        Enumerable.Range(0, testImages.Count).Count(i => Predict(testImages[i]) != testLabels[i]);

    // Squared distance, abandoned (returning a value ≥ limit) once it cannot beat the k-th best.
    private static long Distance(byte[] a, byte[] b, long limit)
    {
        long sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            int d = a[i] - b[i];
            sum += d * d;
            if (sum >= limit) return sum;
        }
        return sum;
    }
}
