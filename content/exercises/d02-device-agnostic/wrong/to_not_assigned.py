# expect: Tensor.to(device) returns a new tensor
# Calls tensor.to(device) as if it moved the tensor in place, like module.to(device) does.
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
        obj.to(device)
        return obj
    if isinstance(obj, dict):
        return {k: move_to(v, device) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(move_to(v, device) for v in obj)
    return obj


def prepare(model, batch, override=None):
    device = pick_device(override)
    model.to(device)
    return device, model, move_to(batch, device)
