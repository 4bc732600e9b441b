"""Day 19 · The VAE loss: reparameterised sampling, the Gaussian KL and the negative ELBO.

A VAE's encoder maps x to the parameters of a diagonal Gaussian q(z|x) = N(mu, diag(σ²)); it
outputs mu and logvar = log σ² (the log keeps σ² positive without a constraint). Training
maximises the evidence lower bound

    ELBO(x) = E_q[log p(x|z)] - KL(q(z|x) || N(0, I))

so the loss you minimise is its negative: a reconstruction term plus a KL term.

Write three functions.

1. ``reparameterise(mu, logvar, generator=None)`` -> z, same shape, dtype and device as mu.
   z = mu + exp(0.5 * logvar) * eps with eps ~ N(0, I) drawn with ``generator`` (so that the
   same seeded generator gives the same z). Sampling z directly gives no gradient to mu and
   logvar; drawing eps outside the graph and shifting/scaling it does: gradients flow to both.
   Note σ = exp(0.5 * logvar), not exp(logvar).

2. ``gaussian_kl(mu, logvar)`` -> shape (B,): the KL of N(mu, diag(exp(logvar))) from N(0, I)
   for each sample, summed over the latent dims (dim 1):

       KL = -0.5 * sum_j (1 + logvar_j - mu_j**2 - exp(logvar_j))

   It is 0 exactly when mu = 0 and logvar = 0, and positive otherwise.

3. ``elbo_loss(x, x_recon_logits, mu, logvar, beta=1.0)`` -> a 0-dim tensor: the negative ELBO
   per sample for Bernoulli data x in [0, 1], averaged over the batch:

       mean_b [ sum over all data dims of BCE_with_logits(logits_b, x_b) + beta * KL_b ]

   Sum the reconstruction over every non-batch dim (x may be (B, D) or (B, C, H, W)): a mean over
   pixels would shrink it by the number of pixels, and the KL would then dominate. Work from the
   logits (F.binary_cross_entropy_with_logits is stable; sigmoid followed by a log is not for
   large logits).

Shapes: mu, logvar (B, L) float (maybe non-contiguous, maybe float64); x, x_recon_logits
(B, ...) of the same shape. Do not modify any input in place. No Python loops.

Checked on hidden cases: the shape, dtype and device of z; that the same seed reproduces z and
another seed changes it; the mean and standard deviation of many samples; the gradients of z
w.r.t. mu and logvar; the KL (against torch.distributions) and its gradients; the loss and its
gradients for several batch sizes, beta values, 4-D data, float64 and very large logits; and
that no input is modified.
"""

import torch
import torch.nn.functional as F


def reparameterise(mu: torch.Tensor, logvar: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
    raise NotImplementedError


def gaussian_kl(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError


def elbo_loss(x: torch.Tensor, x_recon_logits: torch.Tensor, mu: torch.Tensor, logvar: torch.Tensor,
              beta: float = 1.0) -> torch.Tensor:
    raise NotImplementedError
