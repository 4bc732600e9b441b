import math

import torch
import torch.nn.functional as F


def clip_loss(image_emb: torch.Tensor, text_emb: torch.Tensor, logit_scale: torch.Tensor) -> torch.Tensor:
    img = F.normalize(image_emb, dim=-1)  # unit rows: img @ txt.T are cosine similarities
    txt = F.normalize(text_emb, dim=-1)
    scale = logit_scale.clamp(max=math.log(100)).exp()  # clamp the log first: exp never overflows
    logits = scale * img @ txt.T  # (n, n): row i scores the texts for image i
    labels = torch.arange(logits.shape[0], device=logits.device)  # int64, the diagonal is correct
    return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels)) / 2
