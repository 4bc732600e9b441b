"""Day 14 · Nearest neighbours, analogies and a mean bag-of-words encoder on an embedding table.

The standard ways to look inside a word-embedding table: which words lie closest to a word
(cosine similarity), whether vector arithmetic solves analogies (king - man + woman ≈ queen),
and the simplest sentence vector, the mean of its word vectors. ``weight`` is a (V, D) float
embedding matrix (an ``nn.Embedding``'s weight); word ids are int64. Never modify ``weight``
in place (no ``weight /= ...``, no ``div_``): it is the model's parameter.

Cosine similarity is computed as ``F.cosine_similarity`` does: each vector is divided by its
norm clamped to at least ``eps``, so a zero vector has similarity 0 with everything.

1. ``nearest_neighbours(weight, query_ids, k, eps=1e-8)``: query_ids (Q,) -> a pair
   ``(scores, ids)``, both (Q, m) with m = min(k, V - 1): for each query the m most similar
   words by cosine similarity, most similar first, never the query word itself. Scores have
   weight's dtype, ids are int64. Ties: equal scores are ordered by the smaller word id first.

2. ``analogy(weight, a, b, c, eps=1e-8)``: a, b, c (Q,) -> ids (Q,) int64 solving
   a : b :: c : ? by 3CosAdd: normalise every vector to unit length first, then pick the word d
   that maximises n_d · (n_b - n_a + n_c), that is cos(d, b) - cos(d, a) + cos(d, c). The
   words a, b and c themselves are excluded (otherwise b or c usually wins). Ties: smaller id.

3. ``mean_bag(weight, tokens, offsets, padding_idx=None)``: tokens (N,) holds B sentences one
   after another, bag i starting at offsets[i] (offsets (B,), offsets[0] = 0, non-decreasing;
   repeated offsets mean empty bags) -> (B, D) of weight's dtype: the mean word vector of each
   bag, exactly what ``nn.EmbeddingBag(mode='mean', padding_idx=...)`` returns. Tokens equal to
   padding_idx are left out of the bag: out of the sum and out of the count. A bag with no
   tokens left (empty, or only padding) gives a zero vector. Gradients must flow to weight.

Rules: no ``F.embedding_bag`` / ``nn.EmbeddingBag`` (compare with them yourself).

Checked on hidden vocabularies: scores and ids against the reference (zero vectors, ties,
k larger than the vocabulary, float64), analogies whose answer depends on normalising first and
on excluding a, b, c, bags with padding, empty bags and a batch of one against EmbeddingBag to
1e-6, the gradient w.r.t. weight, and that weight is not modified.
"""

import torch
import torch.nn.functional as F


def nearest_neighbours(weight: torch.Tensor, query_ids: torch.Tensor, k: int,
                       eps: float = 1e-8) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError


def analogy(weight: torch.Tensor, a: torch.Tensor, b: torch.Tensor, c: torch.Tensor,
            eps: float = 1e-8) -> torch.Tensor:
    raise NotImplementedError


def mean_bag(weight: torch.Tensor, tokens: torch.Tensor, offsets: torch.Tensor,
             padding_idx: int | None = None) -> torch.Tensor:
    raise NotImplementedError
