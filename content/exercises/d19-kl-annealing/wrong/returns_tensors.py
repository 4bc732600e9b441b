# expect: return a plain Python float
# Computes the schedules with tensor operations and returns 0-dim tensors instead of floats.
import torch


def linear_warmup(step, warmup_steps, beta_max=1.0):
    if warmup_steps == 0:
        return torch.tensor(beta_max)
    return beta_max * torch.clamp(torch.tensor(step / warmup_steps), max=1.0)


def cyclical_beta(step, total_steps, n_cycles=4, ratio=0.5, beta_max=1.0):
    tau = torch.tensor((step * n_cycles % total_steps) / total_steps)
    return beta_max * torch.clamp(tau / ratio, max=1.0)


def free_bits_kl(kl_per_dim, free_bits):
    return kl_per_dim.mean(dim=0).clamp(min=free_bits).sum()
