# expect: this is alphas = 1 - betas
# Returns the one-step alphas instead of their running product.
import math

import torch


def linear_betas(T: int, beta_start: float = 1e-4, beta_end: float = 0.02) -> torch.Tensor:
    return torch.linspace(beta_start, beta_end, T, dtype=torch.float64)


def cosine_betas(T: int, s: float = 0.008, max_beta: float = 0.999) -> torch.Tensor:
    u = torch.arange(T + 1, dtype=torch.float64) / T
    f = torch.cos((u + s) / (1 + s) * math.pi / 2) ** 2
    alpha_bar = f / f[0]
    betas = 1 - alpha_bar[1:] / alpha_bar[:-1]
    return betas.clamp(max=max_beta)


def alphas_cumprod(betas: torch.Tensor) -> torch.Tensor:
    return 1 - betas


def q_sample(x0: torch.Tensor, t: torch.Tensor, alphas_cumprod: torch.Tensor, noise: torch.Tensor) -> torch.Tensor:
    a = alphas_cumprod.to(x0.device)[t].to(x0.dtype)  # one alpha_bar per sample, (B,)
    a = a.reshape(-1, *([1] * (x0.dim() - 1)))  # (B, 1, 1, ...): lines up with the batch dim
    return a.sqrt() * x0 + (1 - a).sqrt() * noise
