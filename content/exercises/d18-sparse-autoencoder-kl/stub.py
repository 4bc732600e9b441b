"""Day 18 · Sparse autoencoder: the KL sparsity penalty.

A sparse autoencoder may have more hidden units than inputs; what stops it from copying its
input is a penalty that keeps each hidden unit OFF most of the time, so that each unit learns
to respond to one specific pattern (selective, more interpretable features). With sigmoid
hidden activations h in (0, 1), the average activation of unit j over a batch is

    rho_hat_j = mean over the B samples of h[:, j]            (one number per unit)

and the penalty (Ng's sparse autoencoder notes) pushes every rho_hat_j towards a small target
rho (e.g. 0.05) with the KL divergence between two Bernoulli distributions:

    KL(rho || rho_hat_j) = rho * log(rho / rho_hat_j) + (1 - rho) * log((1 - rho) / (1 - rho_hat_j))
    penalty = sum over the H hidden units of KL(rho || rho_hat_j)

It is 0 exactly when rho_hat_j = rho, grows without bound as rho_hat_j approaches 0 or 1, and
is not symmetric: KL(rho || rho_hat) is not KL(rho_hat || rho).

Write two functions.

1. ``kl_sparsity_penalty(h, rho, eps=1e-6)``: h of shape (B, H), values in [0, 1] (sigmoid
   outputs, possibly exactly 0 or 1 after saturation); rho a float in (0, 1). Clamp rho_hat to
   [eps, 1 - eps] before taking logs, so that a dead unit (always 0) or a saturated unit
   (always 1) gives a finite penalty and a finite gradient. Return a 0-dim tensor of h's dtype,
   with gradients flowing back to h.

2. ``sparse_loss(x, recon, h, rho, beta, eps=1e-6)``: the full training objective
   ``F.mse_loss(recon, x) + beta * kl_sparsity_penalty(h, rho, eps)`` (beta weights the
   penalty only), a 0-dim tensor with gradients to recon and h.

Rules: no ``F.kl_div`` / ``nn.KLDivLoss`` and no Python loops: write the formula, vectorised.
Do not modify the inputs in place.

Checked: the penalty and its gradient w.r.t. h against the reference, then sparse_loss and its
gradients w.r.t. recon and h, on random activations, rho_hat = rho (penalty 0), an asymmetric
case, dead and saturated units, units that are exactly 0 or 1 on only some samples, a batch of
one, float64 with a small eps and a non-contiguous h; and that the
inputs are left unchanged.
"""

import torch
import torch.nn.functional as F


def kl_sparsity_penalty(h: torch.Tensor, rho: float, eps: float = 1e-6) -> torch.Tensor:
    raise NotImplementedError


def sparse_loss(x: torch.Tensor, recon: torch.Tensor, h: torch.Tensor, rho: float, beta: float,
                eps: float = 1e-6) -> torch.Tensor:
    raise NotImplementedError
