import torch
import torch.nn.functional as F


def kl_sparsity_penalty(h: torch.Tensor, rho: float, eps: float = 1e-6) -> torch.Tensor:
    rho_hat = h.mean(dim=0).clamp(eps, 1 - eps)  # (H,): average activation of each unit over the batch
    kl = rho * torch.log(rho / rho_hat) + (1 - rho) * torch.log((1 - rho) / (1 - rho_hat))
    return kl.sum()  # summed over the hidden units


def sparse_loss(x: torch.Tensor, recon: torch.Tensor, h: torch.Tensor, rho: float, beta: float,
                eps: float = 1e-6) -> torch.Tensor:
    return F.mse_loss(recon, x) + beta * kl_sparsity_penalty(h, rho, eps)
