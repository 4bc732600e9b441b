# expect: counted from edge_index[0] only
# Counts each listed edge at its source node only, before adding the reverse direction.
import torch


def normalized_adjacency(edge_index, num_nodes, dtype=torch.float32):
    deg = torch.bincount(edge_index[0][edge_index[0] != edge_index[1]], minlength=num_nodes).to(dtype) + 1
    loops = torch.arange(num_nodes)
    idx = torch.cat([edge_index, edge_index.flip(0), torch.stack([loops, loops])], dim=1)
    idx = torch.sparse_coo_tensor(idx, torch.ones(idx.shape[1]), (num_nodes, num_nodes)).coalesce().indices()
    d = deg.rsqrt()
    return torch.sparse_coo_tensor(idx, d[idx[0]] * d[idx[1]], (num_nodes, num_nodes)).coalesce()


def gcn_layer(x, edge_index, weight, bias=None):
    out = torch.sparse.mm(normalized_adjacency(edge_index, x.shape[0], dtype=x.dtype), x @ weight)
    return out + bias if bias is not None else out

