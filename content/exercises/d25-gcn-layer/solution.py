import torch


def normalized_adjacency(edge_index: torch.Tensor, num_nodes: int, dtype: torch.dtype = torch.float32) -> torch.Tensor:
    ei = edge_index.to(torch.long)
    device = ei.device
    loops = torch.arange(num_nodes, device=device)
    # A + I as a list of entries: both directions of every edge, then one self-loop per node
    idx = torch.cat([ei, ei.flip(0), torch.stack([loops, loops])], dim=1)
    # coalesce merges repeated (row, col) pairs; keep the unique pairs, each with value 1
    idx = torch.sparse_coo_tensor(idx, torch.ones(idx.shape[1], device=device), (num_nodes, num_nodes)).coalesce().indices()
    row, col = idx
    deg = torch.bincount(row, minlength=num_nodes)  # degree in A + I, at least 1
    d = deg.to(dtype).rsqrt()
    values = d[row] * d[col]  # 1 / sqrt(deg_i deg_j)
    return torch.sparse_coo_tensor(idx, values, (num_nodes, num_nodes)).coalesce()


def gcn_layer(x: torch.Tensor, edge_index: torch.Tensor, weight: torch.Tensor,
              bias: torch.Tensor | None = None) -> torch.Tensor:
    a_hat = normalized_adjacency(edge_index, x.shape[0], dtype=x.dtype)
    out = torch.sparse.mm(a_hat, x @ weight)
    return out + bias if bias is not None else out
