"""Day 8 · Freeze a backbone and fine-tune with discriminative learning rates.

``model`` is a pretrained classifier with two parts:

    model.backbone   nn.Sequential of stages, each Conv2d → BatchNorm2d → ReLU (early stages
                     detect edges and textures, later ones more task-specific patterns)
    model.head       nn.Linear, newly initialised for your classes

Write ``setup_finetuning(model, head_lr, backbone_lr_factor, trainable_stages)`` that prepares
the model in place and returns the optimizer:

1. The last ``trainable_stages`` stages of ``model.backbone`` stay trainable; every earlier stage
   is frozen: all its parameters get ``requires_grad=False`` (use ``module.requires_grad_(False)``
   — assigning ``module.requires_grad = False`` only sets an attribute nobody reads), and every
   BatchNorm inside it is put in eval mode. ``trainable_stages`` runs from 0 (feature extraction:
   only the head learns) to ``len(model.backbone)`` (full fine-tuning).
2. Return ``torch.optim.SGD(groups, momentum=0.9)`` with these parameter groups, in this order:
   - group 0: every parameter of ``model.head``, ``lr=head_lr``;
   - group 1: every parameter of the trainable stages, ``lr=head_lr * backbone_lr_factor``;
     leave this group out when ``trainable_stages == 0``.
   Frozen parameters belong to no group.

Why it matters: pretrained features are valuable and your dataset is small. Freezing the early
stages keeps them intact (and saves the memory and time of their gradients); giving the
pretrained stages a smaller learning rate than the new head ("discriminative learning rates")
lets them adapt gently instead of being wrecked by the large updates the random head needs.
A frozen stage must also keep its BatchNorm in eval mode: in training mode BatchNorm normalises
with the statistics of the current batch and overwrites its running statistics, so a "frozen"
backbone would still change. Note that a later ``model.train()`` switches those BatchNorms back
to training mode, so in a real loop freeze again after every ``model.train()``.

The model arrives in training mode. Don't call ``model.train()``/``model.eval()`` on the whole
model; change only what the rules above say.

What the checks do: build a small model (2 to 4 stages, float32 or float64), call your function,
then compare each parameter's ``requires_grad``, each BatchNorm's ``training`` flag, the
optimizer's type, the frozen parameters in it (there must be none), the number of groups and
each group's ``lr``, ``momentum`` and parameters (by name), then run two SGD steps on a batch
and compare which parameters and which BatchNorm running statistics changed, the losses and
the parameters after the steps. Cases: 0 trainable stages, the last stage only, every stage,
a batch of one and float64.
"""

import torch
from torch import nn


def setup_finetuning(model: nn.Module, head_lr: float, backbone_lr_factor: float,
                     trainable_stages: int) -> torch.optim.Optimizer:
    raise NotImplementedError
