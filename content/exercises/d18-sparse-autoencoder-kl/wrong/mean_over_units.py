# expect: the penalty is the sum of the per-unit KL terms
# Averages the per-unit KL over the hidden units instead of summing it.
import torch
import torch.nn.functional as F


def kl_sparsity_penalty(h, rho, eps=1e-6):
    q = h.mean(dim=0).clamp(eps, 1 - eps)
    return (rho * torch.log(rho / q) + (1 - rho) * torch.log((1 - rho) / (1 - q))).mean()


def sparse_loss(x, recon, h, rho, beta, eps=1e-6):
    return F.mse_loss(recon, x) + beta * kl_sparsity_penalty(h, rho, eps)
