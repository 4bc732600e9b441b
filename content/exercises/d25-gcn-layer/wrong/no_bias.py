# expect: the bias is missing
# Builds Â correctly but forgets the bias in the layer.
import torch


def normalized_adjacency(edge_index, num_nodes, dtype=torch.float32):
    loops = torch.arange(num_nodes, device=edge_index.device)
    idx = torch.cat([edge_index, edge_index.flip(0), torch.stack([loops, loops])], dim=1)
    idx = torch.sparse_coo_tensor(idx, torch.ones(idx.shape[1], device=edge_index.device),
                                  (num_nodes, num_nodes)).coalesce().indices()
    d = torch.bincount(idx[0], minlength=num_nodes).to(dtype).rsqrt()
    return torch.sparse_coo_tensor(idx, d[idx[0]] * d[idx[1]], (num_nodes, num_nodes)).coalesce()


def gcn_layer(x, edge_index, weight, bias=None):
    return torch.sparse.mm(normalized_adjacency(edge_index, x.shape[0], dtype=x.dtype), x @ weight)
