# expect: kept their id, expected about 10%
# Draws the random 10% with probability 0.1 of the remaining 20%: only 2% random, 18% unchanged.
import torch

def mask_tokens(input_ids, special_mask, mask_id, vocab_size, mlm_prob=0.15, generator=None):
    shape, device = input_ids.shape, input_ids.device
    selected = (torch.rand(shape, generator=generator, device=device) < mlm_prob) & ~special_mask
    labels = torch.where(selected, input_ids, torch.full_like(input_ids, -100))
    rep = selected & (torch.rand(shape, generator=generator, device=device) < 0.8)
    rnd = selected & ~rep & (torch.rand(shape, generator=generator, device=device) < 0.1)
    random_ids = torch.randint(0, vocab_size, shape, generator=generator, device=device)
    masked = torch.where(rep, mask_id, input_ids)
    masked = torch.where(rnd, random_ids, masked)
    return masked, labels
