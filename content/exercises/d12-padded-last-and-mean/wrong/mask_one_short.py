# expect: the mask drops the last valid step
# Builds the mask with t < lengths - 1, mixing up the last index with the length: the last valid step is left out.
import torch
def last_and_mean(output, lengths):
    lengths = torch.as_tensor(lengths, device=output.device)
    n, t, _ = output.shape
    mask = torch.arange(t, device=output.device) < (lengths - 1)[:, None]
    mean = torch.where(mask[..., None], output, 0).sum(1) / mask.sum(1, keepdim=True).clamp(min=1)
    return output[torch.arange(n), lengths - 1], mean
