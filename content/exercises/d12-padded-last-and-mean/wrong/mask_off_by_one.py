# expect: the mask keeps one padded step too
# Builds the mask with <= lengths: one padded step per shorter sequence counts as valid.
import torch


def last_and_mean(output, lengths):
    lengths = torch.as_tensor(lengths, device=output.device)
    last = output[torch.arange(output.shape[0], device=output.device), lengths - 1]
    mask = torch.arange(output.shape[1], device=output.device) <= lengths[:, None]
    return last, torch.where(mask[..., None], output, 0).sum(1) / mask.sum(1, keepdim=True)
