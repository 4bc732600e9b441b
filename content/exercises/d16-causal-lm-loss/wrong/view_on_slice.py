# expect: Use .reshape(...) instead
# Flattens the sliced logits with .view, which fails: logits[:, :-1] is not contiguous.
import math

import torch
import torch.nn.functional as F


def causal_lm_loss(logits, input_ids, attention_mask=None, ignore_index=-100):
    targets = input_ids[:, 1:]
    if attention_mask is not None:
        targets = targets.masked_fill(attention_mask[:, 1:] == 0, ignore_index)
    pred = logits[:, :-1]
    return F.cross_entropy(pred.view(-1, pred.size(-1)), targets.reshape(-1), ignore_index=ignore_index)


def perplexity(loss):
    return math.exp(float(loss))
