"""Day 16 · BERT-style masked-language-model (MLM) masking.

Write ``mask_tokens(input_ids, special_mask, mask_id, vocab_size, mlm_prob=0.15, generator=None)``
returning ``(masked_inputs, labels)``, the corruption BERT's pre-training applies to each batch:

1. Select each position with probability ``mlm_prob``, independently, except the positions where
   ``special_mask`` is True ([CLS], [SEP], [PAD], ...): those are never selected.
2. Of the selected positions, 80% become ``mask_id``, 10% become a random token id drawn
   uniformly from the whole vocabulary [0, vocab_size) (it may happen to equal the original),
   and 10% keep their original id.
3. ``labels`` holds the original id at every selected position and -100 everywhere else.

Why: the encoder sees the whole sentence in both directions, so predicting the current token
would be trivial; hiding 15% of the tokens and asking for them back is the task that makes it
learn bidirectional representations. The 80/10/10 split exists because [MASK] never appears when
the model is fine-tuned: leaving some selected tokens unchanged or random forces the model to
build a good representation of *every* token, not only of the masked ones. -100 is the default
``ignore_index`` of ``nn.CrossEntropyLoss``, so the loss counts only the selected positions
(0 would be a real token id, trained as a target).

Shapes: ``input_ids`` (B, T) int64 (possibly a non-contiguous view), ``special_mask`` (B, T)
bool. Both outputs are new (B, T) int64 tensors on the input's device; the inputs must not be
modified in place. Draw every random number with ``generator`` (a ``torch.Generator`` on the
input's device, or None for the global one), so the same seed reproduces the same masking.

Rules: no Python loops over tokens or rows (vectorised tensor operations only).

Checked: masking is random, so the checks look at properties on large hidden batches, with
bounds far outside sampling noise: special tokens are never selected or changed, labels are -100
exactly where a position was not selected, the selection rate is mlm_prob for every position,
the 80/10/10 split, random ids cover the whole vocabulary, dtype and device, no mutation, the same
seed gives the same result, a batch of one and rows that are all special tokens.
"""

import torch


def mask_tokens(input_ids: torch.Tensor, special_mask: torch.Tensor, mask_id: int, vocab_size: int,
                mlm_prob: float = 0.15, generator: torch.Generator | None = None
                ) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError
