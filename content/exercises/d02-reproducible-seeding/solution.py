import random

import numpy as np
import torch
from torch import nn


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)  # seeds the CPU and every CUDA device
    torch.cuda.manual_seed_all(seed)  # explicit; a no-op without CUDA


def run_once(seed: int) -> torch.Tensor:
    seed_everything(seed)
    model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Dropout(p=0.5), nn.Linear(16, 4))
    model.train()
    x = torch.randn(5, 8)
    return model(x)


def two_runs(seed_a: int, seed_b: int) -> tuple[torch.Tensor, torch.Tensor]:
    return run_once(seed_a), run_once(seed_b)
