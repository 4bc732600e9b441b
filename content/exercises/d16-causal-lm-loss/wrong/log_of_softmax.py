# expect: the loss is not finite
# Takes log(softmax(x)): a probability that underflows to 0 gives -inf, so confident logits give an infinite loss.
import math
import torch
import torch.nn.functional as F

def causal_lm_loss(logits, input_ids, attention_mask=None, ignore_index=-100):
    t = input_ids[:, 1:]
    if attention_mask is not None:
        t = t.masked_fill(attention_mask[:, 1:] == 0, ignore_index)
    logp = torch.log(torch.softmax(logits[:, :-1], -1))
    return F.nll_loss(logp.reshape(-1, logp.size(-1)), t.reshape(-1), ignore_index=ignore_index)

def perplexity(loss):
    return math.exp(float(loss))

