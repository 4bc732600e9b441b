import torch


def run(solution, inputs, device):
    x = inputs["x"].clone().requires_grad_(True)
    y = inputs["y"].clone().requires_grad_(True)
    out = solution.pairwise_distances(x, y)
    if not isinstance(out, torch.Tensor) or out.shape != inputs["upstream"].shape or not out.requires_grad:
        return {"output": out}  # the judge reports the shape (or a missing graph) before gradients
    out.backward(inputs["upstream"])
    return {"output": out, "grad:x": x.grad, "grad:y": y.grad}
