import torch


def run(solution, inputs, device):
    reduce, n = inputs["reduce"], inputs["num_nodes"]
    result = {}

    edge_index = inputs["edge_index"]
    msg0, dst0 = inputs["messages"], edge_index[1]
    before = [msg0.clone(), dst0.clone()]
    messages = msg0.clone().requires_grad_(True)  # clone keeps a non-contiguous layout
    dst = dst0.clone()
    out = solution.aggregate(messages, dst, n, reduce)
    result["aggregate(messages, dst, num_nodes, reduce)"] = out
    ok = isinstance(out, torch.Tensor) and out.shape == inputs["upstream"].shape and out.requires_grad
    if isinstance(out, torch.Tensor):
        result["aggregate output device type"] = out.device.type
    if ok:
        out.backward(inputs["upstream"])
        result["grad:messages"] = messages.grad
    result["aggregate leaves messages and dst unchanged"] = torch.equal(messages.detach(), before[0]) and torch.equal(dst, before[1])

    x0 = inputs["x"]
    before = [x0.clone(), edge_index.clone()]
    x = x0.clone().requires_grad_(True)
    ei = edge_index.clone()
    out = solution.propagate(x, ei, reduce)
    result["propagate(x, edge_index, reduce)"] = out
    if isinstance(out, torch.Tensor) and out.shape == x.shape and out.requires_grad:
        out.backward(inputs["upstream_x"])
        result["grad:x"] = x.grad
    result["propagate leaves x and edge_index unchanged"] = torch.equal(x.detach(), before[0]) and torch.equal(ei, before[1])
    return result
