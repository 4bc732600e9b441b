# expect: a sum over all data dims
# Averages the BCE over the pixels: the reconstruction term shrinks by D and the KL dwarfs it (posterior collapse).
import torch
import torch.nn.functional as F


def reparameterise(mu, logvar, generator=None):
    std = torch.exp(0.5 * logvar)
    return mu + std * torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)


def gaussian_kl(mu, logvar):
    return -0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(dim=1)


def elbo_loss(x, x_recon_logits, mu, logvar, beta=1.0):
    recon = F.binary_cross_entropy_with_logits(x_recon_logits, x, reduction="none").flatten(1).mean(1)
    return (recon + beta * gaussian_kl(mu, logvar)).mean()
