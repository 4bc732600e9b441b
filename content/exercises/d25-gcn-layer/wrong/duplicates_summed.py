# expect: coalesce() sums the values of repeated (row, col) pairs
# Trusts coalesce() to deduplicate: it does merge repeated entries, but adds up their values.
import torch


def normalized_adjacency(edge_index, num_nodes, dtype=torch.float32):
    loops = torch.arange(num_nodes)
    idx = torch.cat([edge_index, edge_index.flip(0), torch.stack([loops, loops])], dim=1)
    a = torch.sparse_coo_tensor(idx, torch.ones(idx.shape[1], dtype=dtype), (num_nodes, num_nodes)).coalesce()
    deg = torch.sparse.sum(a, dim=1).to_dense()
    d = deg.rsqrt()
    i = a.indices()
    return torch.sparse_coo_tensor(i, a.values() * d[i[0]] * d[i[1]], (num_nodes, num_nodes)).coalesce()


def gcn_layer(x, edge_index, weight, bias=None):
    out = torch.sparse.mm(normalized_adjacency(edge_index, x.shape[0], dtype=x.dtype), x @ weight)
    return out + bias if bias is not None else out

