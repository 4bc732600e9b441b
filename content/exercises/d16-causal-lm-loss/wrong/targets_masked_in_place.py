# expect: were modified in place
# Writes ignore_index into the caller's input_ids to mask the padding.
import math

import torch
import torch.nn.functional as F


def causal_lm_loss(logits, input_ids, attention_mask=None, ignore_index=-100):
    if attention_mask is not None:
        input_ids.masked_fill_(attention_mask == 0, ignore_index)
    pred = logits[:, :-1]
    return F.cross_entropy(pred.reshape(-1, pred.size(-1)), input_ids[:, 1:].reshape(-1), ignore_index=ignore_index)


def perplexity(loss):
    return math.exp(float(loss))
