# expect: BERT replaces only 80% of them by [MASK]
# Replaces every selected token by [MASK]: no 10% random, no 10% unchanged.
import torch


def mask_tokens(input_ids, special_mask, mask_id, vocab_size, mlm_prob=0.15, generator=None):
    selected = (torch.rand(input_ids.shape, generator=generator, device=input_ids.device) < mlm_prob) & ~special_mask
    labels = torch.where(selected, input_ids, torch.full_like(input_ids, -100))
    return input_ids.masked_fill(selected, mask_id), labels
