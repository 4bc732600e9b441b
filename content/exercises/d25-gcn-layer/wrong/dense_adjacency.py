# expect: not a dense matrix
# Builds Â as a dense N x N matrix: the right numbers, but N^2 memory for a graph with few edges.
import torch


def normalized_adjacency(edge_index, num_nodes, dtype=torch.float32):
    a = torch.zeros(num_nodes, num_nodes, dtype=dtype, device=edge_index.device)
    a[edge_index[0], edge_index[1]] = 1
    a[edge_index[1], edge_index[0]] = 1
    a.fill_diagonal_(1)
    d = a.sum(1).rsqrt()
    return d[:, None] * a * d[None, :]


def gcn_layer(x, edge_index, weight, bias=None):
    out = normalized_adjacency(edge_index, x.shape[0], dtype=x.dtype) @ (x @ weight)
    return out + bias if bias is not None else out
