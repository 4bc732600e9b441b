"""Day 20 · The WGAN-GP gradient penalty and the critic's loss.

A Wasserstein GAN's critic must be 1-Lipschitz. WGAN-GP (Gulrajani et al., 2017) enforces
that softly: it asks the norm of the critic's gradient w.r.t. its input to be 1 on points
between real and fake samples. Write:

``gradient_penalty(critic, real, fake, generator=None, lambda_gp=10.0)``:

1. Detach fake (the critic's loss must send no gradient into the generator).
2. Draw ONE epsilon per sample, uniform on [0, 1), exactly as
   ``torch.rand((B, 1, ..., 1), generator=generator, device=real.device, dtype=real.dtype)``
   with as many 1s as real has non-batch dims, so it broadcasts over each sample (the checks
   replay this draw). Not one epsilon for the whole batch.
3. x_hat = eps * real + (1 - eps) * fake, a new tensor that requires grad.
4. grads = d critic(x_hat).sum() / d x_hat with ``torch.autograd.grad(..., create_graph=True)``:
   summing gives each sample's own gradient (samples do not interact), and create_graph=True
   keeps the graph so that the penalty itself can be backpropagated into the critic's weights.
5. The L2 norm of each sample's gradient over ALL its non-batch dims (an image (C, H, W) is one
   vector of C*H*W numbers), and the penalty lambda_gp * mean((norm - 1) ** 2).

Return a 0-d tensor of real's dtype, differentiable w.r.t. the critic's parameters.

``critic_loss(critic, real, fake, generator=None, lambda_gp=10.0)``: the loss the critic
minimises, mean(critic(fake)) - mean(critic(real)) + gradient_penalty(...) (fake detached, the
same generator passed on).

Shapes: real and fake (B, ...) of the same shape, e.g. (B, D) or (B, C, H, W); critic(x) is (B, 1).

Checked, with hidden critics (a linear critic w·x + b, whose penalty is exactly
lambda_gp * (|w| - 1)^2 for any epsilon, and small tanh MLPs): the penalty and the loss and their
gradients w.r.t. the critic's parameters against the reference; what the critic was evaluated on
(one epsilon per sample, between real and fake); image-shaped and flat inputs, float64, a batch
of one; that fake gets no gradient; that the same generator seed gives the same penalty; and
that real and fake are left unchanged.
"""

import torch
from torch import nn


def gradient_penalty(critic: nn.Module, real: torch.Tensor, fake: torch.Tensor,
                     generator: torch.Generator | None = None, lambda_gp: float = 10.0) -> torch.Tensor:
    raise NotImplementedError


def critic_loss(critic: nn.Module, real: torch.Tensor, fake: torch.Tensor,
                generator: torch.Generator | None = None, lambda_gp: float = 10.0) -> torch.Tensor:
    raise NotImplementedError
