# expect: for t > 0 add sigma_t * noise
# Skips the noise one step too early (t <= 1), as if the steps were 1-indexed.
import math

import torch
import torch.nn.functional as F


def q_sample(x0, t, alphas_cumprod, noise):
    a = alphas_cumprod.to(x0.device)[t].to(x0.dtype).reshape(-1, *([1] * (x0.dim() - 1)))
    return a.sqrt() * x0 + (1 - a).sqrt() * noise


def noise_prediction_loss(model, x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor,
                          alphas_cumprod: torch.Tensor) -> torch.Tensor:
    x_t = q_sample(x0, t, alphas_cumprod, noise)
    return F.mse_loss(model(x_t, t), noise)  # the target is the noise, the input is x_t


@torch.no_grad()
def p_sample_step(model, x_t: torch.Tensor, t: int, betas: torch.Tensor, alphas_cumprod: torch.Tensor,
                  noise: torch.Tensor) -> torch.Tensor:
    steps = torch.full((x_t.shape[0],), t, dtype=torch.long, device=x_t.device)
    eps = model(x_t, steps)
    beta, a_bar = float(betas[t]), float(alphas_cumprod[t])  # scalars in float64, no dtype promotion
    mean = (x_t - beta / math.sqrt(1 - a_bar) * eps) / math.sqrt(1 - beta)
    if t <= 1:
        return mean  # wrong: t = 1 still needs its noise
    return mean + math.sqrt(beta) * noise  # sigma_t^2 = beta_t (Ho et al.)
