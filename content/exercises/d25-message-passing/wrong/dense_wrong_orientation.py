# expect: the edges were followed backwards
# Builds a dense adjacency A[src, dst] = 1 and computes A @ x: row i then sums its out-neighbours.
import torch


def aggregate(messages, dst, num_nodes, reduce):
    out = messages.new_zeros(num_nodes, messages.shape[1])
    if reduce == "sum":
        return out.index_add(0, dst, messages)
    name = "amax" if reduce == "max" else "mean"
    return out.scatter_reduce(0, dst.unsqueeze(1).expand_as(messages), messages, reduce=name, include_self=False)


def propagate(x, edge_index, reduce):
    n = x.shape[0]
    a = x.new_zeros(n, n).index_put((edge_index[0], edge_index[1]), x.new_ones(edge_index.shape[1]), accumulate=True)
    if reduce == "sum":
        return a @ x
    if reduce == "mean":
        return (a @ x) / a.sum(1, keepdim=True).clamp(min=1)
    return aggregate(x[edge_index[0]], edge_index[1], n, reduce)
