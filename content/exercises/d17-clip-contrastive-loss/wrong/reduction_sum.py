# expect: reduction='sum'
# Sums each cross-entropy over the batch, so the loss grows with the batch size.
import math

import torch
import torch.nn.functional as F


def clip_loss(image_emb: torch.Tensor, text_emb: torch.Tensor, logit_scale: torch.Tensor) -> torch.Tensor:
    img = F.normalize(image_emb, dim=-1)
    txt = F.normalize(text_emb, dim=-1)
    s = logit_scale.clamp(max=math.log(100)).exp()
    logits = s * img @ txt.T
    l = torch.arange(len(logits), device=logits.device)
    return (F.cross_entropy(logits, l, reduction="sum") + F.cross_entropy(logits.T, l, reduction="sum")) / 2
