# expect: this is the mean over all T steps, padding included
# Averages over the time dimension of the padded batch: the padded steps are counted too.
import torch


def last_and_mean(output, lengths):
    lengths = torch.as_tensor(lengths, device=output.device)
    last = output[torch.arange(output.shape[0], device=output.device), lengths - 1]
    return last, output.mean(dim=1)
