# expect: no selected position kept its original id
# Puts labels only where the token was changed: the 10% left unchanged lose their label.
import torch

def mask_tokens(input_ids, special_mask, mask_id, vocab_size, mlm_prob=0.15, generator=None):
    shape, device = input_ids.shape, input_ids.device
    selected = (torch.rand(shape, generator=generator, device=device) < mlm_prob) & ~special_mask
    r = torch.rand(shape, generator=generator, device=device)
    random_ids = torch.randint(0, vocab_size, shape, generator=generator, device=device)
    masked = torch.where(selected & (r < 0.8), mask_id, input_ids)
    masked = torch.where(selected & (r >= 0.8) & (r < 0.9), random_ids, masked)
    labels = torch.where(masked != input_ids, input_ids, torch.full_like(input_ids, -100))
    return masked, labels
