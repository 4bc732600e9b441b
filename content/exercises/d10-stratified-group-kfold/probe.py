import torch


def _on(x, device, strided=False):
    """x on the device; strided: the same values as a non-contiguous view (every other element of a
    buffer), built here so that it stays a view on every device."""
    x = x if x.device.type == torch.device(device).type else x.to(device)
    return torch.stack([x, x], dim=-1)[..., 0] if strided else x


def _rng_state(device):
    state = [torch.get_rng_state()]
    if torch.device(device).type == "cuda":
        state.append(torch.cuda.get_rng_state())
    return state


def _structure(folds, n_splits, n, device):
    """A message when the result is not n_splits (train, test) pairs of sorted int64 index tensors."""
    if not isinstance(folds, (list, tuple)):
        return (f"return a list of (train_idx, test_idx) pairs, got {type(folds).__name__} (a generator, as "
                f"scikit-learn's split() yields? build the whole list)")
    if len(folds) != n_splits:
        return f"expected {n_splits} (train_idx, test_idx) pairs, one per fold, got {len(folds)}"
    for f, pair in enumerate(folds):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            return f"fold {f}: expected a pair (train_idx, test_idx), got {type(pair).__name__}"
        for name, idx in zip(("train_idx", "test_idx"), pair):
            if not isinstance(idx, torch.Tensor):
                return f"fold {f}: {name} must be a tensor of indices, got {type(idx).__name__}"
            if idx.dtype == torch.bool:
                return (f"fold {f}: {name} is a boolean mask; return int64 indices "
                        f"(torch.nonzero(mask).squeeze(1) or torch.where(mask)[0])")
            if idx.dim() == 0:
                return (f"fold {f}: {name} is a 0-dim tensor: squeeze() removed the only dimension of a fold "
                        f"that holds one sample; use torch.nonzero(mask).squeeze(1), which always stays 1-D")
            if idx.dtype != torch.int64 or idx.dim() != 1:
                return f"fold {f}: {name} must be a 1-D int64 tensor, got {tuple(idx.shape)} {idx.dtype}"
            if idx.device.type != torch.device(device).type:
                return f"fold {f}: {name} is on {idx.device}, but labels are on {device}: keep the indices there"
            if idx.numel() and (int(idx.min()) < 0 or int(idx.max()) >= n):
                return f"fold {f}: {name} holds indices outside 0 … {n - 1}"
            if idx.numel() > 1 and not bool((idx[1:] > idx[:-1]).all()):
                return (f"fold {f}: {name} must be sorted ascending, without repeats (as torch.nonzero gives "
                        f"them)")
    return None


def _same(a, b):
    return all(torch.equal(x[0], y[0]) and torch.equal(x[1], y[1]) for x, y in zip(a, b))


def run(solution, inputs, device):
    strided = inputs.get("strided", False)
    labels, groups = _on(inputs["labels"], device, strided), _on(inputs["groups"], device, strided)
    k, seed = inputs["n_splits"], inputs["seed"]
    if inputs.get("expect_error"):
        try:
            solution.stratified_group_kfold(labels, groups, k, seed)
        except ValueError:
            return {"raised": "ValueError"}
        return {"raised": "nothing"}
    before = (labels.clone(), groups.clone())
    rng = _rng_state(device)
    folds = solution.stratified_group_kfold(labels, groups, k, seed)
    rng_untouched = all(torch.equal(a, b) for a, b in zip(rng, _rng_state(device)))
    unchanged = torch.equal(labels, before[0]) and torch.equal(groups, before[1])
    problem = _structure(folds, k, labels.shape[0], device)
    if problem:
        return {"problem": problem}
    folds = [(train.cpu(), test.cpu()) for train, test in folds]
    again = solution.stratified_group_kfold(before[0].clone(), before[1].clone(), k, seed)
    same_again = _structure(again, k, labels.shape[0], device) is None and _same(
        folds, [(a.cpu(), b.cpu()) for a, b in again])
    result = {"train": [f[0] for f in folds], "test": [f[1] for f in folds], "same_again": bool(same_again),
              "rng_untouched": bool(rng_untouched), "inputs_unchanged": bool(unchanged)}
    if inputs.get("check_seed"):
        other = solution.stratified_group_kfold(before[0].clone(), before[1].clone(), k, seed + 1)
        result["seed_matters"] = not (_structure(other, k, labels.shape[0], device) is None and _same(
            folds, [(a.cpu(), b.cpu()) for a, b in other]))
    return result
