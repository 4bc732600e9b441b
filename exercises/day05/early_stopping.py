"""Day 5 · Early stopping that restores the best weights.

Write a class ``EarlyStopping(patience, min_delta=0.0)`` that watches the validation loss once
per epoch, says when to stop training, and can put the best weights it has seen back into the
model.

Why: training loss keeps falling while validation loss turns back up once a model starts to
overfit. Early stopping ends training after ``patience`` epochs without real improvement and
rolls the model back to the epoch with the best validation loss, so the weights you keep are the
ones that generalised best, not the last ones. ``min_delta`` stops noise-sized "improvements"
(0.9000 → 0.8999) from resetting the patience again and again.

Interface (used like this: ``for epoch ...: train(); if stopper.step(val_loss, model): break``
and then ``stopper.restore(model)``):

    EarlyStopping(patience: int, min_delta: float = 0.0)
    .step(val_loss: float, model: nn.Module) -> bool   called once per epoch, after validation
    .restore(model: nn.Module) -> None                  loads the best saved state into model
    .best_loss: float                                   the best loss so far (inf before any step)

The rules of ``step``:
  * An epoch improves when ``val_loss < best_loss - min_delta`` (strictly; an equal loss is
    not an improvement). The first epoch always improves, since best_loss starts at inf.
  * On an improvement: ``best_loss = val_loss``, save a snapshot of ``model.state_dict()``, and
    reset the count of epochs without improvement to 0. Smaller improvements change nothing
    except that count.
  * Otherwise add 1 to the count, and return True as soon as it reaches ``patience``: with
    patience 2, the second epoch in a row without improvement returns True. Else return False.

The snapshot must be a real copy. ``model.state_dict()`` gives tensors that share memory with
the model's parameters and buffers, and the optimizer updates those in place every step, so a
dict that merely points at them (``model.state_dict()``, its ``.copy()``, ``dict(...)``) silently
turns into the latest weights. Save the whole state_dict, buffers too (BatchNorm's running
statistics are part of the model).

What is checked: a model (Linear → BatchNorm1d → ReLU → Linear) is trained in place between
epochs while the checks feed your object a sequence of validation losses, stopping when
``step`` returns True. After every ``step`` they compare its answer and ``best_loss``; after
``restore`` they compare every entry of the model's state_dict with the best epoch's. Cases: a
plateau, min_delta filtering tiny improvements, a run that never stops, patience 1 with a tie in
float64, and an improvement that resets the count.
"""

import torch
from torch import nn


class EarlyStopping:
    def __init__(self, patience: int, min_delta: float = 0.0):
        raise NotImplementedError

    def step(self, val_loss: float, model: nn.Module) -> bool:
        raise NotImplementedError

    def restore(self, model: nn.Module) -> None:
        raise NotImplementedError
