"""Day 10 · A stratified, group-aware k-fold splitter.

Write ``stratified_group_kfold(labels, groups, n_splits=5, seed=0)``. It returns ``n_splits``
pairs ``(train_idx, test_idx)``, one per fold, such that:

- every sample is in exactly one test fold, and train_idx is every sample not in test_idx;
- no group is split: all samples of a group (a patient, a user, a recording session) are in the
  same test fold;
- stratified: each test fold's class shares are close to the shares in the whole data set;
- balanced: each test fold holds about n / n_splits samples;
- reproducible: the same seed gives the same folds, another seed (usually) other folds.

Why: plain k-fold on samples puts scans of the same patient in train and test, and the model is
scored on people it has already seen: the estimate is optimistic (leakage). Keeping groups whole
fixes that, but with few, large groups a random group split can put most of a rare class into
one fold. Stratifying over groups keeps every fold representative of the data.

Groups cannot be split, so the shares and sizes are only approximately equal. A greedy rule
works well (scikit-learn's StratifiedGroupKFold uses one like it):

1. Number the groups and the classes: ``torch.unique(x, return_inverse=True)`` maps any ids,
   also large or negative ones, to 0 … G-1 and 0 … C-1. Count ``counts[g, c]``, the samples of
   class c in group g (and each group's size).
2. Shuffle the groups with ``torch.randperm(G, generator=torch.Generator().manual_seed(seed))``,
   then stably sort them by size, largest first: big groups are the hardest to place, and the
   seed decides the order of groups of equal size.
3. Put each group, in that order, into the fold where it does the most good: each fold has the
   target ``total count / n_splits`` for every class *and* for its size; choose the fold whose
   squared relative miss of those targets, sum_c ((fold_count_c - target_c) / target_c)^2, grows
   least when the group is added. Balancing only the class shares can leave one fold far too big.

Shapes: labels (n,) and groups (n,) integer tensors (any integer ids; may be non-contiguous
views), n >= 1 → a list of n_splits tuples of 1-D int64 tensors on labels' device, each sorted
ascending (``torch.nonzero(mask).squeeze(1)`` gives that). Raise ``ValueError`` when n_splits is
below 2 or above the number of groups.

Rules: indices only; no scikit-learn. Use your own ``torch.Generator`` for the shuffle: a
splitter must not reseed or consume the global RNG. Don't change the inputs.

Checked, on seeded synthetic data sets (patients with one diagnosis each, groups with their own
class rates, one sample per group, three classes with odd labels, 10 folds over 40 groups, one
group holding 30 % of the data, leave-one-group-out, also with test folds of a single sample, a
single class, non-contiguous input): the return type and index layout (1-D even for one sample); the partition; that no group is split; the class shares (much
closer to the overall shares than a split that ignores the labels; the tolerance is set per case
from what the greedy rule above reaches); the fold sizes (within 30 % of n / n_splits, more where
one group is too big for that); the same folds for the same seed, other folds for another seed;
the global RNG and the inputs untouched; the ValueError for too many folds and for fewer than 2.
"""

import torch


def stratified_group_kfold(labels: torch.Tensor, groups: torch.Tensor, n_splits: int = 5,
                           seed: int = 0) -> list[tuple[torch.Tensor, torch.Tensor]]:
    raise NotImplementedError
