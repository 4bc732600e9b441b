# expect: must be int64 class indices
# Builds the labels in the logits' dtype, as if they were numbers to regress.
import math

import torch
import torch.nn.functional as F


def clip_loss(image_emb, text_emb, logit_scale):
    img, txt = F.normalize(image_emb, dim=-1), F.normalize(text_emb, dim=-1)
    logits = logit_scale.clamp(max=math.log(100)).exp() * img @ txt.T
    labels = torch.arange(logits.shape[0], device=logits.device, dtype=logits.dtype)
    return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels)) / 2
