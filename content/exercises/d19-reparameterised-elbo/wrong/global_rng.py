# expect: not from the global random state
# Draws eps from the global RNG and ignores the generator: not reproducible from a seeded generator.
import torch
import torch.nn.functional as F


def reparameterise(mu, logvar, generator=None):
    return mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)


def gaussian_kl(mu, logvar):
    return -0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(dim=1)


def elbo_loss(x, x_recon_logits, mu, logvar, beta=1.0):
    recon = F.binary_cross_entropy_with_logits(x_recon_logits, x, reduction="none").flatten(1).sum(1)
    return (recon + beta * gaussian_kl(mu, logvar)).mean()

