using ScalingLaws.Models;
using TorchSharp;
using TorchSharp.Modules;

namespace ScalingLaws.Training;

/// <summary>AdamW with two parameter groups: weight decay on matrices only (Loshchilov &amp; Hutter 2019; nanoGPT).</summary>
public static class AdamWGroups
{
    /// <summary>
    /// Builds AdamW over <paramref name="model"/>: group 0 holds the decayed matrices, group 1 biases, LayerNorm
    /// parameters and embeddings (decayed too when <paramref name="decayEmbeddings"/>). The learning rate is set per
    /// step by the trainer through <c>ParamGroups</c>.
    /// </summary>
    public static AdamW Create(Gpt model, double learningRate, double beta1, double beta2, double eps, double weightDecay, bool decayEmbeddings = false)
    {
        var (decay, noDecay) = model.WeightDecayGroups(decayEmbeddings);
        var groups = new List<AdamW.ParamGroup>
        {
            new(decay, learningRate, beta1, beta2, eps, weightDecay),
            new(noDecay, learningRate, beta1, beta2, eps, 0.0),
        };
        return torch.optim.AdamW(groups, learningRate, beta1, beta2, eps, weightDecay);
    }

    /// <summary>Sets every group's learning rate (the schedule is a pure function of the step, so resume needs only the step).</summary>
    public static void SetLearningRate(this AdamW optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
    }
}
