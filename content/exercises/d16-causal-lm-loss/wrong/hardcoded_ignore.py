# expect: honour the ignore_index argument
# Ignores only -100 (and negative ids), not the ignore_index it is given.
import math
import torch
import torch.nn.functional as F

def causal_lm_loss(logits, input_ids, attention_mask=None, ignore_index=-100):
    t = input_ids[:, 1:]
    if attention_mask is not None:
        t = t.masked_fill(attention_mask[:, 1:] == 0, -100)
    t = t.masked_fill(t < 0, -100)
    x = logits[:, :-1]
    return F.cross_entropy(x.reshape(-1, x.size(-1)), t.reshape(-1))

def perplexity(loss):
    return math.exp(float(loss))

