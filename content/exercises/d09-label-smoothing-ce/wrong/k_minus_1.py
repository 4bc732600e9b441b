# expect: PyTorch spreads eps over all K classes
# Spreads the smoothing mass over the K - 1 wrong classes only (the formula in some papers),
# which is not what F.cross_entropy(label_smoothing=eps) computes.
import torch


def label_smoothing_cross_entropy(logits, target, eps, ignore_index=-100):
    k = logits.shape[1]
    log_p = torch.log_softmax(logits, dim=1)
    keep = target != ignore_index
    one_hot = torch.nn.functional.one_hot(target.masked_fill(~keep, 0), k).to(logits.dtype)
    q = one_hot * (1 - eps) + (1 - one_hot) * eps / (k - 1)
    per_sample = -(q * log_p).sum(dim=1)
    return per_sample[keep].sum() / keep.sum()
