"""Day 18 · A denoising autoencoder: corruption process and one training step.

A denoising autoencoder (Vincent et al., 2008) is trained to undo damage: each step it
corrupts the input x into x_tilde, encodes and decodes x_tilde, and is scored on how close the
reconstruction is to the CLEAN x. Because the identity map no longer solves the task, the
network must learn the structure of the data (which pixels go together) to fill in what the
noise destroyed. The corruption is stochastic; the reconstruction is deterministic.

Write two functions.

1. ``corrupt(x, noise_std, drop_prob, generator)`` returns a NEW tensor x_tilde (same shape,
   dtype and device as x; x itself is left untouched) made by two corruptions, in this order:
     * additive Gaussian noise: x + noise_std * N(0, 1), elementwise;
     * masking noise: each element is set to exactly 0 with probability drop_prob,
       independently. Unlike dropout there is NO rescaling by 1 / (1 - drop_prob): the
       masked input is what the network sees, not an activation whose mean must be kept.
   Draw every random number from ``generator`` (a ``torch.Generator`` on x's device;
   ``torch.randn`` and ``torch.rand`` accept ``generator=``), never from the global RNG, so that
   the same generator seed always gives the same corruption. Draw the noise first, then the
   mask (e.g. ``torch.rand(...) < drop_prob`` marks the dropped elements).

2. ``train_step(model, optimizer, x, noise_std, drop_prob, generator)`` performs one training
   step on a batch x of shape (B, D) and returns the loss as a Python float:
     * put the model in training mode (the caller may have left it in eval mode, and the
       model may contain dropout);
     * x_tilde = corrupt(x, noise_std, drop_prob, generator), using your corrupt();
     * the loss is ``F.mse_loss(model(x_tilde), x)`` (mean reduction), against the clean x;
     * clear old gradients, backpropagate, update: zero_grad, backward, step.

What is checked (hidden autoencoders, fixed generator seeds, two steps in a row on the same
model): corrupt()'s output layout, that x is not modified, reproducibility for a fixed
generator seed whatever the global RNG does, a fresh corruption on a second call with the same
(advanced) generator, the fraction of zeroed elements, the mean and the
std of (x_tilde - x) over the kept elements (within 6-sigma bounds), then for train_step: one
forward in train mode on corrupt(x, ...) drawn from the generator, the returned type and value,
the gradient at the moment optimizer.step() runs and the parameters after the step. Cases include
an identity model, a batch of one, float64 and a non-contiguous x.
"""

import torch
import torch.nn.functional as F
from torch import nn


def corrupt(x: torch.Tensor, noise_std: float, drop_prob: float, generator: torch.Generator) -> torch.Tensor:
    raise NotImplementedError


def train_step(model: nn.Module, optimizer: torch.optim.Optimizer, x: torch.Tensor, noise_std: float,
               drop_prob: float, generator: torch.Generator) -> float:
    raise NotImplementedError
