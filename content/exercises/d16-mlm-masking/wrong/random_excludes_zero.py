# expect: the random replacements never drew the ids [0]
# Draws random ids from [1, vocab_size), thinking id 0 must be avoided: not uniform over the vocabulary.
import torch


def mask_tokens(input_ids, special_mask, mask_id, vocab_size, mlm_prob=0.15, generator=None):
    shape, device = input_ids.shape, input_ids.device
    selected = (torch.rand(shape, generator=generator, device=device) < mlm_prob) & ~special_mask
    labels = torch.where(selected, input_ids, torch.full_like(input_ids, -100))
    r = torch.rand(shape, generator=generator, device=device)
    random_ids = torch.randint(1, vocab_size, shape, generator=generator, device=device)
    masked = torch.where(selected & (r < 0.8), mask_id, input_ids)
    masked = torch.where(selected & (r >= 0.8) & (r < 0.9), random_ids, masked)
    return masked, labels
