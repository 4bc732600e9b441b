# expect: not stratified
# Group k-fold that balances only the fold sizes: each group, largest first, goes to the smallest fold.
import torch


def stratified_group_kfold(labels, groups, n_splits=5, seed=0):
    _, group_of = torch.unique(groups, return_inverse=True)
    sizes = torch.bincount(group_of)
    if not 2 <= n_splits <= len(sizes):
        raise ValueError("n_splits must be between 2 and the number of groups")
    shuffled = torch.randperm(len(sizes), generator=torch.Generator().manual_seed(seed)).to(labels.device)
    order = shuffled[torch.argsort(sizes[shuffled], descending=True, stable=True)]
    load = torch.zeros(n_splits, dtype=torch.long, device=labels.device)
    fold_of_group = torch.empty(len(sizes), dtype=torch.long, device=labels.device)
    for g in order.tolist():
        f = int(torch.argmin(load))
        load[f] += sizes[g]
        fold_of_group[g] = f
    fold = fold_of_group[group_of]
    return [(torch.nonzero(fold != f).squeeze(1), torch.nonzero(fold == f).squeeze(1)) for f in range(n_splits)]
