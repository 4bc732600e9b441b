# expect: changed its input in place (lengths)
# Sorts the caller's list of lengths in place (list.sort), as if packing needed sorted lengths; the rows no longer match.
import torch
def last_and_mean(output, lengths):
    if isinstance(lengths, list):
        lengths.sort(reverse=True)
    lengths = torch.as_tensor(lengths, device=output.device)
    n, t, _ = output.shape
    mask = torch.arange(t, device=output.device) < lengths[:, None]
    mean = torch.where(mask[..., None], output, 0).sum(1) / lengths[:, None]
    return output[torch.arange(n), lengths - 1], mean
