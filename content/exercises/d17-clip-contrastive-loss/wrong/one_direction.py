# expect: only the image-to-text direction
# Scores texts for each image only; nothing teaches the text side to find its image.
import math

import torch
import torch.nn.functional as F


def clip_loss(image_emb, text_emb, logit_scale):
    img, txt = F.normalize(image_emb, dim=-1), F.normalize(text_emb, dim=-1)
    logits = logit_scale.clamp(max=math.log(100)).exp() * img @ txt.T
    return F.cross_entropy(logits, torch.arange(logits.shape[0], device=logits.device))
