# expect: the 80/10/10 replacement applies only to the selected positions
# Applies the 80/10/10 draw to every non-special position instead of only to the selected 15%.
import torch


def mask_tokens(input_ids, special_mask, mask_id, vocab_size, mlm_prob=0.15, generator=None):
    shape, device = input_ids.shape, input_ids.device
    selected = (torch.rand(shape, generator=generator, device=device) < mlm_prob) & ~special_mask
    labels = torch.where(selected, input_ids, torch.full_like(input_ids, -100))
    r = torch.rand(shape, generator=generator, device=device)
    random_ids = torch.randint(0, vocab_size, shape, generator=generator, device=device)
    masked = torch.where(~special_mask & (r < 0.8), mask_id, input_ids)
    masked = torch.where(~special_mask & (r >= 0.8) & (r < 0.9), random_ids, masked)
    return masked, labels
