import torch


def _adjacency(solution, inputs):
    edge_index, n = inputs["edge_index"], inputs["num_nodes"]
    before = edge_index.clone()
    arg = edge_index.clone()  # clone keeps a non-contiguous layout
    a = solution.normalized_adjacency(arg, n, dtype=inputs["x"].dtype)
    result = {}
    if not isinstance(a, torch.Tensor):
        result["Â"] = a
        return result
    result["Â is a torch.sparse_coo_tensor"] = a.layout == torch.sparse_coo
    dense = a.to_dense() if a.layout != torch.strided else a
    result["Â (as a dense matrix)"] = dense.detach()
    result["Â is coalesced"] = bool(a.is_coalesced()) if a.layout == torch.sparse_coo else False
    result["Â device type"] = a.device.type
    result["normalized_adjacency leaves edge_index unchanged"] = torch.equal(arg, before)
    return result


def _layer(solution, inputs):
    x0, w0, b0 = inputs["x"], inputs["weight"], inputs["bias"] if inputs["use_bias"] else None
    before = [t.clone() for t in (inputs["edge_index"], x0, w0) + ((b0,) if b0 is not None else ())]
    edge_index = inputs["edge_index"].clone()
    x = x0.clone().requires_grad_(True)  # clone keeps a non-contiguous layout
    w = w0.clone().requires_grad_(True)
    b = b0.clone().requires_grad_(True) if b0 is not None else None
    out = solution.gcn_layer(x, edge_index, w, b)
    result = {"gcn_layer output": out}
    if not isinstance(out, torch.Tensor) or out.shape != inputs["upstream"].shape or not out.requires_grad:
        return result  # the shape (or a missing graph) is reported before gradients
    result["gcn_layer output device type"] = out.device.type
    out.backward(inputs["upstream"])
    result["grad:x"] = x.grad
    result["grad:weight"] = w.grad
    if b is not None:
        result["grad:bias"] = b.grad
    after = [edge_index, x, w] + ([b] if b is not None else [])
    result["gcn_layer leaves its inputs unchanged"] = all(torch.equal(p.detach(), q) for p, q in zip(after, before))
    return result


def run(solution, inputs, device):
    result = _adjacency(solution, inputs)
    result.update(_layer(solution, inputs))
    return result
