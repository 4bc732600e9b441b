"""Outputs and gradients against the reference; a wrong aggregation is matched against float64
versions of the usual mistakes, to name the one made."""

import torch

from quizzer.practice.compare import compare_value

# sums over neighbours: a little looser than elementwise
RTOL, ATOL = 1e-5, 1e-5


def _edges(pairs, device):
    return torch.tensor(pairs, dtype=torch.long, device=device).reshape(-1, 2).t().contiguous()


def cases(device):
    def case(name, edge_index, n, f, reduce, dtype=torch.float32, scale=1.0, shift=0.0, messages=None):
        e = edge_index.shape[1]
        if messages is None:
            messages = scale * torch.randn(e, f, dtype=dtype, device=device) + shift
        return (name, {"reduce": reduce, "num_nodes": n, "edge_index": edge_index, "messages": messages,
                       "x": scale * torch.randn(n, f, dtype=dtype, device=device) + shift,
                       "upstream": torch.randn(n, f, dtype=dtype, device=device),
                       "upstream_x": torch.randn(n, f, dtype=dtype, device=device)})

    # 0 -> 1, 2 -> 1, 1 -> 3, 3 -> 1: node 1 has three messages, node 3 one, nodes 0 and 2 none
    hand = _edges([[0, 1], [2, 1], [1, 3], [3, 1]], device)
    hand_msg = torch.tensor([[1.0, -2.0], [3.0, -5.0], [-4.0, 6.0], [2.0, -1.0]], device=device)
    rand = torch.stack([torch.randint(0, 12, (30,), device=device), torch.randint(0, 9, (30,), device=device)])
    chain = _edges([[0, 1], [1, 2], [2, 3], [3, 4], [4, 5]], device)  # direction matters
    loops = _edges([[0, 0], [0, 0], [0, 0]], device)
    empty = torch.zeros(2, 0, dtype=torch.long, device=device)
    listed = torch.stack([torch.randint(0, 10, (25,), device=device), torch.randint(0, 10, (25,), device=device)])
    return [
        case("hand graph, sum", hand, 4, 2, "sum", messages=hand_msg),
        case("hand graph, mean (node 1 has in-degree 3)", hand, 4, 2, "mean", messages=hand_msg),
        case("hand graph, max with negative messages", hand, 4, 2, "max", messages=hand_msg),
        case("random graph, 12 nodes, nodes 9-11 receive nothing, mean", rand, 12, 3, "mean"),
        case("all messages negative (around -5), max", rand, 12, 4, "max", shift=-5.0),
        case("a directed chain 0 -> 1 -> ... -> 5, sum", chain, 6, 2, "sum"),
        case("no edges (E = 0), max", empty, 3, 2, "max"),
        case("no edges (E = 0), mean", empty, 3, 2, "mean"),
        case("a graph of one node with three self-loops, mean", loops, 1, 3, "mean"),
        case("float64, mean", rand, 12, 2, "mean", dtype=torch.float64),
        case("float64, max", listed, 10, 3, "max", dtype=torch.float64),
        case("huge values (1e30), sum", chain, 6, 2, "sum", scale=1e30),
        case("non-contiguous messages and edge_index (transposed views), sum",
             listed.t().contiguous().t(), 10, 3, "sum", messages=torch.randn(3, 25, device=device).t()),
    ]


def _reference(messages, dst, n, reduce, include_self=False, start=0.0):
    messages = messages.detach().cpu().double()
    dst = dst.cpu().long()
    out = torch.full((n, messages.shape[1]), start, dtype=torch.float64)
    if reduce == "sum":
        return out.index_add(0, dst, messages)
    name = {"mean": "mean", "max": "amax"}[reduce]
    return out.scatter_reduce(0, dst[:, None].expand_as(messages), messages, reduce=name, include_self=include_self)


def _variants(inputs, key):
    n, reduce, ei = inputs["num_nodes"], inputs["reduce"], inputs["edge_index"].cpu().long()
    e = ei.shape[1]
    if key.startswith("aggregate"):
        msg, dst, src = inputs["messages"], ei[1], None
    else:
        msg, dst, src = inputs["x"][ei[0]], ei[1], ei[0]
    found = {}
    if reduce != "sum":
        found["include_self"] = _reference(msg, dst, n, reduce, include_self=True)
    total = _reference(msg, dst, n, "sum")
    if reduce == "mean":
        found["by_num_nodes"] = total / n
        if e:
            found["by_edges"] = total / e
        found["sum_not_mean"] = total
    if reduce == "max":
        found["sum_not_max"] = total
    if src is not None:
        x = inputs["x"]
        found["from_dst"] = _reference(x[ei[1]], dst, n, reduce)
        found["to_src"] = _reference(x[ei[1]], ei[0], n, reduce)
        found["swap"] = _reference(x[ei[0]], ei[0], n, reduce)
    return found


TIPS = {
    "include_self": "the starting zeros took part in the reduction (scatter_reduce's include_self=True, the default): "
                    "a max over negative messages becomes 0 and a mean divides by in-degree + 1; pass include_self=False",
    "by_num_nodes": "the mean divided by num_nodes; each node's mean divides by its own in-degree, the number of "
                    "messages it receives",
    "by_edges": "the mean divided by the number of edges E; each node's mean divides by its own in-degree",
    "sum_not_mean": "this is the sum; reduce='mean' divides each node's sum by its in-degree",
    "sum_not_max": "this is the sum; reduce='max' takes the largest message per feature (scatter_reduce with reduce='amax')",
    "from_dst": "the messages were taken from x[dst]: the message along src -> dst carries the source's features, x[src]",
    "to_src": "the edges were followed backwards (destinations sending to sources, as A @ x does with A[src, dst] = 1): "
              "node i must aggregate x[src] over the edges whose dst is i (A[dst, src] = 1 for a dense version)",
    "swap": "the messages were aggregated at the sources: index the output by edge_index[1], the destinations",
}


def _diagnose(key, inputs, expected, got):
    if not isinstance(got, torch.Tensor):
        return "return a tensor of shape (num_nodes, F)"
    if got.shape != expected.shape:
        return ("the output has one row per node, (num_nodes, F): scatter along dim 0 (the node dimension), "
                "with num_nodes rows even when some nodes receive no message")
    g = got.double()
    exp = expected.double()
    if bool(g.isnan().any()) and not bool(exp.isnan().any()):
        return ("NaN where the reference has none: a node without incoming messages divides 0 by 0; give it zeros "
                "(clamp the count to at least 1, or use scatter_reduce(..., include_self=False) on zeros)")
    if bool(g.isinf().any()) and not bool(exp.isinf().any()):
        return ("inf where the reference is finite: an empty max is -inf; a node without incoming messages must get "
                "zeros, so start from zeros and use scatter_reduce(..., reduce='amax', include_self=False)")
    for mistake, m in _variants(inputs, key).items():
        if m.shape == g.shape and bool(torch.allclose(g, m, rtol=1e-4, atol=1e-5, equal_nan=True)):
            return TIPS[mistake]
    return ""


def compare(name, inputs, expected, actual):
    for key, value in expected.items():
        got = actual.get(key)
        problem = compare_value(key, value, got, RTOL, ATOL)
        if not problem:
            continue
        if key in ("aggregate(messages, dst, num_nodes, reduce)", "propagate(x, edge_index, reduce)"):
            tip = _diagnose(key, inputs, value, got)
            return f"{problem} — {tip}" if tip else problem
        if key.startswith("grad:") and got is None:
            return (f"{problem} — the output is not connected to the autograd graph (a .detach(), .item(), .data "
                    "or torch.no_grad()?)")
        if key == "grad:messages" and inputs["reduce"] == "max":
            return (f"{problem} — the gradient of a max flows only to the largest message of each node and feature; "
                    "the others get 0")
        return problem
    return None
