# expect: this is A + I without normalisation
# Stops at A + I: a node's output is the sum over its neighbourhood, growing with its degree.
import torch


def normalized_adjacency(edge_index, num_nodes, dtype=torch.float32):
    loops = torch.arange(num_nodes)
    idx = torch.cat([edge_index, edge_index.flip(0), torch.stack([loops, loops])], dim=1)
    idx = torch.sparse_coo_tensor(idx, torch.ones(idx.shape[1]), (num_nodes, num_nodes)).coalesce().indices()
    return torch.sparse_coo_tensor(idx, torch.ones(idx.shape[1], dtype=dtype), (num_nodes, num_nodes)).coalesce()


def gcn_layer(x, edge_index, weight, bias=None):
    out = torch.sparse.mm(normalized_adjacency(edge_index, x.shape[0], dtype=x.dtype), x @ weight)
    return out + bias if bias is not None else out

