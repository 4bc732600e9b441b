# expect: the inputs were modified in place
# Writes the replacements into input_ids itself and returns it: the caller's batch is corrupted.
import torch


def mask_tokens(input_ids, special_mask, mask_id, vocab_size, mlm_prob=0.15, generator=None):
    shape, device = input_ids.shape, input_ids.device
    selected = (torch.rand(shape, generator=generator, device=device) < mlm_prob) & ~special_mask
    labels = torch.where(selected, input_ids, torch.full_like(input_ids, -100))
    r = torch.rand(shape, generator=generator, device=device)
    random_ids = torch.randint(0, vocab_size, shape, generator=generator, device=device)
    input_ids[selected & (r < 0.8)] = mask_id
    to_random = selected & (r >= 0.8) & (r < 0.9)
    input_ids[to_random] = random_ids[to_random]
    return input_ids, labels
