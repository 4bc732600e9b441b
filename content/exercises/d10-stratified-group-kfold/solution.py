import torch


def stratified_group_kfold(labels: torch.Tensor, groups: torch.Tensor, n_splits: int = 5,
                           seed: int = 0) -> list[tuple[torch.Tensor, torch.Tensor]]:
    device = labels.device
    _, group_of = torch.unique(groups, return_inverse=True)  # ids 0 … G-1, whatever the raw ids are
    _, class_of = torch.unique(labels, return_inverse=True)  # classes 0 … C-1
    n_groups, n_classes = int(group_of.max()) + 1, int(class_of.max()) + 1
    if not 2 <= n_splits <= n_groups:
        raise ValueError(f"n_splits={n_splits} needs 2 <= n_splits <= the number of groups ({n_groups})")

    # counts[g, c]: how many samples of class c group g holds; one more column, the group's size,
    # makes the fold sizes one more thing to balance
    counts = torch.zeros(n_groups, n_classes, dtype=torch.float64, device=device)
    counts.index_put_((group_of, class_of), torch.ones(labels.shape[0], dtype=torch.float64, device=device),
                      accumulate=True)
    counts = torch.cat([counts, counts.sum(dim=1, keepdim=True)], dim=1)

    # largest groups first (they are the hardest to place); the seeded shuffle orders equal sizes
    generator = torch.Generator().manual_seed(seed)  # a CPU generator: the same split on every device
    shuffled = torch.randperm(n_groups, generator=generator).to(device)
    order = shuffled[torch.argsort(counts[shuffled, -1], descending=True, stable=True)]

    target = counts.sum(dim=0) / n_splits  # each fold's fair share of every class and of the samples
    fold_counts = torch.zeros(n_splits, n_classes + 1, dtype=torch.float64, device=device)
    fold_of_group = torch.empty(n_groups, dtype=torch.long, device=device)
    for g in order.tolist():
        # how much each fold's squared relative miss of its targets grows if it takes group g
        before = ((fold_counts - target) / target).square().sum(dim=1)
        after = ((fold_counts + counts[g] - target) / target).square().sum(dim=1)
        f = int(torch.argmin(after - before))  # ties: the first such fold
        fold_counts[f] += counts[g]
        fold_of_group[g] = f

    fold = fold_of_group[group_of]  # each sample's fold
    return [(torch.nonzero(fold != f).squeeze(1), torch.nonzero(fold == f).squeeze(1)) for f in range(n_splits)]
