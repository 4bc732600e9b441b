"""Day 20 · The standard GAN losses on logits, and one alternating training step.

A GAN trains two networks against each other. The discriminator D maps a sample to one logit
(positive: "real", negative: "fake"); the generator G maps noise z to a sample. Write:

``discriminator_loss(D, real, fake)`` — the discriminator's binary cross-entropy:

    BCE(D(real), 1) + BCE(D(fake), 0)        (each term a mean over the batch)

computed on logits with ``F.binary_cross_entropy_with_logits`` (never sigmoid followed by
``BCELoss``: for logits like ±150 the sigmoid rounds to exactly 0 or 1, ``BCELoss`` clamps the
log at -100 and its gradient vanishes). The generator must receive NO gradient from this loss:
D is scored on ``fake.detach()``. Build the labels with ``torch.ones_like(logits)`` /
``torch.zeros_like(logits)`` so that they share the logits' shape (B, 1), dtype and device.

``generator_loss(D, fake)`` — the NON-saturating generator loss BCE(D(fake), 1), that is
mean(-log sigmoid(D(G(z)))). Do not minimise the minimax form mean(log(1 - sigmoid(D(G(z))))):
when D confidently rejects the fakes (logits around -20) its gradient is about sigmoid(-20)
≈ 2e-9 and G learns nothing. Here fake is NOT detached: the gradient reaches G through it.

``train_step(G, D, opt_g, opt_d, real, z)`` — one discriminator step, then one generator step:
make fake = G(z); zero D's gradients, backward the discriminator loss, step opt_d; then score
fake against the UPDATED D, zero G's gradients, backward the generator loss, step opt_g. Only
opt_d steps after the discriminator loss and only opt_g after the generator loss; every step
starts from zeroed gradients (the optimizers may arrive holding stale ones). Return
``(d_loss, g_loss)`` as two Python floats (``.item()``), the values before each update.

Shapes: real (B, x_dim), z (B, z_dim); D(x) is (B, 1). Losses are 0-d tensors of the logits'
dtype (float32 or float64).

Checked, with hidden small MLPs for G and D: both loss values and their gradients against the
reference (also on logits of ±150 and on fakes that D rejects at logits of -20 and, in float32,
about -120), that G gets no
gradient from discriminator_loss, that real and fake are left unchanged, float64 and a batch of
one, and two train_step calls replayed against a reference: each optimizer's step count and the
gradients it sees, the parameters after every step and the returned floats.
"""

import torch
import torch.nn.functional as F
from torch import nn


def discriminator_loss(D: nn.Module, real: torch.Tensor, fake: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError


def generator_loss(D: nn.Module, fake: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError


def train_step(G: nn.Module, D: nn.Module, opt_g: torch.optim.Optimizer, opt_d: torch.optim.Optimizer,
               real: torch.Tensor, z: torch.Tensor) -> tuple[float, float]:
    raise NotImplementedError
