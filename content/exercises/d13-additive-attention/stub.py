"""Day 13 · Additive (Bahdanau) attention with a padding mask.

Write ``additive_attention(query, keys, values, W_q, W_k, v, mask)`` returning
``(context, weights)``.

In an encoder-decoder, attention lets the decoder look back at every encoder state instead of
squeezing the whole input into one fixed vector. Additive attention (Bahdanau et al., 2015)
scores each key with a small one-hidden-layer network:

    score[b, t] = v · tanh(query[b] @ W_q + keys[b, t] @ W_k)
    weights[b]  = softmax over t of score[b]        (only over real, unpadded positions)
    context[b]  = sum_t weights[b, t] * values[b, t]

Shapes:
    query  (B, Dq)     the decoder state, one query per batch item
    keys   (B, T, Dk)  the encoder states to score
    values (B, T, Dv)  what is averaged (often the same tensor as keys)
    W_q (Dq, H), W_k (Dk, H), v (H,)   the learned parameters
    mask   (B, T) bool: True for a real position, False for padding; every row has at least
           one True
    returns context (B, Dv) and weights (B, T), both of the inputs' dtype

Padded positions must get exactly zero weight, and every row of weights must sum to 1 over
the real positions. Gradients must flow to all six float inputs. Do not change any input in
place (the caller reuses the encoder states and the mask).

Rules: no Python loops, no ``F.scaled_dot_product_attention`` or ``nn.MultiheadAttention``.

Checked: context, weights and the gradients w.r.t. query, keys, values, W_q, W_k and v against
the reference, for several batches and lengths, a batch of one, T = 1, rows where only one
position is real, float64, non-contiguous keys, huge values in padded positions; also the
return type and that no input is modified in place.
"""

import torch


def additive_attention(query, keys, values, W_q, W_k, v, mask):
    raise NotImplementedError
