import torch


def _call(fn, *args):
    try:
        return fn(*args)
    except ValueError as exc:
        return f"ValueError: {exc}"


def run(solution, inputs, device):
    kind = inputs["kind"]
    if kind == "conv":
        return {"sizes": [solution.conv_out(*g) for g in inputs["grid"]]}
    if kind == "transpose":
        return {"sizes": [solution.conv_transpose_out(*g) for g in inputs["grid"]]}
    if kind == "restore":
        return {"sizes": [_call(solution.restoring_output_padding, *g) for g in inputs["grid"]]}
    x_in = inputs["x"]
    saved = x_in.clone()
    x = x_in.clone().requires_grad_(True)  # clone keeps a non-contiguous layout
    out = solution.upsample_to(x, inputs["size"])
    result = {"output": out, "x unchanged": bool(torch.equal(x_in, saved))}
    upstream = inputs["upstream"]
    if isinstance(out, torch.Tensor) and out.requires_grad and out.shape == upstream.shape:
        out.backward(upstream)
        result["grad:x"] = x.grad
    return result
