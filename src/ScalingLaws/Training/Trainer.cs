using System.Diagnostics;
using ScalingLaws.Data;
using ScalingLaws.Execution;
using ScalingLaws.Models;
using ScalingLaws.Native;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScalingLaws.Training;

/// <summary>
/// Trains one <see cref="Gpt"/> on a <see cref="TokenDataset"/> as a <see cref="TrainConfig"/> says (nanoGPT's
/// train.py loop): AdamW with a scheduled learning rate, accumulation, clipping, held-out evaluation every k steps
/// and at log-spaced steps, early stopping, the gradient noise scale, divergence detection and atomic checkpoints
/// with exact resume. Everything that could stop the run for bad input is checked before the first step.
/// </summary>
public static class Trainer
{
    /// <summary>Runs (or resumes) the training run and returns its record; progress goes to <paramref name="progress"/>.</summary>
    public static RunResult Run(TrainConfig config, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        config.Validate();
        DeviceSelection.Resolve(config.Device);
        using var data = TokenDataset.Open(config.Data);
        return Run(config, data, progress, cancellation);
    }

    /// <summary>
    /// Trains on an already opened (or in-memory, <see cref="TokenSplit.FromTokens"/>) dataset; <c>config.Data</c>
    /// then only names it in the record (and the folder extra splits are opened from).
    /// </summary>
    public static RunResult Run(TrainConfig config, TokenDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        config.Validate();
        var device = DeviceSelection.Resolve(config.Device);
        if (data.VocabSize > config.Model.VocabSize)
            throw new ArgumentException($"The dataset's vocab_size ({data.VocabSize}) exceeds the model's ({config.Model.VocabSize}); set model.vocab_size to at least {data.VocabSize}.");
        var trained = RegionSelection.For(data.Layout, config.TrainRegions);
        RequireFits(data.Train, config, config.DatasetTokens);
        RequireFits(data.Validation, config);
        var extraNames = ExtraSplitNames(config).ToList();
        foreach (var request in config.Samples ?? [])
        {
            data.Layout.RegionId(request.Region);
            if (request.Split is not ("train" or "val") && !extraNames.Contains(request.Split))
                throw new ArgumentException($"samples: split '{request.Split}' is not evaluated by this run; add it to final_eval_splits.");
        }
        var extras = new Dictionary<string, TokenSplit>(StringComparer.Ordinal);
        using var closeExtras = new DisposeAll(extras.Values);
        foreach (string name in extraNames)
        {
            var split = TokenDataset.OpenExtraSplit(config.Data, name, data.Layout);
            extras[name] = split;
            RequireFits(split, config);
        }
        if (config.ResumeFrom is { } from && !File.Exists(from))
            throw new FileNotFoundException($"Checkpoint not found: {from}. Check resume_from, or drop it to start fresh.", from);
        set_num_threads(config.EffectiveThreads);

        using var model = new Gpt(config.Model, config.Seed);
        model.to(device);
        using var optimizer = AdamWGroups.Create(model, config.EffectiveSchedule.PeakLearningRate, config.Beta1, config.Beta2, config.Eps, config.WeightDecay, config.DecayEmbeddings);
        var notes = new List<string>();
        if (config.MeasureNoiseScale && !config.NoiseScaleMeasurable)
            notes.Add("Gradient noise scale not measured: it compares gradients at two batch sizes, so set micro_batch_sequences to at most half the batch.");
        var state = Restore(config, model, optimizer, notes) ?? FreshState(config);
        foreach (string note in notes) Notify(progress, config, state, note);

        var evaluator = new RunEvaluator(config, data, extras, trained, device);
        var run = new RunLoop(config, model, optimizer, evaluator, CreateSampler(config, data, state, trained), device, state, notes, progress);
        return run.Execute(cancellation);
    }

    /// <summary>The splits a run opens besides train and val: those evaluated along the curve or at the end.</summary>
    private static IEnumerable<string> ExtraSplitNames(TrainConfig config) =>
        (config.ExtraEvalSplits ?? []).Concat(config.FinalEvalSplits ?? []).Distinct(StringComparer.Ordinal);

    private static void RequireFits(TokenSplit split, TrainConfig config, long? tokenLimit = null)
    {
        if (split.HasExamples) ExampleSampler.RequireFits(split, config.Model.NCtx);
        else SequenceSampler.RequireLongEnough(split, config.Model.NCtx, tokenLimit);
    }

    private static IBatchSampler CreateSampler(TrainConfig config, TokenDataset data, TrainerState state, RegionSelection trained)
    {
        if (!data.Train.HasExamples)
            return new SequenceSampler(data.Train, config.Model.NCtx, config.Seed, state.SequencesDrawn, config.DatasetTokens, trained);
        int? limit = null;
        if (config.DatasetTokens is { } d)
        {
            // Kaplan's D for whole examples: the examples that lie entirely within the first D tokens.
            int n = 0;
            while (n < data.Train.ExampleCount && data.Train.ExampleStart(n) + data.Train.ExampleLength(n) <= d) n++;
            if (n == 0) throw new ArgumentException($"dataset_tokens = {d} holds no whole example of {data.Train.Name} (the first has {data.Train.ExampleLength(0)} tokens). Use a larger dataset_tokens.");
            limit = n;
        }
        return new ExampleSampler(data.Train, config.Model.NCtx, config.Seed, data.Layout, state.SequencesDrawn, trained, limit);
    }

    private static TrainerState? Restore(TrainConfig config, Gpt model, AdamW optimizer, List<string> notes)
    {
        if (config.ResumeFrom is { } path)
        {
            TrainerState state;
            try
            {
                state = Checkpoint.Load(path, model, optimizer);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{e.Message} Resume from another checkpoint (resume_from, --resume-from), or drop it to start fresh.", e);
            }
            state.RequireSameRun(config, path);
            notes.Add($"Resumed from {path} at step {state.Step}.");
            return state;
        }
        if (config.CheckpointDir is null || !config.Resume) return null;
        var latest = Checkpoint.LoadLatest(config.CheckpointDir, model, optimizer, notes);
        if (latest is not { } found) return null;
        found.State.RequireSameRun(config, found.Path);
        notes.Add($"Resumed from {found.Path} at step {found.State.Step}.");
        return found.State;
    }

    private static TrainerState FreshState(TrainConfig config) => new()
    {
        Model = config.Model,
        Seed = config.Seed,
        Schedule = config.EffectiveSchedule,
        TokensPerStep = config.TokensPerStep,
        TotalSteps = config.TotalSteps,
        Step = 0,
        Tokens = 0,
        SequencesDrawn = 0,
        Noise = new NoiseScaleState(0, 0, 0),
        Curve = [],
        LossSumSincePoint = 0,
        StepsSincePoint = 0,
        EvalsSinceBest = 0,
        ElapsedSeconds = 0,
        RunIdentity = TrainerState.IdentityOf(config),
    };

    private static void Notify(IProgress<TrainingProgress>? progress, TrainConfig config, TrainerState state, string message) =>
        progress?.Report(new TrainingProgress { Kind = ProgressKind.Notice, Step = state.Step, TotalSteps = config.TotalSteps, Tokens = state.Tokens, Message = message });

    /// <summary>The mutable part of one run, kept out of the public surface.</summary>
    private sealed class RunLoop(
        TrainConfig config, Gpt model, AdamW optimizer, RunEvaluator evaluator, IBatchSampler sampler, Device device, TrainerState initial,
        List<string> notes, IProgress<TrainingProgress>? progress)
    {
        private readonly TrainingStep trainingStep = new(model, optimizer, config.GradClip);
        private readonly BestWeights best = new(config.CheckpointDir);
        private readonly HashSet<long> logSpacedSteps = LogSpacedSteps(config.TotalSteps, config.EvalPointsPerDecade);
        private readonly double flopsPerToken = FlopCount.KaplanTrainingFlopsPerToken(config.Model);
        private readonly double flopsPerTokenWithHead = FlopCount.TrainingFlopsPerTokenWithHead(config.Model);
        private readonly GradientNoiseScale? noiseScale = NoiseScaleFor(config);
        private readonly List<CurvePoint> curve = [.. initial.Curve];
        private readonly double initialElapsed = initial.ElapsedSeconds;
        private TrainerState state = initial;
        private double lastLearningRate;
        private CancellationToken cancellation;

        public RunResult Execute(CancellationToken cancellation)
        {
            this.cancellation = cancellation;
            if (noiseScale is not null) noiseScale.Restore(state.Noise);
            var started = DateTimeOffset.UtcNow;
            var session = Stopwatch.StartNew();
            long sessionStartTokens = state.Tokens;
            var sinceCheckpoint = Stopwatch.StartNew();
            var sinceReport = Stopwatch.StartNew();
            long total = config.TotalSteps;
            // A run that already stopped early (its final checkpoint says so) is not trained further when run again.
            var status = state.StoppedEarly ? RunStatus.EarlyStopped : RunStatus.Completed;
            int microBatches = config.SequencesPerStep / config.SequencesPerMicroBatch;

            while (state.Step < total && status == RunStatus.Completed)
            {
                Interruption.ThrowIfRequested(cancellation);
                lastLearningRate = config.EffectiveSchedule.At(state.Step, config.TokensPerStep, total);
                StepStats stats;
                using (Native.QuietGc.Begin())
                using (NewDisposeScope())
                {
                    var batches = new (Tensor, Tensor)[microBatches];
                    for (int i = 0; i < microBatches; i++) batches[i] = sampler.Next(config.SequencesPerMicroBatch, device);
                    stats = trainingStep.Run(batches, lastLearningRate, noiseScale is not null);
                }
                if (stats is { SmallBatchGradNormSquared: { } small, BigBatchGradNormSquared: { } big })
                    noiseScale!.Update(small, big, stats.SmallBatchTokens, stats.BigBatchTokens);
                state = state with
                {
                    Step = state.Step + 1,
                    Tokens = state.Tokens + config.TokensPerStep,
                    SequencesDrawn = sampler.Position,
                    LossSumSincePoint = state.LossSumSincePoint + stats.Loss,
                    StepsSincePoint = state.StepsSincePoint + 1,
                    Noise = noiseScale?.State ?? state.Noise,
                    ElapsedSeconds = initialElapsed + session.Elapsed.TotalSeconds,
                };
                if (!double.IsFinite(stats.Loss) || !double.IsFinite(stats.GradNorm))
                {
                    status = RunStatus.Diverged;
                    Note($"Diverged at step {state.Step}: training loss {stats.Loss}, gradient norm {stats.GradNorm}. Try a lower learning rate or a longer warm-up.");
                    break;
                }

                double tokensPerSecond = (state.Tokens - sessionStartTokens) / Math.Max(1e-9, session.Elapsed.TotalSeconds);
                if (IsEvalStep(state.Step))
                {
                    var point = Evaluate();
                    Report(ProgressKind.Evaluation, point.TrainLoss, point.ValLoss, tokensPerSecond);
                    if (EarlyStop(point.ValLoss))
                    {
                        status = RunStatus.EarlyStopped;
                        state = state with { StoppedEarly = true };
                        Note($"Stopped early at step {state.Step}: held-out loss has not improved by {config.EarlyStoppingMinDelta} for {config.EarlyStoppingPatience} evaluations (best {state.BestValLoss:F4}).");
                        break;
                    }
                }
                else if (sinceReport.Elapsed.TotalSeconds >= config.ProgressIntervalSeconds)
                {
                    Report(ProgressKind.Step, stats.Loss, null, tokensPerSecond);
                    sinceReport.Restart();
                }

                if (config.CheckpointDir is { } dir && state.Step < total &&
                    (sinceCheckpoint.Elapsed.TotalSeconds >= config.CheckpointIntervalSeconds ||
                     (config.CheckpointEverySteps > 0 && state.Step % config.CheckpointEverySteps == 0)))
                {
                    SaveCheckpoint(dir, tokensPerSecond);
                    sinceCheckpoint.Restart();
                }
            }

            if (status != RunStatus.Diverged && state.StepsSincePoint > 0) Evaluate();
            if (status != RunStatus.Diverged && config.CheckpointDir is { } finalDir) SaveCheckpoint(finalDir, 0);
            if (status == RunStatus.Diverged)
                return BuildResult(status, null, null, null, started, session.Elapsed.TotalSeconds, state.Tokens - sessionStartTokens);
            // With early stopping, what the run reports is the early-stopped model: the weights of its best evaluation.
            if (config.EarlyStoppingPatience > 0 && !best.TryRestore(model))
                Note("Early stopping is on but the best weights were not kept (a checkpoint from before they were); the final evaluation scores the last weights.");
            double finalTrain = evaluator.TrainLoss(model, cancellation);
            var final = evaluator.FinalEvaluation(model, cancellation);
            var samples = evaluator.Samples(model, cancellation);
            return BuildResult(status, finalTrain, final, samples, started, session.Elapsed.TotalSeconds, state.Tokens - sessionStartTokens);
        }

        private CurvePoint Evaluate()
        {
            var point = new CurvePoint
            {
                Step = state.Step,
                Tokens = state.Tokens,
                ComputeFlops = state.Tokens * flopsPerToken,
                ComputeFlopsWithHead = state.Tokens * flopsPerTokenWithHead,
                TrainLoss = state.LossSumSincePoint / Math.Max(1, state.StepsSincePoint),
                ValLoss = evaluator.ValidationLoss(model, cancellation),
                LearningRate = lastLearningRate,
                GradientNoiseScale = noiseScale?.BSimple,
                ElapsedSeconds = state.ElapsedSeconds,
                ExtraValLosses = evaluator.ExtraLosses(model, cancellation),
            };
            curve.Add(point);
            state = state with { Curve = curve.ToList(), LossSumSincePoint = 0, StepsSincePoint = 0 };
            return point;
        }

        private bool EarlyStop(double valLoss)
        {
            // BestValLoss is the patience reference (moves only on an improvement of min_delta); a NaN is never one.
            if (double.IsFinite(valLoss) && (state.BestValLoss is not { } reference || valLoss < reference - config.EarlyStoppingMinDelta))
            {
                state = state with { BestValLoss = Math.Min(valLoss, state.BestValLoss ?? double.PositiveInfinity), EvalsSinceBest = 0 };
                if (config.EarlyStoppingPatience > 0) best.Keep(model);
            }
            else
                state = state with { EvalsSinceBest = state.EvalsSinceBest + 1 };
            return config.EarlyStoppingPatience > 0 && state.EvalsSinceBest >= config.EarlyStoppingPatience;
        }

        private bool IsEvalStep(long step) =>
            step == config.TotalSteps || (config.EvalEverySteps > 0 && step % config.EvalEverySteps == 0) || logSpacedSteps.Contains(step);

        private void SaveCheckpoint(string dir, double tokensPerSecond)
        {
            string path = Checkpoint.Save(dir, state, model, optimizer);
            progress?.Report(new TrainingProgress
            {
                Kind = ProgressKind.Checkpoint,
                Step = state.Step,
                TotalSteps = config.TotalSteps,
                Tokens = state.Tokens,
                LearningRate = lastLearningRate,
                TokensPerSecond = tokensPerSecond,
                Message = $"checkpoint {path}",
            });
        }

        private void Report(ProgressKind kind, double? trainLoss, double? valLoss, double tokensPerSecond)
        {
            TimeSpan? eta = tokensPerSecond > 0 ? TimeSpan.FromSeconds((config.TotalSteps - state.Step) * config.TokensPerStep / tokensPerSecond) : null;
            progress?.Report(new TrainingProgress
            {
                Kind = kind,
                Step = state.Step,
                TotalSteps = config.TotalSteps,
                Tokens = state.Tokens,
                TrainLoss = trainLoss,
                ValLoss = valLoss,
                LearningRate = lastLearningRate,
                TokensPerSecond = tokensPerSecond,
                Eta = eta,
            });
        }

        private void Note(string message)
        {
            notes.Add(message);
            Notify(progress, config, state, message);
        }

        private RunResult BuildResult(RunStatus status, double? finalTrain, Dictionary<string, Evaluation.SplitEvaluation>? final,
            List<Evaluation.Completion>? samples, DateTimeOffset started, double sessionSeconds, long sessionTokens)
        {
            var counts = model.Params;
            return new RunResult
            {
                Status = status,
                Config = config,
                LearningCurve = curve.ToList(),
                FinalTrainLoss = finalTrain,
                FinalValLoss = status == RunStatus.Diverged ? null : curve.LastOrDefault()?.ValLoss,
                // The best held-out loss the run reached: the true minimum, not the patience reference.
                BestValLoss = curve.Where(p => double.IsFinite(p.ValLoss)).Select(p => (double?)p.ValLoss).Min(),
                NonEmbeddingParams = counts.NonEmbeddingParams,
                TotalParams = counts.Total,
                EmbeddingParams = counts.Embedding,
                FlopsPerToken = flopsPerToken,
                FlopsPerTokenWithHead = flopsPerTokenWithHead,
                ComputeFlops = state.Tokens * flopsPerToken,
                ComputeFlopsWithHead = state.Tokens * flopsPerTokenWithHead,
                Steps = state.Step,
                Tokens = state.Tokens,
                GradientNoiseScale = noiseScale?.BSimple,
                WallSeconds = initialElapsed + sessionSeconds,
                TokensPerSecond = sessionSeconds > 0 ? sessionTokens / sessionSeconds : 0,
                Seed = config.Seed,
                Device = device.ToString(),
                Threads = get_num_threads(),
                LibraryVersion = Training.GitCommit.LibraryVersion(),
                TorchSharpVersion = typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown",
                GitCommit = Training.GitCommit.OfRunningCode(Environment.CurrentDirectory),
                Machine = MachineInfo.Current(),
                Date = started,
                Notes = notes.ToList(),
                FinalEvaluation = final,
                Samples = samples,
                Dataset = DatasetProvenance.Read(config.Data),
            };
        }

        private static GradientNoiseScale? NoiseScaleFor(TrainConfig config)
        {
            if (!config.MeasureNoiseScale || !config.NoiseScaleMeasurable) return null;
            return new GradientNoiseScale((double)config.SequencesPerMicroBatch * config.Model.NCtx, config.TokensPerStep, config.NoiseScaleEmaDecay);
        }

        /// <summary>Steps 10^(k / perDecade), rounded, up to the run's end: even coverage of log S for L(S) fits.</summary>
        private static HashSet<long> LogSpacedSteps(long totalSteps, int perDecade)
        {
            var steps = new HashSet<long>();
            if (perDecade <= 0) return steps;
            for (int k = 0; ; k++)
            {
                long s = (long)Math.Round(Math.Pow(10, (double)k / perDecade));
                if (s > totalSteps) break;
                steps.Add(s);
            }
            return steps;
        }
    }

    /// <summary>Disposes every split of a collection that is filled after the using statement starts.</summary>
    private sealed class DisposeAll(IEnumerable<TokenSplit> splits) : IDisposable
    {
        public void Dispose()
        {
            foreach (var split in splits) split.Dispose();
        }
    }
}
