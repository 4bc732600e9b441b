import torch


def aggregate(messages: torch.Tensor, dst: torch.Tensor, num_nodes: int, reduce: str) -> torch.Tensor:
    out = messages.new_zeros(num_nodes, messages.shape[1])
    if reduce == "sum":
        return out.index_add(0, dst, messages)
    index = dst.unsqueeze(1).expand_as(messages)
    # include_self=False: the starting zeros take no part; a node without messages keeps its 0
    name = {"mean": "mean", "max": "amax"}[reduce]
    return out.scatter_reduce(0, index, messages, reduce=name, include_self=False)


def propagate(x: torch.Tensor, edge_index: torch.Tensor, reduce: str) -> torch.Tensor:
    src, dst = edge_index[0], edge_index[1]
    return aggregate(x[src], dst, x.shape[0], reduce)  # message along src -> dst is x[src]
