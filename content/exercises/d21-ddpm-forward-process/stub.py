"""Day 21 · The DDPM forward process: noise schedules, alphas_cumprod and q_sample.

A DDPM destroys data step by step with a fixed Markov chain q(x_t | x_{t-1}) = N(sqrt(1 - beta_t)
x_{t-1}, beta_t I). Because every step is Gaussian, you can jump from x_0 to any x_t in one
shot: with alpha_t = 1 - beta_t and alpha_bar_t = alpha_1 * ... * alpha_t,

    q(x_t | x_0) = N(sqrt(alpha_bar_t) x_0, (1 - alpha_bar_t) I)
    x_t = sqrt(alpha_bar_t) * x_0 + sqrt(1 - alpha_bar_t) * noise,   noise ~ N(0, I)

Training draws a random t per sample and uses exactly this formula, so it must be right.
Timesteps here are 0-indexed: t = 0 is the first (least noisy) step, t = T - 1 the last.

Write four functions:

linear_betas(T, beta_start=1e-4, beta_end=0.02) -> (T,) float64
    Ho et al. (2020): T values evenly spaced from beta_start to beta_end, both included.

cosine_betas(T, s=0.008, max_beta=0.999) -> (T,) float64
    Nichol & Dhariwal (2021): define alpha_bar through f(u) = cos((u + s) / (1 + s) * pi / 2) ** 2
    at the T + 1 points u = k / T, k = 0..T, alpha_bar(k) = f(k / T) / f(0); then
    beta for step k (k = 1..T, stored at index k - 1) is 1 - alpha_bar(k) / alpha_bar(k - 1),
    clipped so that no beta exceeds max_beta (near u = 1 the ratio goes to 0 and beta to 1).

alphas_cumprod(betas) -> same shape and dtype as betas
    alpha_bar_t = prod_{i <= t} (1 - beta_i); its first entry is 1 - betas[0].

q_sample(x0, t, alphas_cumprod, noise) -> x_t
    x0: (B, ...) data (vectors (B, D) or images (B, C, H, W)), any float dtype, any device;
    t: (B,) int64 timesteps, one per sample, on x0's device; noise: like x0.
    alphas_cumprod: (T,) float64, possibly on the CPU while x0 is on a GPU.
    Return a new tensor with x0's shape, dtype and device (gather the coefficients, then move
    and cast them). The (B,) coefficients must line up with the batch dim of x0.
    Do not modify any input in place.

Checked: the schedules against the reference to 1e-12 (defaults and other arguments), the
clipping and monotonicity of the cosine schedule, alphas_cumprod on given betas, q_sample on
vectors, (B, L, D) sequences and images with every sample at a different t, t = 0 and t = T - 1, float32 data with a
float64 schedule, a batch of one, float64 data, non-contiguous inputs, and that no input changes.
"""

import math

import torch


def linear_betas(T: int, beta_start: float = 1e-4, beta_end: float = 0.02) -> torch.Tensor:
    raise NotImplementedError


def cosine_betas(T: int, s: float = 0.008, max_beta: float = 0.999) -> torch.Tensor:
    raise NotImplementedError


def alphas_cumprod(betas: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError


def q_sample(x0: torch.Tensor, t: torch.Tensor, alphas_cumprod: torch.Tensor, noise: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError
