# expect: fake got a gradient
# Never detaches fake, and differentiates w.r.t. the non-leaf x_hat.
import torch
from torch import nn


def gradient_penalty(critic: nn.Module, real: torch.Tensor, fake: torch.Tensor,
                     generator: torch.Generator | None = None, lambda_gp: float = 10.0) -> torch.Tensor:
    # the critic's step must not send gradient into the generator
    shape = (real.shape[0],) + (1,) * (real.dim() - 1)  # one epsilon per sample, broadcast over the rest
    eps = torch.rand(shape, generator=generator, device=real.device, dtype=real.dtype)
    x_hat = eps * real + (1 - eps) * fake
    scores = critic(x_hat)
    (grads,) = torch.autograd.grad(scores.sum(), x_hat, create_graph=True)  # keep the graph: the penalty is trained
    norms = grads.flatten(start_dim=1).norm(2, dim=1)  # per-sample L2 norm over every non-batch dim
    return lambda_gp * ((norms - 1) ** 2).mean()


def critic_loss(critic: nn.Module, real: torch.Tensor, fake: torch.Tensor,
                generator: torch.Generator | None = None, lambda_gp: float = 10.0) -> torch.Tensor:
    wasserstein = critic(fake).mean() - critic(real).mean()  # the critic minimises this: real high, fake low
    return wasserstein + gradient_penalty(critic, real, fake, generator, lambda_gp)
