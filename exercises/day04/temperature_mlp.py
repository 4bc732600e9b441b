"""Day 4 · A custom ``nn.Module`` that registers its parameters properly.

Build ``TemperatureMLP``: a two-layer perceptron whose logits are divided by a *learnable*
temperature (the trick behind calibrated classifiers, distillation and CLIP's logit scale):

    forward(x) = fc2(relu(fc1(x))) / temperature

Why: everything PyTorch does with a model (``model.parameters()`` for the optimizer,
``state_dict()`` / ``load_state_dict()`` for checkpoints, ``.to(device or dtype)``, ``.train()``,
``.zero_grad()``) works only on what the module has *registered*. Submodules assigned as
attributes and ``nn.Parameter`` attributes are registered; a plain tensor, a Python float or a
tensor created with ``requires_grad=True`` is not, and the bug is silent: the value never
trains, is not saved, and stays on the CPU in float32 when the rest of the model moves.

Layout (the names matter: checkpoints are loaded by name):
    fc1          nn.Linear(in_features, hidden)    → parameters fc1.weight (hidden, in_features), fc1.bias (hidden,)
    fc2          nn.Linear(hidden, out_features)   → parameters fc2.weight (out_features, hidden), fc2.bias (out_features,)
    temperature  nn.Parameter of shape () (a 0-dim tensor) starting at ``init_temperature``
Shapes: x (..., in_features) → (..., out_features); any leading dimensions pass through.

Rules: subclass ``nn.Module`` and call ``super().__init__()`` first; ReLU between the layers,
none after the last one; don't cast ``x`` inside forward (the parameters decide the dtype).

Checked: ``named_parameters()`` names and shapes, the number of parameter tensors and of
learnable values, the initial temperature, the output after ``load_state_dict`` of a seeded
checkpoint (batch of one, size-1 layers, 3-D and non-contiguous inputs), the gradients that
reach ``temperature`` and ``fc1.weight``, and that ``.to(torch.float64)`` converts every
parameter and gives a float64 output.
"""

import torch
from torch import nn


class TemperatureMLP(nn.Module):
    def __init__(self, in_features: int, hidden: int, out_features: int, init_temperature: float = 1.0):
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError
