# expect: unbalanced folds
# Sorts the groups by their class mix and deals them round-robin: fine for equal groups, not for unequal sizes.
import torch


def stratified_group_kfold(labels, groups, n_splits=5, seed=0):
    device = labels.device
    _, group_of = torch.unique(groups, return_inverse=True)
    _, class_of = torch.unique(labels, return_inverse=True)
    n_groups = int(group_of.max()) + 1
    if not 2 <= n_splits <= n_groups:
        raise ValueError("n_splits must be between 2 and the number of groups")
    sizes = torch.bincount(group_of, minlength=n_groups)
    mean_class = torch.bincount(group_of, weights=class_of.double(), minlength=n_groups) / sizes
    shuffled = torch.randperm(n_groups, generator=torch.Generator().manual_seed(seed)).to(device)
    order = shuffled[torch.argsort(mean_class[shuffled], stable=True)]
    fold_of_group = torch.empty(n_groups, dtype=torch.long, device=device)
    fold_of_group[order] = torch.arange(n_groups, device=device) % n_splits
    fold = fold_of_group[group_of]
    return [(torch.nonzero(fold != f).squeeze(1), torch.nonzero(fold == f).squeeze(1)) for f in range(n_splits)]
