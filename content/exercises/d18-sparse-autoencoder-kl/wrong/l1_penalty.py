# expect: this is an L1 activation penalty
# Uses the L1 sparsity penalty on the activations instead of the KL penalty.
import torch
import torch.nn.functional as F


def kl_sparsity_penalty(h, rho, eps=1e-6):
    return h.abs().sum()


def sparse_loss(x, recon, h, rho, beta, eps=1e-6):
    return F.mse_loss(recon, x) + beta * kl_sparsity_penalty(h, rho, eps)
