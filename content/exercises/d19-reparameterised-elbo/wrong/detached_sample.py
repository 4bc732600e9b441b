# expect: not connected to mu and logvar in the autograd graph
# Builds z correctly, then detaches it (as in 'sampling is not differentiable'): the encoder gets no gradient.
import torch
import torch.nn.functional as F


def reparameterise(mu, logvar, generator=None):
    eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)
    return (mu + torch.exp(0.5 * logvar) * eps).detach().requires_grad_(mu.requires_grad)


def gaussian_kl(mu, logvar):
    return -0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(dim=1)


def elbo_loss(x, x_recon_logits, mu, logvar, beta=1.0):
    recon = F.binary_cross_entropy_with_logits(x_recon_logits, x, reduction="none").flatten(1).sum(1)
    return (recon + beta * gaussian_kl(mu, logvar)).mean()

