# expect: the message along src -> dst carries the source's features
# Gathers the features of the receiving node instead of the sending one.
import torch


def aggregate(messages, dst, num_nodes, reduce):
    out = messages.new_zeros(num_nodes, messages.shape[1])
    if reduce == "sum":
        return out.index_add(0, dst, messages)
    name = "amax" if reduce == "max" else "mean"
    return out.scatter_reduce(0, dst.unsqueeze(1).expand_as(messages), messages, reduce=name, include_self=False)


def propagate(x, edge_index, reduce):
    src, dst = edge_index
    return aggregate(x[dst], dst, x.shape[0], reduce)
