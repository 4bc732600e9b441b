# expect: same seed gave different outputs
# Seeds once before both runs: the second run continues the random stream instead of restarting it.
import random

import numpy as np
import torch
from torch import nn


def seed_everything(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def run_once(seed):
    model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Dropout(p=0.5), nn.Linear(16, 4))
    return model(torch.randn(5, 8))


def two_runs(seed_a, seed_b):
    seed_everything(seed_a)
    return run_once(seed_a), run_once(seed_b)
