# expect: position t's logits predict token t + 1
# Compares every position's logits with the token at the same position: the model would learn to copy.
import math

import torch
import torch.nn.functional as F


def causal_lm_loss(logits, input_ids, attention_mask=None, ignore_index=-100):
    targets = input_ids
    if attention_mask is not None:
        targets = targets.masked_fill(attention_mask == 0, ignore_index)
    return F.cross_entropy(logits.reshape(-1, logits.size(-1)), targets.reshape(-1), ignore_index=ignore_index)


def perplexity(loss):
    return math.exp(float(loss))
