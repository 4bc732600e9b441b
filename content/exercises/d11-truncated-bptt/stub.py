"""Day 11 · Truncated backpropagation through time (TBPTT) over one long sequence.

Write ``train_tbptt(model, optimizer, x, y, k)``: train a recurrent model on one long sequence
in chunks of k time steps, carrying the hidden state from chunk to chunk but cutting the
gradient at every chunk edge, with one optimizer step per chunk.

Why: full BPTT over a sequence of L steps keeps the activations of all L steps for one backward
pass and makes one update per sequence; for long sequences (text, audio, sensor streams) that
is too much memory and too few updates. TBPTT backpropagates through the last k steps only:
memory and time per update are those of k steps, and the weights are updated every chunk. The
forward pass still carries information across the edges through the hidden state; only the
gradient path is cut, so credit assignment reaches at most k steps back.

The model (an ``nn.RNN`` plus a ``Linear`` head in the checks):
    pred, h_last = model(x_chunk, h)
    x_chunk (T, N, d_in), time first; h None (zeros) or (num_layers, N, H)
    pred (T, N, d_out); h_last (num_layers, N, H), the state after the chunk's last step

For the chunks x[s:s + k], y[s:s + k] with s = 0, k, 2k, … (the last chunk may be shorter):
  1. the first chunk starts from h = None; every later chunk starts from the h_last of the
     chunk before it, detached from that chunk's graph (``h.detach()``)
  2. clear the gradients, run the model on the chunk, ``loss = F.mse_loss(pred, y_chunk)``,
     ``loss.backward()``, ``optimizer.step()``
Returns the list of the chunk losses as Python floats (``loss.item()``), in order, each
computed before that chunk's update. x and y must not be changed.

Two tempting mistakes, and why they are wrong:
  * no detach: the second chunk's ``backward()`` runs into the first chunk's graph, which the
    first ``backward()`` already freed ("Trying to backward through the graph a second time").
    ``retain_graph=True`` does not fix it: ``optimizer.step()`` has changed the weights that old
    graph saved, and every backward would reach back through the whole history (full BPTT).
  * resetting h to zeros (or None) at every chunk: no error, but the model never sees context
    from before the chunk, so it cannot learn anything longer than k steps.

Checked, with hooks on the model and the optimizer: the number of model calls, of
``backward()`` passes and of ``optimizer.step()`` calls; for each chunk, its length, the hidden
state passed in (its value, and that it is detached) and the gradient the step applies; the
returned losses (a list of floats); the parameters after training; x and y unchanged. Cases:
L a multiple of k and not, k = 1, k > L (a single chunk), a batch of one in float64 with
momentum, two layers, a non-contiguous x.
"""

import torch
import torch.nn.functional as F
from torch import nn


def train_tbptt(model: nn.Module, optimizer: torch.optim.Optimizer, x: torch.Tensor, y: torch.Tensor,
                k: int) -> list[float]:
    raise NotImplementedError
