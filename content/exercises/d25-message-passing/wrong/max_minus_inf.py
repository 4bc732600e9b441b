# expect: an empty max is -inf
# Starts the max from -inf so that negative messages win, but leaves -inf at nodes without messages.
import torch


def aggregate(messages, dst, num_nodes, reduce):
    if reduce == "max":
        out = messages.new_full((num_nodes, messages.shape[1]), float("-inf"))
        return out.scatter_reduce(0, dst.unsqueeze(1).expand_as(messages), messages, reduce="amax")
    out = messages.new_zeros(num_nodes, messages.shape[1])
    if reduce == "sum":
        return out.index_add(0, dst, messages)
    return out.scatter_reduce(0, dst.unsqueeze(1).expand_as(messages), messages, reduce="mean", include_self=False)


def propagate(x, edge_index, reduce):
    return aggregate(x[edge_index[0]], edge_index[1], x.shape[0], reduce)
