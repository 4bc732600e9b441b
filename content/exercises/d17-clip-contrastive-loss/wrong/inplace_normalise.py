# expect: an input was modified in place
# Normalises the embeddings in place with /=, changing the caller's tensors.
import math

import torch
import torch.nn.functional as F


def clip_loss(image_emb: torch.Tensor, text_emb: torch.Tensor, logit_scale: torch.Tensor) -> torch.Tensor:
    image_emb /= image_emb.norm(dim=-1, keepdim=True)
    text_emb /= text_emb.norm(dim=-1, keepdim=True)
    s = logit_scale.clamp(max=math.log(100)).exp()
    logits = s * image_emb @ text_emb.T
    l = torch.arange(len(logits), device=logits.device)
    return (F.cross_entropy(logits, l) + F.cross_entropy(logits.T, l)) / 2
