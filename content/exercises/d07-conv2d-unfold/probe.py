import torch


def run(solution, inputs, device):
    x = inputs["x"].clone().requires_grad_(True)
    weight = inputs["weight"].clone().requires_grad_(True)
    bias = inputs["bias"].clone().requires_grad_(True) if inputs["bias"] is not None else None
    out = solution.conv2d_unfold(x, weight, bias, stride=inputs["stride"], padding=inputs["padding"],
                                 dilation=inputs["dilation"])
    if not isinstance(out, torch.Tensor) or out.shape != inputs["upstream"].shape or not out.requires_grad:
        return {"output": out}  # the judge reports the shape (or a missing graph) before gradients
    out.backward(inputs["upstream"])
    grads = {"output": out, "grad:x": x.grad, "grad:weight": weight.grad}
    if bias is not None:
        grads["grad:bias"] = bias.grad
    return grads
