# expect: every sample needs its own noise
# Draws one noise vector of shape (L,) and broadcasts it over the batch: all samples get the same eps.
import torch
import torch.nn.functional as F


def reparameterise(mu: torch.Tensor, logvar: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
    std = torch.exp(0.5 * logvar)  # logvar = log σ², so σ = exp(logvar / 2)
    eps = torch.randn(mu.shape[1:], generator=generator, dtype=mu.dtype, device=mu.device)  # outside the graph
    return mu + std * eps  # differentiable in mu and logvar


def gaussian_kl(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    return -0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(dim=1)  # (B,)


def elbo_loss(x: torch.Tensor, x_recon_logits: torch.Tensor, mu: torch.Tensor, logvar: torch.Tensor,
              beta: float = 1.0) -> torch.Tensor:
    recon = F.binary_cross_entropy_with_logits(x_recon_logits, x, reduction="none").flatten(1).sum(dim=1)  # (B,)
    return (recon + beta * gaussian_kl(mu, logvar)).mean()
