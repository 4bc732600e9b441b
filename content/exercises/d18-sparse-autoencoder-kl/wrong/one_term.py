# expect: the Bernoulli KL also has (1 - rho)
# Keeps only the rho·log(rho/rho_hat) term of the Bernoulli KL.
import torch
import torch.nn.functional as F


def kl_sparsity_penalty(h, rho, eps=1e-6):
    q = h.mean(dim=0).clamp(eps, 1 - eps)
    return (rho * torch.log(rho / q)).sum()


def sparse_loss(x, recon, h, rho, beta, eps=1e-6):
    return F.mse_loss(recon, x) + beta * kl_sparsity_penalty(h, rho, eps)
