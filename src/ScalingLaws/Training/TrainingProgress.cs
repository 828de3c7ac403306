using System.Globalization;

namespace ScalingLaws.Training;

/// <summary>What a progress report is about.</summary>
public enum ProgressKind
{
    /// <summary>Periodic report during training.</summary>
    Step,
    /// <summary>A held-out evaluation finished (<see cref="TrainingProgress.ValLoss"/> is set).</summary>
    Evaluation,
    /// <summary>A checkpoint was written.</summary>
    Checkpoint,
    /// <summary>Something the user should read: resumed, fell back to an older checkpoint, diverged, stopped early.</summary>
    Notice,
}

/// <summary>A progress report from the <see cref="Trainer"/>; the terminal and notebooks render it their own way.</summary>
public sealed record TrainingProgress
{
    /// <summary>What the report is about.</summary>
    public required ProgressKind Kind { get; init; }

    /// <summary>Steps done.</summary>
    public required long Step { get; init; }

    /// <summary>The run's length in steps.</summary>
    public required long TotalSteps { get; init; }

    /// <summary>Tokens trained on.</summary>
    public required long Tokens { get; init; }

    /// <summary>Recent training loss, nats/token.</summary>
    public double? TrainLoss { get; init; }

    /// <summary>Held-out loss of an evaluation, nats/token.</summary>
    public double? ValLoss { get; init; }

    /// <summary>The learning rate.</summary>
    public double LearningRate { get; init; }

    /// <summary>Throughput of this session.</summary>
    public double TokensPerSecond { get; init; }

    /// <summary>Time left at that throughput.</summary>
    public TimeSpan? Eta { get; init; }

    /// <summary>A notice's text.</summary>
    public string? Message { get; init; }
}

/// <summary>
/// Renders progress as one plain line per report (step, loss, tokens/s, ETA): what notebooks and logs want, since
/// ANSI progress bars garble notebook output. Where a host shows a live progress display (a notebook kernel, see
/// <see cref="Execution.LiveProgress"/>), step and evaluation lines go there, updated in place; notices stay lines.
/// </summary>
public sealed class ProgressLineWriter(TextWriter writer) : IProgress<TrainingProgress>
{
    /// <inheritdoc />
    public void Report(TrainingProgress p)
    {
        string line = Format(p);
        if (p.Kind is ProgressKind.Step or ProgressKind.Evaluation && Execution.LiveProgress.TryShow(line)) return;
        writer.WriteLine(line);
        writer.Flush();
    }

    /// <summary>The line for one report.</summary>
    public static string Format(TrainingProgress p)
    {
        var c = CultureInfo.InvariantCulture;
        if (p.Kind is ProgressKind.Notice or ProgressKind.Checkpoint) return $"[{p.Kind.ToString().ToLowerInvariant()}] {p.Message}";
        string line = string.Create(c, $"step {p.Step}/{p.TotalSteps}  tokens {p.Tokens:N0}  lr {p.LearningRate:G3}");
        if (p.TrainLoss is { } t) line += string.Create(c, $"  train {t:F4}");
        if (p.ValLoss is { } v) line += string.Create(c, $"  val {v:F4}");
        line += string.Create(c, $"  {p.TokensPerSecond:N0} tok/s");
        if (p.Eta is { } eta) line += $"  ETA {eta:hh\\:mm\\:ss}";
        return line;
    }
}
