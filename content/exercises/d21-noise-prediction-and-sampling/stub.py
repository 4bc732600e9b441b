"""Day 21 · DDPM: the noise-prediction training loss and one reverse (sampling) step.

Ho et al. (2020) train a network eps_theta(x_t, t) to predict the noise that was mixed into x_t.
The variational bound of a DDPM reduces (up to a weight per timestep, which the "simple" loss
drops) to

    L_simple = E_{x0, t, noise} || noise - eps_theta(sqrt(a_bar_t) x0 + sqrt(1 - a_bar_t) noise, t) ||^2

and sampling runs the learned reverse chain from pure noise x_{T-1} down to x_0, one step at a
time, with

    eps  = eps_theta(x_t, t)
    mean = 1 / sqrt(alpha_t) * (x_t - beta_t / sqrt(1 - a_bar_t) * eps)
    x_{t-1} = mean + sigma_t * z,   z ~ N(0, I)   for t > 0,    x_{t-1} = mean at t = 0

where alpha_t = 1 - beta_t, a_bar_t = alphas_cumprod[t], and this exercise uses Ho et al.'s
choice sigma_t^2 = beta_t (the other choice, the posterior variance
beta_tilde_t = (1 - a_bar_{t-1}) / (1 - a_bar_t) * beta_t, is NOT what is checked). At t = 0
no noise is added: the mean is the final sample. Timesteps are 0-indexed (0 .. T - 1).

The model is called as model(x, t) with x like x_t and t a (B,) int64 tensor on x's device
(one timestep per sample); the models used by the checks refuse anything else.

noise_prediction_loss(model, x0, t, noise, alphas_cumprod) -> 0-dim tensor
    x0, noise: (B, ...) float; t: (B,) int64 (a different timestep per sample);
    alphas_cumprod: (T,) float64, maybe on the CPU. The mean squared error over all elements,
    of x0's dtype, with gradients flowing to the model's parameters.

p_sample_step(model, x_t, t, betas, alphas_cumprod, noise) -> x_{t-1}
    x_t, noise: (B, ...) float; t: a Python int, the SAME step for the whole batch;
    betas, alphas_cumprod: (T,) float64, maybe on the CPU. Returns x_t's shape, dtype and device.
    Sampling needs no gradients: run it under torch.no_grad(), so that the result does not
    require grad even though the model has parameters.

Neither function may modify its inputs in place. q_sample from the previous exercise is given.

Checked: against the reference with small hidden models (vectors and images, float32 and
float64, a batch of one), an "oracle" model that returns the true noise (its step must land on
the posterior mean, and at t = 0 on x0 itself), t = 0 and t = T - 1, what the model is called
with, gradients of the loss, no graph from the sampling step, dtypes, and unchanged inputs.
"""

import math

import torch
import torch.nn.functional as F


def q_sample(x0, t, alphas_cumprod, noise):
    """x_t = sqrt(a_bar_t) x0 + sqrt(1 - a_bar_t) noise, per sample (from the previous exercise)."""
    a = alphas_cumprod.to(x0.device)[t].to(x0.dtype).reshape(-1, *([1] * (x0.dim() - 1)))
    return a.sqrt() * x0 + (1 - a).sqrt() * noise


def noise_prediction_loss(model, x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor,
                          alphas_cumprod: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError


def p_sample_step(model, x_t: torch.Tensor, t: int, betas: torch.Tensor, alphas_cumprod: torch.Tensor,
                  noise: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError
