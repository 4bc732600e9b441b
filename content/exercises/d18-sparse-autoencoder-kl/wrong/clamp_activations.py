# expect: clamp the mean rho_hat, not each activation
# Clamps every activation instead of the mean: same value on dead units, but the gradient of each
# activation that is exactly 0 or 1 is cut to 0.
import torch
import torch.nn.functional as F

def kl_sparsity_penalty(h, rho, eps=1e-6):
    q = h.clamp(eps, 1 - eps).mean(0)
    return (rho * torch.log(rho / q) + (1 - rho) * torch.log((1 - rho) / (1 - q))).sum()

def sparse_loss(x, recon, h, rho, beta, eps=1e-6):
    return F.mse_loss(recon, x) + beta * kl_sparsity_penalty(h, rho, eps)
