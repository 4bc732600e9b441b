# expect: normalised along dim 0
# Normalises each feature over the batch (dim 0) instead of each embedding (a row).
import math

import torch
import torch.nn.functional as F


def clip_loss(image_emb: torch.Tensor, text_emb: torch.Tensor, logit_scale: torch.Tensor) -> torch.Tensor:
    img = F.normalize(image_emb, dim=0)
    txt = F.normalize(text_emb, dim=0)
    s = logit_scale.clamp(max=math.log(100)).exp()
    logits = s * img @ txt.T
    l = torch.arange(len(logits), device=logits.device)
    return (F.cross_entropy(logits, l) + F.cross_entropy(logits.T, l)) / 2
