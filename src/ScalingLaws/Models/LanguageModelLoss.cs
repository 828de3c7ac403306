using static TorchSharp.torch;

namespace ScalingLaws.Models;

/// <summary>Next-token cross-entropy in nats per token, with a per-token loss mask.</summary>
public static class LanguageModelLoss
{
    /// <summary>Target id that marks a position excluded from the loss (a prompt token, an image before its caption).</summary>
    public const long MaskedTarget = -1;

    /// <summary>
    /// Mean cross-entropy (nats/token) of logits (B, T, V) against targets (B, T), averaged over the positions whose
    /// target is not <see cref="MaskedTarget"/>.
    /// </summary>
    public static Tensor LossNatsPerToken(Tensor logits_BxTxV, Tensor targets_BxT)
    {
        long v = logits_BxTxV.shape[^1];
        // (B, T, V) -> (B*T, V) and (B, T) -> (B*T)
        return nn.functional.cross_entropy(logits_BxTxV.reshape(-1, v), targets_BxT.reshape(-1), ignore_index: MaskedTarget);
    }
}
