"""Day 16 · The next-token loss of a decoder-only (GPT-style) language model.

Write ``causal_lm_loss(logits, input_ids, attention_mask=None, ignore_index=-100)`` and
``perplexity(loss)``.

A causal LM fed ``input_ids`` (B, T) returns ``logits`` (B, T, V). Because of the causal mask,
the logits at position t have seen tokens 0..t only, and they are trained to predict the *next*
token, t + 1. So the loss shifts by one: ``logits[:, :-1]`` predict ``input_ids[:, 1:]``. The last
position has no next token in the sequence, and the first token is never predicted. One forward
pass trains all T - 1 predictions of every sequence in parallel (teacher forcing).

Not every target counts:
- where ``attention_mask`` (B, T, 1 = real token, 0 = padding) is 0 at the *target's* position,
  the target is padding and is ignored (padding may be on the right or on the left);
- any target equal to ``ignore_index`` is ignored (e.g. prompt tokens set to -100 so that only
  the answer is trained).
The loss is the mean cross-entropy over the counted targets only, not over B * T (or B * (T - 1))
positions: otherwise a batch with more padding gets a smaller loss.

Returns a 0-dim tensor of the logits' dtype with gradients flowing to ``logits`` (they are zero at
the last position and at every ignored target). ``perplexity(loss)`` is exp(loss) of that mean
per-token loss (in nats, natural log) as a Python float: a model that predicts the uniform
distribution over V tokens has loss log V and perplexity V.

Shapes: logits (B, T, V) float32 or float64, possibly non-contiguous; input_ids (B, T) int64;
attention_mask (B, T) int64 or bool, or None. T >= 2. Do not modify the inputs.
``F.cross_entropy`` is allowed (it takes (N, V) logits and (N,) targets, so flatten first).

Rules: no Python loops over rows or tokens.

Checked: the loss and its gradient against the reference on hidden batches: no padding, right and
left padding, a row that is padding but for one token, ignore_index targets, float64, T = 2,
non-contiguous logits, a batch of one, confident float32 logits of magnitude in the hundreds,
an ignore_index that is a real (non-negative) id, uneven padding (a mean over all positions is
caught), a uniform model's perplexity, the return types and that no input is modified.
"""

import torch


def causal_lm_loss(logits: torch.Tensor, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None,
                   ignore_index: int = -100) -> torch.Tensor:
    raise NotImplementedError


def perplexity(loss: torch.Tensor) -> float:
    raise NotImplementedError
