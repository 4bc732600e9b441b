# expect: must be walked recursively
# Moves the tensors at the top of the batch dict only; nested dicts, lists and tuples stay behind.
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
    return {k: v.to(device) if isinstance(v, torch.Tensor) else v for k, v in obj.items()}


def prepare(model, batch, override=None):
    device = pick_device(override)
    return device, model.to(device), move_to(batch, device)
