import torch
from torch import nn


def _shapes(model):
    return {name: str(tuple(p.shape)) for name, p in model.named_parameters()}


def run(solution, inputs, device):
    state = inputs["state"]
    model = solution.TemperatureMLP(*inputs["sizes"], init_temperature=inputs["init_temperature"])
    if not isinstance(model, nn.Module):
        raise TypeError(f"TemperatureMLP must subclass nn.Module, but it is a {type(model).__mro__[1].__name__}")
    model = model.to(device)
    params = dict(model.named_parameters())
    found = {"named_parameters()": _shapes(model), "number of parameter tensors": len(params),
             "number of learnable values": sum(p.numel() for p in params.values())}
    expected = {name: str(tuple(t.shape)) for name, t in state.items()}
    if found["named_parameters()"] != expected:
        return found  # names and shapes are reported before anything that would crash on them
    found["initial temperature"] = float(params["temperature"].detach())
    model.load_state_dict(state)

    x = inputs["x"].clone().requires_grad_(True)
    out = model(x)
    found["output"] = out
    if not isinstance(out, torch.Tensor) or out.shape != inputs["upstream"].shape or not out.requires_grad:
        return found
    out.backward(inputs["upstream"])
    found["grad:temperature"] = params["temperature"].grad
    found["grad:fc1.weight"] = params["fc1.weight"].grad
    found["grad:x"] = x.grad

    model.to(torch.float64)
    found["parameter dtypes after .to(torch.float64)"] = {n: str(p.dtype) for n, p in model.named_parameters()}
    try:
        with torch.no_grad():
            found["output after .to(torch.float64)"] = model(inputs["x"].to(torch.float64))
    except Exception as exc:  # say which step failed; the traceback still shows the learner's line
        raise RuntimeError(f"after model.to(torch.float64), calling the model on a float64 input failed: {exc}"
                           ).with_traceback(exc.__traceback__) from None
    return found
