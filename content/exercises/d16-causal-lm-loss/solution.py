import math

import torch
import torch.nn.functional as F


def causal_lm_loss(logits: torch.Tensor, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None,
                   ignore_index: int = -100) -> torch.Tensor:
    targets = input_ids[:, 1:]  # position t predicts token t + 1
    if attention_mask is not None:
        targets = targets.masked_fill(attention_mask[:, 1:] == 0, ignore_index)  # the targets' own mask
    predictions = logits[:, :-1]  # the last position predicts nothing here
    return F.cross_entropy(predictions.reshape(-1, logits.size(-1)), targets.reshape(-1), ignore_index=ignore_index)


def perplexity(loss: torch.Tensor) -> float:
    return math.exp(float(loss))
