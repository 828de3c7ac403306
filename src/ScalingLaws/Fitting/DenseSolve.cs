namespace ScalingLaws.Fitting;

/// <summary>Gaussian elimination with partial pivoting for the tiny systems the optimisers solve.</summary>
internal static class DenseSolve
{
    /// <summary>Solves A x = b for a row-major n x n A (overwritten); b becomes x. False if A is singular.</summary>
    public static bool InPlace(double[] a, double[] b, int n)
    {
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < n; row++)
                if (Math.Abs(a[row * n + col]) > Math.Abs(a[pivot * n + col])) pivot = row;
            if (!(Math.Abs(a[pivot * n + col]) > 1e-300)) return false;
            if (pivot != col)
            {
                for (int k = 0; k < n; k++) (a[col * n + k], a[pivot * n + k]) = (a[pivot * n + k], a[col * n + k]);
                (b[col], b[pivot]) = (b[pivot], b[col]);
            }
            for (int row = col + 1; row < n; row++)
            {
                double factor = a[row * n + col] / a[col * n + col];
                for (int k = col; k < n; k++) a[row * n + k] -= factor * a[col * n + k];
                b[row] -= factor * b[col];
            }
        }
        for (int row = n - 1; row >= 0; row--)
        {
            double sum = b[row];
            for (int k = row + 1; k < n; k++) sum -= a[row * n + k] * b[k];
            b[row] = sum / a[row * n + row];
        }
        return b.Take(n).All(double.IsFinite);
    }
}
