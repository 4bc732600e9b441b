# expect: two calls with the same seed gave different folds
# Shuffles the groups with the global RNG and never uses seed: every call gives another split.
import torch


def stratified_group_kfold(labels, groups, n_splits=5, seed=0):
    device = labels.device
    _, group_of = torch.unique(groups, return_inverse=True)
    _, class_of = torch.unique(labels, return_inverse=True)
    n_groups, n_classes = int(group_of.max()) + 1, int(class_of.max()) + 1
    if not 2 <= n_splits <= n_groups:
        raise ValueError("n_splits must be between 2 and the number of groups")
    counts = torch.zeros(n_groups, n_classes, dtype=torch.float64, device=device)
    counts.index_put_((group_of, class_of), torch.ones(labels.shape[0], dtype=torch.float64, device=device),
                      accumulate=True)
    counts = torch.cat([counts, counts.sum(dim=1, keepdim=True)], dim=1)
    shuffled = torch.randperm(n_groups).to(device)
    order = shuffled[torch.argsort(counts[shuffled, -1], descending=True, stable=True)]
    target = counts.sum(dim=0) / n_splits
    fold_counts = torch.zeros(n_splits, n_classes + 1, dtype=torch.float64, device=device)
    fold_of_group = torch.empty(n_groups, dtype=torch.long, device=device)
    for g in order.tolist():
        before = ((fold_counts - target) / target).square().sum(dim=1)
        after = ((fold_counts + counts[g] - target) / target).square().sum(dim=1)
        f = int(torch.argmin(after - before))
        fold_counts[f] += counts[g]
        fold_of_group[g] = f
    fold = fold_of_group[group_of]
    return [(torch.nonzero(fold != f).squeeze(1), torch.nonzero(fold == f).squeeze(1)) for f in range(n_splits)]
