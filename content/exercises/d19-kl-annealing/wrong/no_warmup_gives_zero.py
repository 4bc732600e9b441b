# expect: beta is beta_max from step 0 on, not 0
# Reads warmup_steps = 0 as 'beta stays 0' instead of 'no warm-up'.
import torch


def linear_warmup(step: int, warmup_steps: int, beta_max: float = 1.0) -> float:
    if warmup_steps <= 0:
        return 0.0
    return float(beta_max) * min(1.0, step / warmup_steps)


def cyclical_beta(step: int, total_steps: int, n_cycles: int = 4, ratio: float = 0.5, beta_max: float = 1.0) -> float:
    tau = (step * n_cycles % total_steps) / total_steps  # (step mod period) / period, exactly
    return float(beta_max) * min(1.0, tau / ratio)


def free_bits_kl(kl_per_dim: torch.Tensor, free_bits: float) -> torch.Tensor:
    return kl_per_dim.mean(dim=0).clamp(min=free_bits).sum()  # batch mean per dim, then the floor
