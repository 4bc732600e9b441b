import torch


def _same(a, b):
    return isinstance(a, torch.Tensor) and a.shape == b.shape and a.dtype == b.dtype and bool(torch.equal(a, b))


def _lv(last_value, j=None):
    if isinstance(last_value, torch.Tensor):
        v = last_value.clone()
        return v[j] if j is not None and v.dim() else v
    return last_value


def _call(solution, inputs, r, d, v, lv):
    if inputs["part"] == "returns":
        return solution.discounted_returns(r, d, inputs["gamma"], lv)
    return solution.gae(r, v, d, lv, inputs["gamma"], inputs["lam"])


def run(solution, inputs, device):
    part = inputs["part"]
    r, d = inputs["rewards"].clone(), inputs["dones"].clone()  # clone keeps a non-contiguous layout
    v = inputs["values"].clone().requires_grad_(True) if part == "gae" else None  # a critic's output
    lv = _lv(inputs["last_value"])
    if part == "gae" and isinstance(lv, torch.Tensor) and lv.is_floating_point():
        lv.requires_grad_(True)  # the critic's V(s_T) has a graph too
    r0, d0 = r.clone(), d.clone()
    v0 = v.detach().clone() if v is not None else None
    lv0 = lv.detach().clone().requires_grad_(lv.requires_grad) if isinstance(lv, torch.Tensor) else lv
    result = _call(solution, inputs, r, d, v, lv)
    out = {}
    if part == "returns":
        out["discounted_returns"] = result
        if not isinstance(result, torch.Tensor) or result.shape != r.shape:
            return out
        outputs = [result]
    else:
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            out["gae returns a tuple (advantages, returns)"] = type(result).__name__
            return out
        out["advantages"], out["returns"] = result
        if not all(isinstance(x, torch.Tensor) and x.shape == r.shape for x in result):
            return out
        outputs = list(result)
        out["no gradient flows back into values (advantages and returns are detached)"] = not any(
            x.requires_grad for x in outputs)
        out["values keep their graph (no in-place detach_)"] = bool(
            v.requires_grad and (not isinstance(lv, torch.Tensor) or lv.requires_grad == lv0.requires_grad))
    same_lv = (_same(lv.detach(), lv0.detach()) if isinstance(lv0, torch.Tensor) else lv == lv0)
    out["inputs are left unchanged"] = bool(_same(r, r0) and _same(d, d0) and same_lv
                                            and (v is None or _same(v.detach(), v0)))
    if r.dim() == 2:  # the same function called on each env's column alone (1-D)
        try:
            cols = []
            for j in range(r.shape[1]):
                res = _call(solution, inputs, r0[:, j].clone(), d0[:, j].clone(),
                            None if v is None else v0[:, j].clone(), _lv(inputs["last_value"], j))
                cols.append(res if part == "returns" else res[0])
            out["diag: each env alone"] = torch.stack([c.detach() for c in cols], dim=1)
        except Exception:  # the 1-D path is only a diagnosis here
            out["diag: each env alone"] = None
    return out
