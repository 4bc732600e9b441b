"""Day 2 · Reproducible runs: seed everything, then prove it with dropout.

Write three functions:

``seed_everything(seed) -> None``
    Seed every random number generator a PyTorch script uses: Python's ``random``, NumPy's
    global generator (``np.random``) and PyTorch's (CPU and all GPUs), all with ``seed``.

``run_once(seed) -> torch.Tensor``
    One tiny, complete "experiment": call ``seed_everything(seed)``, build the model
    ``nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Dropout(p=0.5), nn.Linear(16, 4))``
    (its weights are initialised randomly), draw an input ``torch.randn(5, 8)`` and return the
    model's output (5, 4) with the model in training mode, so dropout really drops.

``two_runs(seed_a, seed_b) -> (out_a, out_b)``
    ``run_once`` with ``seed_a``, then with ``seed_b``; return both outputs.

Why: every random choice in training (weight initialisation, data shuffling, augmentation,
dropout masks) comes from a generator. Seeding them all at the start of a run makes the run
repeatable: a bug can be reproduced, two ideas can be compared on equal terms, a result can
be checked by someone else. (Bit-for-bit equality on GPUs can also need
``torch.use_deterministic_algorithms(True)``; that is beyond this exercise.)

Rules of the game: same seed → identical outputs (``torch.equal``, not just close);
different seeds → different outputs; dropout must be active. Use ``nn.Dropout`` (or
``torch.nn.functional.dropout``) for dropout.

Checked: ``seed_everything(s)`` followed by ``random.random()``, ``np.random.random()`` and
``torch.rand(3)`` must give the numbers those generators give right after being seeded with
``s``; ``two_runs(s, s)`` must return two identical tensors and ``two_runs(s, s + 1)`` two
different ones, with dropout running in training mode. Several seeds are tried.
"""

import random

import numpy as np
import torch
from torch import nn


def seed_everything(seed: int) -> None:
    raise NotImplementedError


def run_once(seed: int) -> torch.Tensor:
    raise NotImplementedError


def two_runs(seed_a: int, seed_b: int) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError
