# expect: pass include_self=False
# Uses scatter_reduce with its default include_self=True: the zeros it starts from count as messages.
import torch


def aggregate(messages, dst, num_nodes, reduce):
    out = messages.new_zeros(num_nodes, messages.shape[1])
    if reduce == "sum":
        return out.index_add(0, dst, messages)
    name = "amax" if reduce == "max" else "mean"
    return out.scatter_reduce(0, dst.unsqueeze(1).expand_as(messages), messages, reduce=name)


def propagate(x, edge_index, reduce):
    return aggregate(x[edge_index[0]], edge_index[1], x.shape[0], reduce)
