"""Day 25 · Message passing with sum, mean and max aggregation.

Every message-passing GNN layer (GCN, GraphSAGE, GIN, GAT, and PyTorch Geometric's
``MessagePassing`` base class) follows the same three steps for each edge src -> dst:

    1. message:   m_e = phi(x[src_e], ...)          one row per edge, shape (E, F)
    2. aggregate: a_i = AGG { m_e : dst_e = i }      a permutation-invariant reduction
    3. update:    x'_i = gamma(x_i, a_i)

This exercise is step 2, the part that needs care, and the simplest full layer built on it.
The reduction must not depend on the order of the edges (a node's neighbours have no order), so
it is a sum, a mean or a max. Which one matters: sum keeps the degree (it can count neighbours,
which GIN relies on), mean is degree-normalised (GraphSAGE-mean), max picks the strongest
signal per feature (GraphSAGE-pool).

Write two functions:

``aggregate(messages, dst, num_nodes, reduce)``
    messages: (E, F) float, dst: (E,) int64 destination node of each message, reduce one of
    "sum", "mean", "max". Returns (num_nodes, F) in the messages' dtype and device: row i is the
    sum / mean / max of the messages whose dst is i. A node that receives no message gets
    zeros for all three reductions (not NaN from 0 / 0, not -inf from an empty max). The mean
    divides by the node's in-degree (the number of its messages); the max is over the messages
    only, so a node whose messages are all negative gets a negative maximum. E may be 0.
    Use ``index_add_`` / ``scatter_reduce`` (read about its ``include_self`` argument).

``propagate(x, edge_index, reduce)``
    x: (N, F) node features, edge_index: (2, E) int64 with row 0 the sources and row 1 the
    destinations (PyTorch Geometric's "source_to_target" convention). The message along an
    edge is the source's features x[src]; return ``aggregate`` of those at the destinations,
    shape (N, F). A node with an outgoing edge but no incoming one gets zeros.

Gradients must flow back to messages and x: for sum every message gets the upstream gradient,
for mean it is divided by the in-degree, for max it flows only to the largest message of each
feature (tied maxima share it equally, as scatter_reduce does). Rules: no Python loops, comprehensions or map() (checked before the code runs); do not
change any input in place.

Checked: small graphs computed by hand, nodes without incoming edges, negative messages under
max, E = 0, self-loops, a graph of one node, float64, huge values, non-contiguous inputs, the
edge direction, the gradients, the device, and that no input is modified.
"""

import torch


def aggregate(messages: torch.Tensor, dst: torch.Tensor, num_nodes: int, reduce: str) -> torch.Tensor:
    raise NotImplementedError


def propagate(x: torch.Tensor, edge_index: torch.Tensor, reduce: str) -> torch.Tensor:
    raise NotImplementedError
