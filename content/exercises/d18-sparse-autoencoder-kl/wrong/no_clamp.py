# expect: clamp rho_hat to [eps, 1 - eps] before the logs
# Takes logs of the raw mean: a dead or saturated unit gives log(0) = -inf, so inf and nan.
import torch
import torch.nn.functional as F


def kl_sparsity_penalty(h, rho, eps=1e-6):
    q = h.mean(dim=0)
    return (rho * torch.log(rho / q) + (1 - rho) * torch.log((1 - rho) / (1 - q))).sum()


def sparse_loss(x, recon, h, rho, beta, eps=1e-6):
    return F.mse_loss(recon, x) + beta * kl_sparsity_penalty(h, rho, eps)
