# expect: were not L2-normalised
# Uses the raw dot products: long embeddings get huge logits, short ones nearly none.
import math

import torch
import torch.nn.functional as F


def clip_loss(image_emb, text_emb, logit_scale):
    logits = logit_scale.clamp(max=math.log(100)).exp() * image_emb @ text_emb.T
    labels = torch.arange(logits.shape[0], device=logits.device)
    return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels)) / 2
