"""Â is checked as a dense matrix against the reference, then the layer and its gradients. A wrong
Â is matched against dense float64 versions of the usual mistakes, to name the one made."""

import torch

from quizzer.practice.compare import compare_value

# a sparse matmul and a sum over neighbours: looser than elementwise
RTOL, ATOL = 1e-5, 1e-5
# float64 cases are held to float64 precision: a result computed in float32 and cast fails them
RTOL64, ATOL64 = 1e-10, 1e-12


def _edges(pairs, device):
    return torch.tensor(pairs, dtype=torch.long, device=device).reshape(-1, 2).t().contiguous()


def _random_graph(n, e, device):
    src = torch.randint(0, n, (e,), device=device)
    dst = torch.randint(0, n, (e,), device=device)
    keep = src != dst
    return torch.stack([src[keep], dst[keep]])


def cases(device):
    def case(name, edge_index, n, f_in, f_out, dtype=torch.float32, use_bias=True, scale=1.0, x=None):
        x = scale * torch.randn(n, f_in, dtype=dtype, device=device) if x is None else x
        return (name, {"edge_index": edge_index, "num_nodes": n, "x": x,
                       "weight": torch.randn(f_in, f_out, dtype=dtype, device=device) / f_in ** 0.5,
                       "bias": torch.randn(f_out, dtype=dtype, device=device), "use_bias": use_bias,
                       "upstream": torch.randn(n, f_out, dtype=dtype, device=device)})

    path = _edges([[0, 1], [1, 2], [2, 3]], device)  # node 4 isolated
    star = _edges([[0, 1], [0, 2], [0, 3], [0, 4], [0, 5], [4, 5]], device)
    dups = _edges([[0, 1], [1, 0], [0, 1], [1, 2], [2, 3], [3, 2], [3, 4], [2, 3]], device)
    loops = _edges([[0, 1], [1, 1], [1, 2], [3, 3], [2, 0]], device)  # self-loops already listed
    big = _random_graph(30, 60, device)
    listed = _random_graph(12, 20, device)
    return [
        case("path 0-1-2-3 and an isolated node 4", path, 5, 3, 2),
        case("a star with one extra edge, no bias", star, 6, 4, 3, use_bias=False),
        case("duplicated edges, listed in both directions", dups, 5, 3, 4),
        case("self-loops (1, 1) and (3, 3) already in the edge list", loops, 4, 2, 2),
        case("random graph, 30 nodes, float64", big, 30, 5, 3, dtype=torch.float64),
        case("no edges at all (Â = I)", torch.zeros(2, 0, dtype=torch.long, device=device), 4, 3, 2),
        case("a graph of one node", torch.zeros(2, 0, dtype=torch.long, device=device), 1, 2, 3),
        case("edge_index and x non-contiguous (transposed views), 3 isolated nodes",
             listed.t().contiguous().t(), 15, 9, 2, x=torch.randn(9, 15, device=device).t()),
        case("huge features (1e6) on the star graph", star, 6, 4, 2, scale=1e6),
    ]


def _dense_variants(inputs):
    """Â as the usual mistakes compute it, dense float64 on the CPU."""
    ei, n = inputs["edge_index"].cpu().long(), inputs["num_nodes"]
    eye = torch.eye(n, dtype=torch.float64)

    def dense(rows, cols):
        m = torch.zeros(n, n, dtype=torch.float64)
        m[rows, cols] = 1.0
        return m

    def counted(rows, cols):
        m = torch.zeros(n, n, dtype=torch.float64)
        m.index_put_((rows, cols), torch.ones(rows.numel(), dtype=torch.float64), accumulate=True)
        return m

    def sym(m, deg):
        d = deg.rsqrt()
        return d[:, None] * m * d[None, :]

    a = dense(torch.cat([ei[0], ei[1]]), torch.cat([ei[1], ei[0]]))
    a_loop = ((a + eye) > 0).double()
    off = ei[0] != ei[1]
    a_off = dense(torch.cat([ei[0][off], ei[1][off]]), torch.cat([ei[1][off], ei[0][off]]))
    one_way = ((dense(ei[0], ei[1]) + eye) > 0).double()
    summed = counted(torch.cat([ei[0], ei[1]]), torch.cat([ei[1], ei[0]])) + eye
    with torch.no_grad():
        out = {
            "no_loops": sym(a_off, a_off.sum(1)),
            "one_way": sym(one_way, one_way.sum(1)),
            "random_walk": a_loop / a_loop.sum(1, keepdim=True),
            "random_walk_cols": a_loop / a_loop.sum(0, keepdim=True),
            "deg_before_loops": sym(a_loop, a_off.sum(1)),
            "summed": sym(summed, summed.sum(1)),
            "unnormalised": a_loop,
            "src_degree": sym(a_loop, torch.bincount(ei[0][off], minlength=n).double() + 1),
        }
    return out


TIPS = {
    "no_loops": "Â has no self-loops: GCN adds the identity, A + I, so every node keeps its own features "
                "(and an isolated node has degree 1, not 0); add one (i, i) entry per node before counting degrees",
    "one_way": "Â is not symmetric: the graph is undirected and each edge is listed in one direction only, "
               "so add both (u, v) and (v, u) (e.g. torch.cat([edge_index, edge_index.flip(0)], dim=1))",
    "random_walk": "this is the random-walk normalisation D^-1 (A + I), whose rows sum to 1; GCN's is symmetric, "
                   "D^-1/2 (A + I) D^-1/2: entry (i, j) is 1 / sqrt(deg[i] * deg[j])",
    "random_walk_cols": "this is (A + I) D^-1, whose columns sum to 1; GCN's is symmetric, "
                        "D^-1/2 (A + I) D^-1/2: entry (i, j) is 1 / sqrt(deg[i] * deg[j])",
    "deg_before_loops": "the degrees leave out the self-loop: D is the degree matrix of A + I, so "
                        "deg[i] = number of neighbours + 1; count the degrees after adding the self-loops",
    "summed": "a repeated entry was counted more than once (an edge listed twice, or a self-loop already in the "
              "list plus the added one): coalesce() sums the values of repeated (row, col) pairs, so keep its "
              "indices() and set every value of A + I back to 1 before counting degrees",
    "unnormalised": "this is A + I without normalisation: scale entry (i, j) by 1 / sqrt(deg[i] * deg[j]), or "
                    "the features of high-degree nodes grow with every layer",
    "src_degree": "the degrees were counted from edge_index[0] only, i.e. at one end of each edge; in an undirected "
                  "graph an edge adds 1 to the degree of both its nodes (count over both directions, plus the self-loop)",
}


def _diagnose_adjacency(inputs, actual):
    got = actual.get("Â (as a dense matrix)")
    if not isinstance(got, torch.Tensor) or got.dim() != 2:
        return "return Â as a torch.sparse_coo_tensor of shape (num_nodes, num_nodes)"
    got = got.double()
    ref = actual.get("_reference_adjacency")
    if (ref is not None and inputs["x"].dtype == torch.float64 and ref.shape == got.shape
            and bool(torch.allclose(got, ref.double(), rtol=1e-5, atol=1e-6))):
        return ("right to float32 precision only: for dtype=torch.float64 compute the degrees and values in float64 "
                "(deg.to(dtype).rsqrt()), not in float32 and cast at the end")
    if not bool(torch.isfinite(got).all()):
        return ("Â has inf or NaN entries: a node with degree 0 gives 0^-1/2 = inf; the degrees must be those of "
                "A + I, so every node (an isolated one too) has degree at least 1")
    for mistake, m in _dense_variants(inputs).items():
        if m.shape == got.shape and bool(torch.allclose(got, m, rtol=1e-4, atol=1e-6)):
            return TIPS[mistake]
    if got.shape[0] == got.shape[1] and not bool(torch.allclose(got, got.T, rtol=1e-4, atol=1e-6)):
        return "Â must be symmetric: add both directions of every edge and normalise by both degrees"
    return ""


def _diagnose_layer(inputs, actual):
    out = actual.get("gcn_layer output")
    if not isinstance(out, torch.Tensor):
        return "return the (N, F_out) tensor Â @ (x @ weight) + bias"
    if out.shape != inputs["upstream"].shape:
        return "the output is (N, F_out): multiply x (N, F_in) by weight (F_in, F_out), then apply Â (N, N) on the left"
    if inputs["use_bias"]:
        b = inputs["bias"].detach().cpu().double()
        ref = actual.get("_reference_output")
        if ref is not None and torch.allclose(out.double() + b, ref.double(), rtol=1e-4, atol=1e-4):
            return "the bias is missing: add it after the propagation, Â @ (x @ weight) + bias"
    return ""


def compare(name, inputs, expected, actual):
    rtol, atol = (RTOL64, ATOL64) if inputs["x"].dtype == torch.float64 else (RTOL, ATOL)
    for key, value in expected.items():
        problem = compare_value(key, value, actual.get(key), rtol, atol)
        if not problem:
            continue
        if key == "Â is a torch.sparse_coo_tensor":
            if actual.get(key) is False:
                return (f"{problem} — return Â as torch.sparse_coo_tensor(indices, values, (N, N)).coalesce(), not a "
                        "dense matrix: a dense N x N adjacency of a graph with 10^5 nodes needs 10^10 entries, the "
                        "sparse one stores only the non-zeros")
            return f"{problem} — {_diagnose_adjacency(inputs, actual)}"
        if key == "Â (as a dense matrix)":
            tip = _diagnose_adjacency(inputs, dict(actual, _reference_adjacency=value))
            return f"{problem} — {tip}" if tip else problem
        if key == "Â is coalesced":
            return f"{problem} — call .coalesce() on the sparse tensor before returning it (unique, sorted indices)"
        if key == "gcn_layer output":
            tip = _diagnose_layer(inputs, dict(actual, _reference_output=value))
            return f"{problem} — {tip}" if tip else problem
        if key.startswith("grad:") or key == "gcn_layer output device type":
            out = actual.get("gcn_layer output")
            if key not in actual and isinstance(out, torch.Tensor) and out.shape == inputs["upstream"].shape:
                return ("the output is not connected to the autograd graph of x and weight (a .detach(), .item(), "
                        ".data or torch.no_grad()?)")
            if key.startswith("grad:") and actual.get(key) is None:
                return f"{problem} — the output does not depend on this input (is it used, and not detached?)"
        return problem
    return None
