# expect: the first `ratio` fraction of each cycle
# Makes the ramp ratio * total_steps long instead of ratio * period: beta never reaches beta_max within a cycle.
import torch


def linear_warmup(step, warmup_steps, beta_max=1.0):
    if warmup_steps == 0:
        return float(beta_max)
    return float(beta_max) * min(1.0, step / warmup_steps)


def cyclical_beta(step, total_steps, n_cycles=4, ratio=0.5, beta_max=1.0):
    period = total_steps / n_cycles
    return float(beta_max) * min(1.0, (step % period) / (ratio * total_steps))


def free_bits_kl(kl_per_dim, free_bits):
    return kl_per_dim.mean(dim=0).clamp(min=free_bits).sum()
