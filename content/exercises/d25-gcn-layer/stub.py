"""Day 25 · A GCN layer from an edge list, with a sparse normalised adjacency.

A graph convolutional network (Kipf & Welling, 2017) updates every node from itself and its
neighbours with one propagation rule:

    H' = Â (H W) + b,        Â = D^-1/2 (A + I) D^-1/2

A is the adjacency matrix (A[i, j] = 1 when i and j are joined), I adds a self-loop to every
node (so a node keeps its own features), and D is the diagonal degree matrix *of A + I*:
deg[i] = number of neighbours of i + 1. Entry (i, j) of Â is 1 / sqrt(deg[i] * deg[j]) when
i = j or i and j are joined, else 0. The symmetric normalisation keeps the scale of the features
stable however many neighbours a node has; its eigenvalues lie in (-1, 1], which is why many
layers can be stacked without the output exploding. (D^-1 (A + I), which divides by deg[i]
only, is the random-walk matrix: a different operator, not GCN's.)

Real graphs are sparse: a citation graph with 10^5 nodes has a few edges per node, and a dense
N x N matrix would need 10^10 entries. So Â is stored as a sparse COO tensor (indices and values
of the non-zero entries only) and applied with ``torch.sparse.mm``.

Write two functions:

``normalized_adjacency(edge_index, num_nodes, dtype=torch.float32)``
    edge_index: (2, E) int64, an *undirected* graph with each edge listed in one direction only,
    so you must add both (u, v) and (v, u). An edge may be listed more than once (in either
    direction) and must still count once; the list may already contain a self-loop (i, i),
    which must not end up counted twice; some nodes have no edges at all (their only entry is
    the self-loop, so their degree is 1); E may be 0. edge_index may be a non-contiguous view.
    Returns Â as a coalesced ``torch.sparse_coo_tensor`` of shape (num_nodes, num_nodes), with
    values of ``dtype``, on the device of edge_index.

``gcn_layer(x, edge_index, weight, bias=None)``
    x: (N, F_in) node features, weight: (F_in, F_out), bias: (F_out,) or None. Returns the
    (N, F_out) tensor Â @ (x @ weight) + bias, computed with ``torch.sparse.mm`` on your sparse Â
    (in x's dtype), with gradients flowing to x, weight and bias.

Do not change any input in place. PyTorch Geometric's ``GCNConv`` computes the same layer; it is
not installed here, and writing it once yourself shows what it does.

Checked: Â against a dense float64 reference (self-loops, both directions, duplicated edges,
a self-loop already in the list, isolated nodes, no edges at all, a graph of one node), that Â
is sparse, coalesced and symmetric, the layer's output and its gradients w.r.t. x, weight and
bias, float64, non-contiguous inputs, the device, and that no input is modified.
"""

import torch


def normalized_adjacency(edge_index: torch.Tensor, num_nodes: int, dtype: torch.dtype = torch.float32) -> torch.Tensor:
    raise NotImplementedError


def gcn_layer(x: torch.Tensor, edge_index: torch.Tensor, weight: torch.Tensor,
              bias: torch.Tensor | None = None) -> torch.Tensor:
    raise NotImplementedError
