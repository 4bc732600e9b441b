# expect: divides 0 by 0
# Sum divided by the in-degree count, without guarding nodes that receive nothing (0 / 0 = NaN).
import torch


def aggregate(messages, dst, num_nodes, reduce):
    out = messages.new_zeros(num_nodes, messages.shape[1])
    total = out.index_add(0, dst, messages)
    if reduce == "sum":
        return total
    if reduce == "mean":
        count = torch.bincount(dst, minlength=num_nodes).to(messages.dtype)
        return total / count.unsqueeze(1)
    return out.scatter_reduce(0, dst.unsqueeze(1).expand_as(messages), messages, reduce="amax", include_self=False)


def propagate(x, edge_index, reduce):
    return aggregate(x[edge_index[0]], edge_index[1], x.shape[0], reduce)
