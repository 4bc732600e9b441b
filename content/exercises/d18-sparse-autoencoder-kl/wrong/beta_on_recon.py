# expect: it weights the sparsity penalty only
# Puts beta on the reconstruction term instead of the penalty.
import torch
import torch.nn.functional as F


def kl_sparsity_penalty(h, rho, eps=1e-6):
    q = h.mean(dim=0).clamp(eps, 1 - eps)
    return (rho * torch.log(rho / q) + (1 - rho) * torch.log((1 - rho) / (1 - q))).sum()


def sparse_loss(x, recon, h, rho, beta, eps=1e-6):
    return beta * F.mse_loss(recon, x) + kl_sparsity_penalty(h, rho, eps)
