# expect: were divided by exp(logit_scale)
# Treats exp(logit_scale) as a temperature and divides by it.
import math

import torch
import torch.nn.functional as F


def clip_loss(image_emb, text_emb, logit_scale):
    img, txt = F.normalize(image_emb, dim=-1), F.normalize(text_emb, dim=-1)
    logits = img @ txt.T / logit_scale.clamp(max=math.log(100)).exp()
    labels = torch.arange(logits.shape[0], device=logits.device)
    return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels)) / 2
