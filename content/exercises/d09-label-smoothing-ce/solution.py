import torch


def label_smoothing_cross_entropy(logits: torch.Tensor, target: torch.Tensor, eps: float,
                                  ignore_index: int = -100) -> torch.Tensor:
    log_p = torch.log_softmax(logits, dim=1)  # (N, K), stable for large logits
    keep = target != ignore_index  # (N,)
    safe = target.masked_fill(~keep, 0)  # any valid class; those rows are zeroed below
    nll = -log_p.gather(1, safe.unsqueeze(1)).squeeze(1)  # -log p[target], (N,)
    uniform = -log_p.mean(dim=1)  # cross-entropy against the uniform distribution, (N,)
    per_sample = (1 - eps) * nll + eps * uniform
    return per_sample.masked_fill(~keep, 0).sum() / keep.sum()
