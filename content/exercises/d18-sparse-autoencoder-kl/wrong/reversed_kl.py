# expect: this is KL(rho_hat || rho), the reversed direction
# Swaps the two distributions: KL(rho_hat || rho) is a different, asymmetric quantity.
import torch
import torch.nn.functional as F


def kl_sparsity_penalty(h, rho, eps=1e-6):
    q = h.mean(dim=0).clamp(eps, 1 - eps)
    return (q * torch.log(q / rho) + (1 - q) * torch.log((1 - q) / (1 - rho))).sum()


def sparse_loss(x, recon, h, rho, beta, eps=1e-6):
    return F.mse_loss(recon, x) + beta * kl_sparsity_penalty(h, rho, eps)
