# expect: torch.normal(mu, std) (or
# Samples z directly from N(mu, σ²): the right distribution, but no gradient reaches mu and logvar.
import torch
import torch.nn.functional as F


def reparameterise(mu, logvar, generator=None):
    return torch.normal(mu, torch.exp(0.5 * logvar), generator=generator)


def gaussian_kl(mu, logvar):
    return -0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(dim=1)


def elbo_loss(x, x_recon_logits, mu, logvar, beta=1.0):
    recon = F.binary_cross_entropy_with_logits(x_recon_logits, x, reduction="none").flatten(1).sum(1)
    return (recon + beta * gaussian_kl(mu, logvar)).mean()

