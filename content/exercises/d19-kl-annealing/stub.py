"""Day 19 · KL annealing and free bits.

A VAE trained with the full KL term from the first step often suffers *posterior collapse*: the
KL pushes q(z|x) onto the prior before the decoder has learnt to use z, the decoder learns to
ignore z, and the KL stays near 0. Three standard remedies weight or floor the KL term of
``recon + beta * KL``. Write them.

1. ``linear_warmup(step, warmup_steps, beta_max=1.0)`` -> float. beta rises linearly from 0 at
   step 0 to beta_max at step == warmup_steps, then stays there:

       beta = beta_max * min(1, step / warmup_steps)

   warmup_steps = 0 means no warm-up: beta_max from step 0 on.

2. ``cyclical_beta(step, total_steps, n_cycles=4, ratio=0.5, beta_max=1.0)`` -> float. The
   cyclical schedule of Fu et al. (2019): the run of total_steps steps is split into n_cycles
   cycles of length period = total_steps / n_cycles (not necessarily a whole number). Within each
   cycle, beta rises linearly from 0 (at the cycle's start) to beta_max over the first ``ratio``
   fraction of the cycle, then stays at beta_max until the cycle ends:

       tau  = (step mod period) / period           # position in the cycle, in [0, 1)
       beta = beta_max * min(1, tau / ratio)

   Tip: tau = (step * n_cycles % total_steps) / total_steps gives the same tau from integers,
   without floating-point rounding at cycle boundaries. 0 < ratio <= 1; 0 <= step < total_steps.

3. ``free_bits_kl(kl_per_dim, free_bits)`` -> 0-dim tensor. kl_per_dim (B, L) holds the KL of
   each sample and latent dim. Free bits (Kingma et al., 2016) give each latent dim a floor of
   ``free_bits`` nats: average over the batch first, then clamp each dim, then sum the dims:

       sum_j max(free_bits, mean_b kl_per_dim[b, j])

   A dim below the floor contributes a constant (no gradient), so the optimiser stops pushing
   its KL to 0; a dim above it gets the ordinary gradient 1/B per element. Clamp per dim, after
   the batch mean: not per sample, and not the total.

Return Python floats (not tensors, not numpy numbers) from 1 and 2; a tensor of kl_per_dim's
dtype with a graph from 3. Do not modify the input in place.

Checked on hidden cases: every step of several schedules (step 0, the end of the ramp, cycle
boundaries, the last step, warmup_steps = 0 and 1, ratio = 1, one cycle, cycle lengths that are
not whole numbers), the types returned, and free_bits_kl's value and gradient on batches of one,
float64, non-contiguous input and dims on both sides of the floor.
"""

import torch


def linear_warmup(step: int, warmup_steps: int, beta_max: float = 1.0) -> float:
    raise NotImplementedError


def cyclical_beta(step: int, total_steps: int, n_cycles: int = 4, ratio: float = 0.5, beta_max: float = 1.0) -> float:
    raise NotImplementedError


def free_bits_kl(kl_per_dim: torch.Tensor, free_bits: float) -> torch.Tensor:
    raise NotImplementedError
