# expect: random-walk normalisation
# Divides each row by its degree, D^-1 (A + I): the mean of the neighbours, not GCN's symmetric form.
import torch


def normalized_adjacency(edge_index, num_nodes, dtype=torch.float32):
    loops = torch.arange(num_nodes)
    idx = torch.cat([edge_index, edge_index.flip(0), torch.stack([loops, loops])], dim=1)
    idx = torch.sparse_coo_tensor(idx, torch.ones(idx.shape[1]), (num_nodes, num_nodes)).coalesce().indices()
    deg = torch.bincount(idx[0], minlength=num_nodes).to(dtype)
    return torch.sparse_coo_tensor(idx, 1.0 / deg[idx[0]], (num_nodes, num_nodes)).coalesce()


def gcn_layer(x, edge_index, weight, bias=None):
    out = torch.sparse.mm(normalized_adjacency(edge_index, x.shape[0], dtype=x.dtype), x @ weight)
    return out + bias if bias is not None else out

