# expect: dropout never ran in training mode
# Switches to eval() "to make it deterministic": reproducible, but dropout is off, so it is no longer the run.
import random

import numpy as np
import torch
from torch import nn


def seed_everything(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def run_once(seed):
    seed_everything(seed)
    model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Dropout(p=0.5), nn.Linear(16, 4))
    model.eval()
    return model(torch.randn(5, 8))


def two_runs(seed_a, seed_b):
    return run_once(seed_a), run_once(seed_b)
