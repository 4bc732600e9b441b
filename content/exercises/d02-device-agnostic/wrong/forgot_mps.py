# expect: expected 'mps', got 'cpu'
# The usual CUDA-or-CPU line: Apple-silicon GPUs are never used.
import torch


def pick_device(override=None):
    if override:
        return torch.device(override)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def move_to(obj, device):
    if isinstance(obj, torch.Tensor):
        return obj.to(device)
    if isinstance(obj, dict):
        return {k: move_to(v, device) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(move_to(v, device) for v in obj)
    return obj


def prepare(model, batch, override=None):
    device = pick_device(override)
    return device, model.to(device), move_to(batch, device)
