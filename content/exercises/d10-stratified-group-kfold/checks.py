import torch


def _case(name, labels, groups, n_splits, seed, **extra):
    return (f"{name}, n_splits = {n_splits}",
            {"labels": labels, "groups": groups, "n_splits": n_splits, "seed": seed, **extra})


def _grouped(sizes, group_labels=None, rates=None, ids=None):
    """Samples in groups of the given sizes; each group has one label, or its own rate of class 1."""
    sizes = torch.as_tensor(sizes)
    ids = torch.arange(len(sizes)) if ids is None else ids
    groups = torch.repeat_interleave(ids, sizes)
    if group_labels is not None:
        labels = torch.repeat_interleave(group_labels, sizes)
    else:
        labels = (torch.rand(int(sizes.sum())) < torch.repeat_interleave(rates, sizes)).long()
    order = torch.randperm(labels.shape[0])  # the samples of a group are not next to each other
    return labels[order], groups[order]


def cases(device):
    n = 60  # patients with one diagnosis each: a label-blind split piles the positives into some folds
    patients = _grouped(torch.randint(2, 13, (n,)), group_labels=(torch.rand(n) < 0.22).long())
    users = _grouped(torch.randint(1, 21, (80,)), rates=0.3 * torch.rand(80),
                     ids=torch.randint(-10**12, 10**12, (80,)))
    singletons = ((torch.rand(200) < 0.1).long(), torch.randperm(200))
    three = _grouped(torch.randint(1, 9, (90,)), group_labels=torch.tensor([3, 7, 42])[torch.randint(3, (90,))])
    few = _grouped(torch.randint(3, 9, (40,)), group_labels=(torch.rand(40) < 0.3).long())
    sizes = torch.cat([torch.tensor([60]), torch.randint(1, 7, (40,))])  # one group holds about 30 %
    big = _grouped(sizes, rates=torch.full((41,), 0.4))
    strided = _grouped(torch.randint(2, 9, (50,)), rates=0.5 * torch.rand(50))  # the probe makes them views
    logo = _grouped(torch.tensor([5, 3, 8, 4, 6, 2]), group_labels=torch.tensor([0, 1, 0, 0, 1, 0]))
    equal = _grouped(torch.full((30,), 4), group_labels=(torch.arange(30) % 3 == 0).long())
    one_class = (torch.zeros(40, dtype=torch.long), torch.randint(0, 12, (40,)))
    too_many = _grouped(torch.tensor([3, 4, 2, 5]), group_labels=torch.tensor([0, 1, 0, 1]))
    tiny = _grouped(torch.tensor([4, 1, 6, 3, 1]), group_labels=torch.tensor([0, 1, 0, 1, 0]))  # folds of one sample

    def on(pair):
        return [t.to(device) for t in pair]

    return [
        _case("60 patients with one diagnosis each (2-12 samples), about 22 % positive", *on(patients), 5, 0),
        _case("80 users with their own positive rates; group ids are large, negative and unordered",
              *on(users), 5, 3),
        _case("every sample its own group (plain stratified k-fold), 10 % positive", *on(singletons), 4, 7,
              check_seed=True),
        _case("three classes with the labels 3, 7 and 42", *on(three), 3, 11),
        _case("only 40 groups for 10 folds", *on(few), 10, 5),
        _case("one group holds about 30 % of the samples", *on(big), 4, 2),
        _case("non-contiguous labels and groups (strided views)", *on(strided), 5, 1, strided=True),
        _case("as many folds as groups (leave-one-group-out), 6 groups", *on(logo), 6, 0),
        _case("30 groups of equal size (the seed orders them)", *on(equal), 3, 4, check_seed=True),
        _case("a single class", *on(one_class), 3, 9),
        _case("more folds than groups (4 groups): raise ValueError", *on(too_many), 5, 0, expect_error=True),
        _case("a single fold (nothing left to train on): raise ValueError", *on(too_many), 1, 0, expect_error=True),
        _case("leave-one-group-out where two groups hold a single sample", *on(tiny), 5, 3),
    ]


def _codes(t):
    return torch.unique(t.cpu(), return_inverse=True)[1]


def _blind(groups, k):
    """Label-blind group k-fold (largest group to the smallest fold): the bar stratification must beat."""
    g = _codes(groups)
    sizes = torch.bincount(g)
    load = [0] * k
    fold_of_group = torch.empty(len(sizes), dtype=torch.long)
    for i in torch.argsort(sizes, descending=True, stable=True).tolist():
        f = min(range(k), key=load.__getitem__)
        load[f] += int(sizes[i])
        fold_of_group[i] = f
    return fold_of_group[g]


def _quality(labels, fold, k):
    """(largest gap between a fold's class share and the overall share, largest relative size miss)."""
    y = _codes(labels)
    c = int(y.max()) + 1
    overall = torch.bincount(y, minlength=c).double() / len(y)
    gap, miss = 0.0, 0.0
    for f in range(k):
        in_fold = y[fold == f]
        if len(in_fold):
            share = torch.bincount(in_fold, minlength=c).double() / len(in_fold)
            gap = max(gap, float((share - overall).abs().max()))
        miss = max(miss, abs(len(in_fold) - len(y) / k) / (len(y) / k))
    return gap, miss


def _fold_vector(tests, n):
    fold = torch.full((n,), -1, dtype=torch.long)
    for f, test in enumerate(tests):
        fold[test] = f
    return fold


def compare(name, inputs, expected, actual):
    k, labels, groups = inputs["n_splits"], inputs["labels"].cpu(), inputs["groups"].cpu()
    n = labels.shape[0]
    if "raised" in expected:
        if actual.get("raised") != "ValueError" and k < 2:
            return (f"n_splits = {k}: raise ValueError. k-fold needs at least 2 folds: with one fold, its test set "
                    f"is all the data and nothing is left to train on (check 2 <= n_splits, not only the upper bound)")
        if actual.get("raised") != "ValueError":
            return (f"n_splits = {k} but there are fewer groups: raise ValueError. With more folds than groups, "
                    f"some test fold would be empty or a group would have to be split across folds")
        return None
    if actual.get("raised"):
        return "raised ValueError, but n_splits is valid here (2 <= n_splits <= the number of groups)"
    if "problem" in actual:
        return actual["problem"]
    tests, trains = actual["test"], actual["train"]
    times = torch.zeros(n, dtype=torch.long)
    for test in tests:
        times[test] += 1
    if bool((times != 1).any()):
        i = int((times != 1).nonzero()[0])
        return (f"sample {i} is in {int(times[i])} test folds: every sample must be in exactly one test fold "
                f"(the test folds partition the data)")
    for f, (train, test) in enumerate(zip(trains, tests)):
        rest = torch.ones(n, dtype=torch.bool)
        rest[test] = False
        if not torch.equal(train, rest.nonzero().squeeze(1)):
            return f"fold {f}: train_idx must be exactly the samples that are not in test_idx (all of them)"
    fold = _fold_vector(tests, n)
    g = _codes(groups)
    per_group_min = torch.full((int(g.max()) + 1,), k).scatter_reduce(0, g, fold, "amin")
    per_group_max = torch.full((int(g.max()) + 1,), -1).scatter_reduce(0, g, fold, "amax")
    leaking = (per_group_min != per_group_max).nonzero()
    if len(leaking):
        first = int(leaking[0])
        raw = groups[g == first][0].item()
        return (f"group {raw} has samples in test folds {int(per_group_min[first])} and "
                f"{int(per_group_max[first])}: a group (a patient, a user) must sit in one fold only, otherwise "
                f"the model is tested on a group it trained on and the score is optimistic (leakage)")
    empty = [f for f, test in enumerate(tests) if len(test) == 0]
    if empty:
        return (f"test fold {empty[0]} is empty (test fold sizes {[len(t) for t in tests]}): every fold needs at "
                f"least one group. Balancing the class shares alone can pile groups into one fold when two folds "
                f"look equally good; make each fold's size one more target to balance")
    gap, miss = _quality(labels, fold, k)
    ref_gap, ref_miss = _quality(labels, _fold_vector(expected["test"], n), k)
    blind_gap, _ = _quality(labels, _blind(groups, k), k)
    allowed_gap = max(ref_gap + 0.03, ref_gap + 0.75 * (blind_gap - ref_gap))
    if gap > allowed_gap + 1e-9:
        return (f"not stratified: a test fold's share of some class is {gap:.3f} away from the overall share "
                f"(allowed: {allowed_gap:.3f}; a good greedy split reaches {ref_gap:.3f}, ignoring the labels gives "
                f"{blind_gap:.3f}). Choose each group's fold by the class counts it adds (and the fold's size): "
                f"every fold should get about 1/n_splits of every class")
    allowed_miss = max(0.3, ref_miss + 0.15)
    if miss > allowed_miss + 1e-9:
        sizes = [len(t) for t in tests]
        return (f"unbalanced folds: test fold sizes {sizes} for n / n_splits = {n / k:.1f} (a miss of "
                f"{100 * miss:.0f} %, allowed {100 * allowed_miss:.0f} %): place the largest groups first, each into "
                f"the fold whose class and size targets it fits best (dealing groups out in turn ignores their "
                f"sizes)")
    if not actual["same_again"]:
        return ("two calls with the same seed gave different folds: the split must be reproducible. Shuffle with "
                "a generator of your own, torch.Generator().manual_seed(seed), not with the global RNG")
    if actual.get("seed_matters") is False:
        return ("a different seed gave exactly the same folds: use seed to shuffle the groups before the greedy "
                "assignment (it orders groups of equal size), so that repeated k-fold with several seeds "
                "gives different splits")
    if not actual["rng_untouched"]:
        return ("the global RNG state changed (torch.manual_seed or an unseeded random call inside the "
                "function?): a splitter must not reseed or consume the caller's RNG; draw from "
                "torch.Generator().manual_seed(seed)")
    if not actual["inputs_unchanged"]:
        return "labels or groups were changed in place: leave the caller's tensors as they were"
    return None
