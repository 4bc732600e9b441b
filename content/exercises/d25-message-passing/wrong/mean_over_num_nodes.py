# expect: the mean divided by num_nodes
# Divides the summed messages by the number of nodes instead of each node's in-degree.
import torch


def aggregate(messages, dst, num_nodes, reduce):
    out = messages.new_zeros(num_nodes, messages.shape[1])
    total = out.index_add(0, dst, messages)
    if reduce == "sum":
        return total
    if reduce == "mean":
        return total / num_nodes
    return out.scatter_reduce(0, dst.unsqueeze(1).expand_as(messages), messages, reduce="amax", include_self=False)


def propagate(x, edge_index, reduce):
    return aggregate(x[edge_index[0]], edge_index[1], x.shape[0], reduce)
