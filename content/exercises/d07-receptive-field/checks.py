"""The reference's numbers are checked against real torch layers: output sizes by running
nn.Conv2d / nn.MaxPool2d on a square input, receptive field and jump by backpropagating from
output pixels through the same stack (pools replaced by all-ones convs of the same geometry, since a
max pool sends its gradient to one pixel only)."""

import torch
import torch.nn.functional as F

KEYS = ("size", "rf", "jump")
WHY = {
    "size": "what nn.{module} returns for a {n}x{n} input; size formula: "
            "(n + 2*padding - dilation*(kernel - 1) - 1) // stride + 1",
    "rf": "measured by backpropagating from one output pixel to the input; it grows by "
          "dilation*(kernel - 1) times the jump of this layer's input, not its output",
    "jump": "measured as the input distance between the receptive fields of two neighbouring "
            "outputs; each stride multiplies it",
}


def _conv(type_, kernel, stride=None, padding=0, dilation=1):
    return {"type": type_, "kernel": kernel, **({} if stride is None else {"stride": stride}),
            **({"padding": padding} if padding else {}), **({"dilation": dilation} if dilation != 1 else {})}


def cases(device):
    conv, pool = (lambda *a, **k: _conv("conv", *a, **k)), (lambda *a, **k: _conv("pool", *a, **k))
    return [
        ("VGG-style: two 3x3 convs (padding 1) and a 2x2 pool with no stride given, twice, on 32 pixels",
         {"layers": [conv(3, padding=1), conv(3, padding=1), pool(2), conv(3, padding=1), conv(3, padding=1), pool(2)],
          "size": 32}),
        ("ResNet stem: 7x7 conv stride 2 padding 3, 3x3 max pool stride 2 padding 1, then 3x3 convs, on 224 pixels",
         {"layers": [conv(7, stride=2, padding=3), pool(3, stride=2, padding=1), conv(3, padding=1),
                     conv(3, stride=2, padding=1)], "size": 224}),
        ("dilated 3x3 convs, dilation 1, 2, 4, 8, down to a 1x1 output, on 17 pixels",
         {"layers": [conv(3, padding=1), conv(3, dilation=2, padding=2), conv(3, dilation=4, padding=4),
                     conv(3, dilation=8)], "size": 17}),
        ("sizes that do not divide evenly: 4x4 conv stride 3 padding 1, 2x2 pool, 3x3 conv stride 2, on 15 pixels",
         {"layers": [conv(4, stride=3, padding=1), pool(2), conv(3, stride=2, padding=1)], "size": 15}),
        ("a single 1x1 conv on a 1x1 input", {"layers": [conv(1)], "size": 1}),
        ("a single 1x1 conv with stride 2 on 6 pixels", {"layers": [conv(1, stride=2)], "size": 6}),
    ]


def _stride(layer):
    return layer.get("stride", layer["kernel"] if layer["type"] == "pool" else 1)


def measure(layers: list[dict], size: int) -> list[dict]:
    """size, rf and jump of every layer, from running torch layers (not from the formulas)."""
    found = []
    with torch.no_grad():  # output sizes: the real layers, with torch's own defaults
        x = torch.zeros(1, 1, size, size)
        for layer in layers:
            opts = {"padding": layer.get("padding", 0), "dilation": layer.get("dilation", 1)}
            if layer["type"] == "pool":
                module = torch.nn.MaxPool2d(layer["kernel"], stride=layer.get("stride"), **opts)  # None: = kernel
            else:
                module = torch.nn.Conv2d(1, 1, layer["kernel"], stride=layer.get("stride", 1), **opts)
            x = module(x)
            found.append({"size": x.shape[-1]})
    # receptive field and jump: gradients of output pixels 0 and 1 w.r.t. a long 1-D input, no padding
    inp = torch.ones(1, 1, 1024, dtype=torch.float64, requires_grad=True)
    y = inp
    for layer, entry in zip(layers, found):
        ones = torch.ones(1, 1, layer["kernel"], dtype=torch.float64)
        y = F.conv1d(y, ones, stride=_stride(layer), dilation=layer.get("dilation", 1))
        first, second = (torch.autograd.grad(y[0, 0, i], inp, retain_graph=True)[0][0, 0].nonzero()[:, 0]
                         for i in (0, 1))
        entry["rf"] = int(first.max() - first.min() + 1)
        entry["jump"] = int(second.min() - first.min())
    return found


def _describe(layer: dict) -> str:
    return "{" + ", ".join(f"{k!r}: {v!r}" for k, v in layer.items()) + "}"


def compare(name, inputs, expected, actual):
    layers, size = inputs["layers"], inputs["size"]
    exp = expected["layers"]
    measured = measure(layers, size)
    assert exp == measured, f"reference {exp} disagrees with torch {measured}"  # guards the reference itself
    got = actual.get("layers")
    if not isinstance(got, (list, tuple)) or len(got) != len(layers):
        return (f"expected a list with one dict per layer ({len(layers)} of them), "
                f"got {got!r}"[:300])
    n = size
    for i, (layer, e, g) in enumerate(zip(layers, exp, got)):
        where = f"layers[{i}] = {_describe(layer)} on a {n}-pixel input"
        if not isinstance(g, dict) or any(k not in g for k in KEYS):
            return f"{where}: expected a dict with keys 'size', 'rf', 'jump', got {g!r}"[:300]
        for key in KEYS:
            value = g[key]
            if isinstance(value, bool) or not isinstance(value, int):
                return (f"{where}: `{key}` should be a Python int, got {type(value).__name__} {value!r}"
                        + (" (use // for floor division)" if isinstance(value, float) else ""))
            if value != e[key]:
                module = "MaxPool2d" if layer["type"] == "pool" else "Conv2d"
                message = f"{where}: `{key}` expected {e[key]}, got {value} ({WHY[key].format(module=module, n=n)})"
                if key != "rf" and layer["type"] == "pool" and "stride" not in layer:
                    message += "; a pool given without a stride uses stride = kernel, like nn.MaxPool2d"
                return message
        n = e["size"]
    return None
