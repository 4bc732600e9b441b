import torch


def run(solution, inputs, device):
    x = inputs["x"].clone().requires_grad_(True)
    out = solution.LogSumExp.apply(x)
    if not isinstance(out, torch.Tensor) or out.shape != inputs["upstream"].shape or not out.requires_grad:
        return {"output": out}  # the judge reports the shape (or a missing graph) before gradients
    out.backward(inputs["upstream"])
    x64 = inputs["x"].detach().to(torch.float64).requires_grad_(True)
    ok = torch.autograd.gradcheck(solution.LogSumExp.apply, (x64,), raise_exception=False)
    return {"output": out, "grad:x": x.grad, "gradcheck in float64 passes": bool(ok)}
