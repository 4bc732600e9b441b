# expect: the mask must be shifted with the targets
# Counts a target only when its input is real too: with left padding the first real token is never trained.
import math
import torch
import torch.nn.functional as F

def causal_lm_loss(logits, input_ids, attention_mask=None, ignore_index=-100):
    t = input_ids[:, 1:]
    if attention_mask is not None:
        m = attention_mask.bool()
        t = t.masked_fill(~(m[:, 1:] & m[:, :-1]), ignore_index)
    x = logits[:, :-1]
    return F.cross_entropy(x.reshape(-1, x.size(-1)), t.reshape(-1), ignore_index=ignore_index)

def perplexity(loss):
    return math.exp(float(loss))

