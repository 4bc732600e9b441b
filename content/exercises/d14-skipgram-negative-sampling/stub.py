"""Day 14 · Skip-gram with negative sampling (SGNS): the noise sampler and the loss.

Word2vec's skip-gram model learns two tables: an input (centre-word) embedding v and an output
(context-word) embedding u. A full softmax over the vocabulary for every (centre, context) pair
is too expensive, so negative sampling replaces it by a few binary decisions: the true context
word o should score high against the centre c, and k "noise" words drawn at random should score
low. The loss of one example is

    loss = -log σ(u_o · v_c) - Σ_{j=1..k} log σ(-u_{n_j} · v_c)

Mikolov et al. draw the noise words from the unigram distribution raised to the power 3/4,
which flattens it: frequent words are sampled less than their share, rare words more.

Write three functions:

1. ``noise_distribution(counts, power=0.75)``: counts (V,) of word frequencies (int64 or float)
   -> probabilities (V,) proportional to counts**power, summing to 1. Apply the power first,
   then normalise. Words with count 0 get probability 0. Integer counts give a float32 result;
   float counts keep their dtype. Do not modify ``counts``.

2. ``sample_negatives(probs, num_positives, k, generator)``: draw k noise words for each of
   num_positives examples -> int64 tensor (num_positives, k) on probs' device. Draws are
   independent (with replacement: the same word may appear twice in a row), and all randomness
   comes from ``generator`` (a torch.Generator), so the same seed gives the same negatives.
   Use ``torch.multinomial``.

3. ``sgns_loss(center, context, negatives, in_embed, out_embed)``: center (B,) and context (B,)
   int64 word ids, negatives (B, K) int64 ids, in_embed (V, D) and out_embed (V, D) float
   weights -> a 0-dim tensor: the loss above averaged over the batch (the mean over B, the
   negatives summed inside each example). Centre words are looked up in ``in_embed``, context
   and negative words in ``out_embed``. Compute log σ with ``F.logsigmoid``: log(sigmoid(x))
   underflows to log(0) = -inf once x is very negative (about -90 in float32), with nan
   gradients. Gradients must reach both tables.

Rules: no Python loops or comprehensions.

Checked on hidden cases: the distribution against hidden counts (with zero counts, huge counts,
float64), the sampler's shape, dtype, device, reproducibility with a seeded generator and its
frequencies over 100 000 draws, the loss and its gradients w.r.t. both tables against the
reference (float64, a batch of one, non-contiguous weights, repeated ids, dot products of ±150),
and that no input is modified in place.
"""

import torch
import torch.nn.functional as F


def noise_distribution(counts: torch.Tensor, power: float = 0.75) -> torch.Tensor:
    raise NotImplementedError


def sample_negatives(probs: torch.Tensor, num_positives: int, k: int,
                     generator: torch.Generator) -> torch.Tensor:
    raise NotImplementedError


def sgns_loss(center: torch.Tensor, context: torch.Tensor, negatives: torch.Tensor,
              in_embed: torch.Tensor, out_embed: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError
