"""Day 12 · The last valid step and the masked mean of a padded batch of LSTM outputs.

Write ``last_and_mean(output, lengths)`` returning the tuple ``(last, mean)``: for every
sequence of a padded batch, the output at its last *valid* time step and the mean of its
outputs over the valid steps only.

Why: sequences of different lengths (sentences, reviews, sensor traces) are padded to the
longest one to make a batch. A recurrent layer run over the padded batch produces outputs at the
padded steps too, and those are garbage for the classifier on top. A sentiment classifier reads
one vector per sequence: either the state after its last real token or the mean over its real
tokens. Reading ``output[:, -1]`` takes padding for every sequence shorter than T. For a
one-direction, one-layer LSTM, ``last`` is exactly the ``h_n[0]`` that ``nn.LSTM`` returns when
the batch goes in through ``pack_padded_sequence(x, lengths, batch_first=True,
enforce_sorted=False)``.

Inputs:
    output   (N, T, H), batch_first: output[i, t] is valid for t < lengths[i], padding after.
             The padded positions may hold anything (the layer's outputs over padding, zeros,
             even NaN): they must not influence the result. It may be non-contiguous.
    lengths  N lengths, 1 <= lengths[i] <= T, in any order (not sorted), given either as a
             Python list of ints or as a CPU int64 tensor (what pack_padded_sequence wants),
             while output may be on a GPU.
Returns a tuple ``(last, mean)`` of two (N, H) tensors of output's dtype and device:
    last[i] = output[i, lengths[i] - 1]
    mean[i] = (sum of output[i, t] for t < lengths[i]) / lengths[i]

Rules: no ``pack_padded_sequence`` / ``pad_packed_sequence`` / ``nn.LSTM``; use indexing and a
mask. Python loops are allowed but not needed. Keep the result connected to autograd (the
classifier trains through it), and do not change output or lengths in place.

Checked: the returned type, that output and lengths are left unchanged, last, mean and the
gradient w.r.t. output, for unsorted lengths given as a tensor and as a list, full-length
sequences, a batch of one, T = 1, float64, a non-contiguous output, and NaN at padded steps.
"""

import torch


def last_and_mean(output: torch.Tensor, lengths: torch.Tensor | list[int]) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError
