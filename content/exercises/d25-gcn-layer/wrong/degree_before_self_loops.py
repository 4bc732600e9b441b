# expect: degree at least 1
# Counts the degrees of A, then adds the self-loops: isolated nodes get 0^-1/2 = inf.
import torch


def normalized_adjacency(edge_index, num_nodes, dtype=torch.float32):
    idx = torch.cat([edge_index, edge_index.flip(0)], dim=1)
    idx = torch.sparse_coo_tensor(idx, torch.ones(idx.shape[1]), (num_nodes, num_nodes)).coalesce().indices()
    deg = torch.bincount(idx[0], minlength=num_nodes).to(dtype)
    loops = torch.arange(num_nodes)
    idx = torch.cat([idx, torch.stack([loops, loops])], dim=1)
    idx = torch.sparse_coo_tensor(idx, torch.ones(idx.shape[1]), (num_nodes, num_nodes)).coalesce().indices()
    d = deg.rsqrt()
    return torch.sparse_coo_tensor(idx, d[idx[0]] * d[idx[1]], (num_nodes, num_nodes)).coalesce()


def gcn_layer(x, edge_index, weight, bias=None):
    out = torch.sparse.mm(normalized_adjacency(edge_index, x.shape[0], dtype=x.dtype), x @ weight)
    return out + bias if bias is not None else out

