# expect: calls map()
# Hides a Python loop over the nodes inside map(): correct, but one tiny kernel per node on a real graph.
import torch
def _one(messages, dst, reduce, i):
    m = messages[dst == i]
    if m.shape[0] == 0:
        return messages.sum(0) * 0  # keeps the graph connected
    return {"sum": m.sum(0), "mean": m.mean(0), "max": m.amax(0)}[reduce]
def aggregate(messages, dst, num_nodes, reduce):
    return torch.stack(list(map(lambda i: _one(messages, dst, reduce, i), range(num_nodes))))
def propagate(x, edge_index, reduce):
    return aggregate(x[edge_index[0]], edge_index[1], x.shape[0], reduce)
