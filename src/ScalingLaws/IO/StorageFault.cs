namespace ScalingLaws.IO;

/// <summary>
/// Faults of the machine rather than of the input: a full disk, a read-only or forbidden folder, a failing device. They
/// are not any one run's fault, so a sweep stops on them (the next run would fail the same way) and a command exits 1,
/// where bad input exits 2.
/// </summary>
public static class StorageFault
{
    /// <summary>
    /// True for an <see cref="IOException"/> of the base type (what a full disk, a quota or an I/O error raises; a
    /// missing file or folder raises a subtype, which is bad input) and for <see cref="UnauthorizedAccessException"/>.
    /// </summary>
    public static bool Is(Exception e) => e is UnauthorizedAccessException || e.GetType() == typeof(IOException);
}
