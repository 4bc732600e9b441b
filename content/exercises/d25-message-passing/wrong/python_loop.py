# expect: this exercise must be vectorised
# Loops over the edges in Python: correct, but thousands of times slower on a real graph.
import torch


def aggregate(messages, dst, num_nodes, reduce):
    out = messages.new_zeros(num_nodes, messages.shape[1])
    count = [0] * num_nodes
    for e in range(messages.shape[0]):
        i = int(dst[e])
        if reduce == "max":
            out[i] = messages[e] if count[i] == 0 else torch.maximum(out[i], messages[e])
        else:
            out[i] = out[i] + messages[e]
        count[i] += 1
    if reduce == "mean":
        out = out / torch.tensor(count, dtype=out.dtype).clamp(min=1).unsqueeze(1)
    return out


def propagate(x, edge_index, reduce):
    return aggregate(x[edge_index[0]], edge_index[1], x.shape[0], reduce)
