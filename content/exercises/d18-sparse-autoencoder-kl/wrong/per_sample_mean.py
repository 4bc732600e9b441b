# expect: rho_hat is the mean activation of each unit over the batch
# Averages over the wrong dimension: one rho_hat per sample instead of one per hidden unit.
import torch
import torch.nn.functional as F


def kl_sparsity_penalty(h, rho, eps=1e-6):
    q = h.mean(dim=1).clamp(eps, 1 - eps)
    return (rho * torch.log(rho / q) + (1 - rho) * torch.log((1 - rho) / (1 - q))).sum()


def sparse_loss(x, recon, h, rho, beta, eps=1e-6):
    return F.mse_loss(recon, x) + beta * kl_sparsity_penalty(h, rho, eps)
