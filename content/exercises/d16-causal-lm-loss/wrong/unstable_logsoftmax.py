# expect: the log-sum-exp trick
# Computes log-softmax as x - x.exp().sum().log() without subtracting the maximum: exp overflows on large logits.
import math
import torch
import torch.nn.functional as F

def causal_lm_loss(logits, input_ids, attention_mask=None, ignore_index=-100):
    t = input_ids[:, 1:]
    keep = t != ignore_index
    if attention_mask is not None:
        keep = keep & (attention_mask[:, 1:] != 0)
    x = logits[:, :-1]
    logp = x - x.exp().sum(-1, keepdim=True).log()
    picked = logp.gather(-1, t.masked_fill(~keep, 0)[..., None]).squeeze(-1)
    return -(picked * keep).sum() / keep.sum()

def perplexity(loss):
    return math.exp(float(loss))

