# expect: this matches counting the padded targets
# Shifts correctly but ignores attention_mask: padding tokens are trained as targets.
import math

import torch
import torch.nn.functional as F


def causal_lm_loss(logits, input_ids, attention_mask=None, ignore_index=-100):
    pred = logits[:, :-1]
    return F.cross_entropy(pred.reshape(-1, pred.size(-1)), input_ids[:, 1:].reshape(-1), ignore_index=ignore_index)


def perplexity(loss):
    return math.exp(float(loss))
