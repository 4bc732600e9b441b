# expect: must get the label -100, the ignore_index of CrossEntropyLoss
# Uses 0 for "no label", as if it were padding; CrossEntropyLoss then trains id 0 everywhere.
import torch


def mask_tokens(input_ids, special_mask, mask_id, vocab_size, mlm_prob=0.15, generator=None):
    shape, device = input_ids.shape, input_ids.device
    selected = (torch.rand(shape, generator=generator, device=device) < mlm_prob) & ~special_mask
    labels = input_ids * selected
    r = torch.rand(shape, generator=generator, device=device)
    random_ids = torch.randint(0, vocab_size, shape, generator=generator, device=device)
    masked = torch.where(selected & (r < 0.8), mask_id, input_ids)
    masked = torch.where(selected & (r >= 0.8) & (r < 0.9), random_ids, masked)
    return masked, labels
