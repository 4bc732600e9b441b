# expect: an input was modified in place
# Clamps the parameter in place as CLIP's training loop does, inside the loss.
import math

import torch
import torch.nn.functional as F


def clip_loss(image_emb, text_emb, logit_scale):
    img, txt = F.normalize(image_emb, dim=-1), F.normalize(text_emb, dim=-1)
    logit_scale.data.clamp_(max=math.log(100))
    logits = logit_scale.exp() * img @ txt.T
    labels = torch.arange(logits.shape[0], device=logits.device)
    return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels)) / 2
