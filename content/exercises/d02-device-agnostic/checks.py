import torch
from torch import nn


def _state():
    model = nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3))
    return {k: v.clone() for k, v in model.state_dict().items()}


def _pick(cuda, mps, override, expected_hint):
    return {"kind": "pick", "cuda": cuda, "mps": mps, "override": override, "hint": expected_hint}


def cases(device):
    big = torch.randn(6, 5, device=device)
    nested = {
        "x": torch.randn(4, 4, device=device),
        "labels": torch.randint(3, (4,), device=device),
        "mask": torch.rand(4, device=device) > 0.5,
        "paths": ["a.png", "b.png", "c.png", "d.png"],
        "extra": {"ids": torch.arange(4, device=device), "scale": torch.tensor(0.5, dtype=torch.float64, device=device),
                  "note": None},
        "crops": (torch.randn(4, 2, device=device), torch.randn(4, 2, device=device)[:, :1]),
        "lengths": [torch.tensor([3, 1], device=device), 7],
        "strided": big.t(),
        "step": 12,
    }
    one = {"x": torch.randn(1, 4, dtype=torch.float64, device=device), "name": "only-sample",
           "targets": [{"box": torch.zeros(1, 4, device=device), "label": torch.tensor([2], device=device)}]}
    return [
        ("a CUDA machine (cuda and mps report available)", _pick(True, True, None,
                                                                 "CUDA comes first when it is available")),
        ("an Apple-silicon Mac (mps only)", _pick(False, True, None,
                                                  "after CUDA, check torch.backends.mps.is_available()")),
        ("a CPU-only laptop", _pick(False, False, None, "with neither CUDA nor MPS, fall back to the CPU")),
        ("override 'cpu' on a CUDA machine", _pick(True, False, "cpu",
                                                   "an override string always wins: return torch.device(override)")),
        ("override 'cuda:1' on a CPU-only machine", _pick(False, False, "cuda:1",
                                                          "an override string always wins, index included")),
        ("prepare: model and a nested batch to 'meta'", {"kind": "prepare", "override": "meta", "state": _state(),
                                                         "batch": nested, "hint": ""}),
        ("prepare: a batch of one (float64, a list of dicts)", {"kind": "prepare", "override": "meta",
                                                                "state": _state(), "batch": one, "hint": ""}),
    ]


def _hint(key, exp, got, actual):
    if key == "device":
        return ""
    if key == "returned":
        return " — prepare must return the tuple (device, model, batch)"
    if key == "model":
        return " — move the model with model.to(device) and return it (Module.to moves parameters and buffers)"
    if not isinstance(got, str):
        return " — move_to must keep every entry of the batch"
    if exp.startswith("tensor") and got.startswith("tensor"):
        if exp.rsplit(" on ", 1)[0] != got.rsplit(" on ", 1)[0]:
            return " — move only: keep each tensor's dtype and shape (labels stay int64, masks stay bool)"
        top_moved = [v for k, v in actual.items() if k.startswith("batch[") and k.count("[") == 1
                     and isinstance(v, str) and v.startswith("tensor") and v.endswith("on meta")]
        if key.count("[") > 1 and top_moved:
            return " — nested containers (dicts, lists, tuples) must be walked recursively: move_to calls itself"
        return (" — Tensor.to(device) returns a new tensor and leaves the original where it was (unlike "
                "Module.to, which moves the module in place): use the value it returns")
    if exp.split(" of ")[0] in ("list", "tuple") and got.split(" of ")[0] in ("list", "tuple"):
        return " — keep each container's type: rebuild a tuple as a tuple, e.g. type(obj)(... for v in obj)"
    return " — values that are not tensors (strings, numbers, None) are kept as they are"


def compare(name, inputs, expected, actual):
    for key, exp in expected.items():
        got = actual.get(key)
        if got != exp:
            label = "`" + key + "`" if key != "device" else "device"
            hint = f" — {inputs['hint']}" if inputs["kind"] == "pick" else _hint(key, exp, got, actual)
            return f"{label}: expected {exp!r}, got {got!r}{hint}"
    return None
