# expect: a mean of per-sequence means
# Averages each sequence's mean loss: short sequences weigh as much as long ones.
import math
import torch
import torch.nn.functional as F

def causal_lm_loss(logits, input_ids, attention_mask=None, ignore_index=-100):
    t = input_ids[:, 1:]
    if attention_mask is not None:
        t = t.masked_fill(attention_mask[:, 1:] == 0, ignore_index)
    x = logits[:, :-1]
    per = F.cross_entropy(x.transpose(1, 2), t, ignore_index=ignore_index, reduction="none")
    n = (t != ignore_index).sum(1).clamp(min=1)
    return (per.sum(1) / n).mean()

def perplexity(loss):
    return math.exp(float(loss))

