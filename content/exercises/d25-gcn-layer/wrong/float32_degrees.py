# expect: right to float32 precision only
# Computes the degrees and values in float32 and casts to the requested dtype at the end: float64 precision is lost.
import torch
def normalized_adjacency(edge_index, num_nodes, dtype=torch.float32):
    ei = edge_index.to(torch.long)
    loops = torch.arange(num_nodes, device=ei.device)
    idx = torch.cat([ei, ei.flip(0), torch.stack([loops, loops])], dim=1)
    idx = torch.sparse_coo_tensor(idx, torch.ones(idx.shape[1], device=ei.device), (num_nodes, num_nodes)).coalesce().indices()
    row, col = idx
    deg = torch.bincount(row, minlength=num_nodes)
    d = deg.float().rsqrt().to(dtype)
    return torch.sparse_coo_tensor(idx, d[row]*d[col], (num_nodes, num_nodes)).coalesce()
def gcn_layer(x, edge_index, weight, bias=None):
    a = normalized_adjacency(edge_index, x.shape[0], dtype=x.dtype)
    out = torch.sparse.mm(a, x @ weight)
    return out + bias if bias is not None else out
