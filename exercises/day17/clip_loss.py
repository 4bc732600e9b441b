"""Day 17 · The symmetric CLIP contrastive loss.

CLIP trains an image encoder and a text encoder together so that an image and its caption land
close together in one shared embedding space. In a batch of n (image, caption) pairs, pair i is
the only correct match for image i among the n captions, and for caption i among the n images:
the other n - 1 items of the batch are the negatives. The loss is a cross-entropy in both
directions over the n x n matrix of scaled cosine similarities.

Write ``clip_loss(image_emb, text_emb, logit_scale)``:

1. L2-normalise each row of image_emb (n, d) and text_emb (n, d), so that only the directions
   count (the loss must not change when an embedding is scaled by a positive number).
2. logits = exp(logit_scale) * img @ txt.T, an (n, n) matrix. logit_scale is the learnable log of
   the inverse temperature (a 0-dim tensor; CLIP starts it at log(1 / 0.07)). As in CLIP, the
   scale may not exceed 100: clamp the *log* value at log(100) before taking exp.
3. Row i of logits scores the n captions for image i; column i scores the n images for caption
   i. The targets are the diagonal: labels = 0, 1, ..., n - 1 (int64, on the logits' device).
   loss = (cross_entropy(logits, labels) + cross_entropy(logits.T, labels)) / 2.

Return the loss as a 0-dim tensor in the embeddings' dtype, connected to the graph, so that
gradients flow to image_emb, text_emb and logit_scale. Do not modify any input in place.

Checked on hidden batches: the loss and its gradients w.r.t. both embeddings and logit_scale
against the reference, both directions, embeddings of very different lengths, the clamp
(logit_scale = 10 and logit_scale = 100 give the same loss as log(100), with a finite
gradient), duplicate captions, a batch of one, float64, and that no input was changed.
"""

import math

import torch
import torch.nn.functional as F


def clip_loss(image_emb: torch.Tensor, text_emb: torch.Tensor, logit_scale: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError
