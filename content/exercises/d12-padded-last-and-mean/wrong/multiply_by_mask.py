# expect: 0 * NaN = NaN
# Zeroes the padded steps by multiplying with a 0/1 mask: right for finite padding, NaN when padding holds NaN.
import torch


def last_and_mean(output, lengths):
    lengths = torch.as_tensor(lengths, device=output.device)
    last = output[torch.arange(output.shape[0], device=output.device), lengths - 1]
    mask = (torch.arange(output.shape[1], device=output.device) < lengths[:, None]).to(output.dtype)
    return last, (output * mask[..., None]).sum(1) / lengths[:, None]
