"""Two kinds of case. "seed": draw from each generator right after seed_everything and return the
numbers (the reference does the same, so they must match exactly). "runs": call two_runs with the
same and with different seeds and report properties, watching F.dropout to see it ran in training
mode."""

import random

import torch
import torch.nn.functional as F

try:
    import numpy as np
except ImportError:  # numpy is a dependency of quizzer, but stay robust
    np = None


def _seed_case(solution, seed, device):
    solution.seed_everything(seed)
    out = {"python random.random()": random.random(),
           "numpy np.random.random()": float(np.random.random()) if np is not None else 0.0,
           "torch torch.rand(3)": torch.rand(3)}
    if device == "cuda":
        solution.seed_everything(seed)
        out["torch.rand(3) on cuda"] = torch.rand(3, device="cuda").cpu()
    return out


def _pair(value):
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        return None
    if not all(isinstance(v, torch.Tensor) for v in value):
        return None
    return value[0].detach(), value[1].detach()


def _runs_case(solution, seed, other):
    calls = []
    original = F.dropout

    def watched(input, p=0.5, training=True, inplace=False):
        calls.append(bool(training) and p > 0)
        return original(input, p, training, inplace)

    F.dropout = watched
    try:
        same = _pair(solution.two_runs(seed, seed))
        diff = _pair(solution.two_runs(seed, other))
    finally:
        F.dropout = original
    if same is None or diff is None:
        return {"returns two tensors": False}
    return {
        "returns two tensors": True,
        "same shapes": same[0].shape == same[1].shape == diff[0].shape == diff[1].shape,
        "dropout in training mode": any(calls),
        "same seed, identical outputs": bool(torch.equal(same[0], same[1])),
        "different seeds, different outputs": not torch.equal(diff[0], diff[1]),
    }


def run(solution, inputs, device):
    if inputs["kind"] == "seed":
        return _seed_case(solution, inputs["seed"], device)
    return _runs_case(solution, inputs["seed"], inputs["other"])
