# expect: call np.random.seed(seed)
# Seeds Python and PyTorch but forgets NumPy (whose global generator data pipelines often use).
import random

import numpy as np
import torch
from torch import nn


def seed_everything(seed):
    random.seed(seed)
    torch.manual_seed(seed)


def run_once(seed):
    seed_everything(seed)
    model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Dropout(p=0.5), nn.Linear(16, 4))
    return model(torch.randn(5, 8))


def two_runs(seed_a, seed_b):
    return run_once(seed_a), run_once(seed_b)
