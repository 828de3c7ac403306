namespace ScalingLaws.Evaluation;

/// <summary>
/// Per scored row (an example or a window) and per region: the summed loss of its targets in nats, how many targets it
/// had, and whether every one of them was the model's most likely token.
/// </summary>
/// <remarks>
/// Exact match "by greedy decoding" is read off the same forward pass: greedy decoding reproduces a region exactly if
/// and only if, with the true tokens fed in (teacher forcing), the most likely next token is the true one at every
/// position of the region; by induction the greedy prefix then always equals the true prefix. (Ties between two
/// equally likely tokens are the only way the two could differ.)
/// </remarks>
public sealed class RowScores
{
    internal RowScores(int rows, int regions)
    {
        Nats = new double[rows, regions + 1];
        Tokens = new int[rows, regions + 1];
        AllCorrect = new bool[rows, regions + 1];
        for (int r = 0; r < rows; r++) for (int k = 0; k <= regions; k++) AllCorrect[r, k] = true;
    }

    /// <summary>Summed target loss in nats, [row, region id].</summary>
    public double[,] Nats { get; }

    /// <summary>Number of targets, [row, region id].</summary>
    public int[,] Tokens { get; }

    /// <summary>Whether every target was the argmax, [row, region id] (true where there were none).</summary>
    public bool[,] AllCorrect { get; }

    /// <summary>Number of rows.</summary>
    public int Rows => Nats.GetLength(0);
}
