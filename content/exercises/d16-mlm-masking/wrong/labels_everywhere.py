# expect: labels hold the original id at every position
# Keeps the original ids as labels at every position, so the loss also covers the visible tokens.
import torch


def mask_tokens(input_ids, special_mask, mask_id, vocab_size, mlm_prob=0.15, generator=None):
    shape, device = input_ids.shape, input_ids.device
    selected = (torch.rand(shape, generator=generator, device=device) < mlm_prob) & ~special_mask
    labels = input_ids.clone()
    r = torch.rand(shape, generator=generator, device=device)
    random_ids = torch.randint(0, vocab_size, shape, generator=generator, device=device)
    masked = torch.where(selected & (r < 0.8), mask_id, input_ids)
    masked = torch.where(selected & (r >= 0.8) & (r < 0.9), random_ids, masked)
    return masked, labels
