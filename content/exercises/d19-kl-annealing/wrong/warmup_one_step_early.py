# expect: one step early
# Counts steps from 1: beta is already 1/warmup_steps at step 0 and reaches beta_max a step early.
import torch


def linear_warmup(step, warmup_steps, beta_max=1.0):
    if warmup_steps <= 0:
        return float(beta_max)
    return float(beta_max) * min(1.0, (step + 1) / warmup_steps)


def cyclical_beta(step, total_steps, n_cycles=4, ratio=0.5, beta_max=1.0):
    tau = (step * n_cycles % total_steps) / total_steps
    return float(beta_max) * min(1.0, tau / ratio)


def free_bits_kl(kl_per_dim, free_bits):
    return kl_per_dim.mean(dim=0).clamp(min=free_bits).sum()
