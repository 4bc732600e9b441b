# expect: integer cycle length
# Rounds the cycle length down with //: with 10 steps and 4 cycles the cycles are 2 steps, not 2.5.
import torch


def linear_warmup(step, warmup_steps, beta_max=1.0):
    if warmup_steps == 0:
        return float(beta_max)
    return float(beta_max) * min(1.0, step / warmup_steps)


def cyclical_beta(step, total_steps, n_cycles=4, ratio=0.5, beta_max=1.0):
    period = total_steps // n_cycles
    tau = (step % period) / period
    return float(beta_max) * min(1.0, tau / ratio)


def free_bits_kl(kl_per_dim, free_bits):
    return kl_per_dim.mean(dim=0).clamp(min=free_bits).sum()
