# expect: not the eps you were given
# sparse_loss forgets to pass eps on, so the penalty silently uses the default 1e-6.
import torch
import torch.nn.functional as F

def kl_sparsity_penalty(h, rho, eps=1e-6):
    q = h.mean(0).clamp(eps, 1 - eps)
    return (rho * torch.log(rho / q) + (1 - rho) * torch.log((1 - rho) / (1 - q))).sum()

def sparse_loss(x, recon, h, rho, beta, eps=1e-6):
    return F.mse_loss(recon, x) + beta * kl_sparsity_penalty(h, rho)