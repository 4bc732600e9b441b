# expect: was given softmax probabilities
# Applies softmax before F.cross_entropy, which applies log_softmax again.
import math

import torch
import torch.nn.functional as F


def clip_loss(image_emb, text_emb, logit_scale):
    img, txt = F.normalize(image_emb, dim=-1), F.normalize(text_emb, dim=-1)
    logits = logit_scale.clamp(max=math.log(100)).exp() * img @ txt.T
    labels = torch.arange(logits.shape[0], device=logits.device)
    return (F.cross_entropy(logits.softmax(dim=1), labels) + F.cross_entropy(logits.T.softmax(dim=1), labels)) / 2
