"""Masking is random, so instead of comparing values with the reference this checks the properties
every correct implementation has, on large batches, with bounds far (about 6 sigma) outside
sampling noise."""

import math

import torch

PAD, CLS, SEP, MASK, FIRST_WORD = 0, 2, 3, 4, 5  # ids 0-4 are special tokens, words start at 5


def _batch(b, t, vocab, device, lengths=None, seed=0):
    """Sentences [CLS] w w ... [SEP] [PAD] ...; word ids in [5, vocab), never a special id."""
    ids = torch.randint(FIRST_WORD, vocab, (b, t), device=device)
    special = torch.zeros(b, t, dtype=torch.bool, device=device)
    lengths = lengths if lengths is not None else [t] * b
    for row, n in enumerate(lengths):
        ids[row, n:] = PAD
        special[row, n:] = True
        if n > 0:
            ids[row, 0] = CLS
            special[row, 0] = True
        if n > 1:
            ids[row, n - 1] = SEP
            special[row, n - 1] = True
    return ids, special


def cases(device):
    def case(name, ids, special, vocab, mlm_prob=0.15, seed=7):
        return (name, {"input_ids": ids, "special_mask": special, "mask_id": MASK, "vocab_size": vocab,
                       "mlm_prob": mlm_prob, "seed": seed})

    lengths = torch.randint(20, 65, (512,)).tolist()
    made = [case("512 padded sentences of up to 64 tokens, vocabulary of 12", *_batch(512, 64, 12, device, lengths), 12)]
    ids, special = _batch(64, 256, 30522, device, seed=1)
    made.append(case("BERT-sized vocabulary (30522), mlm_prob = 0.3", ids, special, 30522, mlm_prob=0.3, seed=11))
    made.append(case("a batch of one long sentence", *_batch(1, 8192, 50, device), 50, seed=3))
    lengths = [128, 0, 90, 0, 1, 128, 0, 60] * 8  # rows of only [PAD], a row that is only [CLS]
    made.append(case("rows that are all special tokens (padding only)", *_batch(64, 128, 20, device, lengths), 20,
                     seed=5))
    ids, special = _batch(256, 128, 16, device)
    made.append(case("non-contiguous (transposed) input_ids and mask", ids.t().contiguous().t(),
                     special.t().contiguous().t(), 16, seed=9))
    ids, special = _batch(1, 4, 10, device, [2])
    made.append(case("a tiny batch with no maskable token at all", ids, special, 10, seed=1))
    return made


def _sigma(p, n):
    return 6 * math.sqrt(p * (1 - p) / max(n, 1)) + 2 / max(n, 1)


def _problem(inputs, actual):
    if actual.get("problem"):
        return actual["problem"]
    if not actual.get("inputs_unchanged"):
        return ("the inputs were modified in place: input_ids (or special_mask) differ after the call; the "
                "caller still needs the original ids (they are the labels). Build new tensors with torch.where "
                "or work on input_ids.clone()")
    ids, special = inputs["input_ids"].cpu(), inputs["special_mask"].cpu()
    masked, labels = actual["masked"], actual["labels"]
    mask_id, vocab, p = inputs["mask_id"], inputs["vocab_size"], inputs["mlm_prob"]
    for what, t in (("masked_inputs", masked), ("labels", labels)):
        if t.shape != ids.shape:
            return f"{what}: expected shape {tuple(ids.shape)} (the input's shape), got {tuple(t.shape)}"
        if t.dtype != ids.dtype:
            return f"{what}: expected dtype {ids.dtype} (token ids stay int64, as nn.Embedding and CrossEntropyLoss need), got {t.dtype}"
    want_device = inputs["input_ids"].device.type
    if list(actual.get("devices", [])) != [want_device, want_device]:
        return f"the outputs must be on the input's device ({want_device}), got {actual.get('devices')}"

    sel = labels != -100
    wrong_label = sel & (labels != ids)
    if wrong_label.any():
        values = labels[wrong_label]
        count = f"{int(wrong_label.sum())} of {labels.numel()} labels"
        if (values == 0).all():
            return (f"{count} are 0 where the token was not selected: positions that are not predicted must get "
                    "the label -100, the ignore_index of CrossEntropyLoss; 0 is a real token id and would be "
                    "trained as a target")
        if (values == masked[wrong_label]).all():
            return (f"{count} hold the corrupted input (e.g. mask_id) instead of the original id: labels are the "
                    "original ids at selected positions (the answer the model must recover) and -100 elsewhere")
        return (f"{count} are neither -100 nor the original id: labels hold input_ids where a position was "
                "selected and -100 everywhere else")
    free = ~special
    n_free = int(free.sum())
    rate = float(sel[free].double().mean()) if n_free else 0.0
    if n_free and rate > 0.95 and p < 0.5:
        return ("labels hold the original id at every position: only the selected ~mlm_prob of the tokens are "
                "predicted, so every other label must be -100, or the loss also trains the model to copy the "
                "unmasked tokens it can see")
    if (sel & special).any():
        return (f"{int((sel & special).sum())} special-token positions ([CLS], [SEP], [PAD]) were selected "
                "(their label is not -100): special_mask marks positions that are never selected, so combine "
                "the random draw with ~special_mask")
    if (special & (masked != ids)).any():
        return ("special-token positions were changed in masked_inputs: [CLS], [SEP] and [PAD] must stay "
                "exactly as they are")
    if (~sel & (masked != ids)).any():
        return (f"{int((~sel & (masked != ids)).sum())} positions that were not selected (label -100) were "
                "changed: the 80/10/10 replacement applies only to the selected positions, all the others "
                "must keep their original id")
    if n_free == 0:
        return None
    n_sel = int(sel.sum())
    if n_sel >= 200 and not (masked[sel] == ids[sel]).any() and float((masked[sel] == mask_id).double().mean()) < 0.97:
        return ("no selected position kept its original id: the labels must mark every *selected* position, also "
                "the 10% left unchanged (and the random draws that hit the original); decide the labels from the "
                "selection, not from which tokens were changed")
    if abs(rate - p) > _sigma(p, n_free):
        return (f"{rate:.2%} of the maskable positions were selected, expected about mlm_prob = {p:.0%}: select "
                "each non-special position independently with probability mlm_prob")
    if ids.shape[0] >= 256:
        per_pos = sel.double().sum(0) / free.double().sum(0).clamp(min=1)
        counts = free.sum(0)
        for t in range(ids.shape[1]):
            n = int(counts[t])
            if n >= 100 and abs(float(per_pos[t]) - p) > _sigma(p, n) + 0.02:
                return (f"position {t} was selected in {float(per_pos[t]):.1%} of the rows, expected about "
                        f"{p:.0%}: every position of every row needs its own random draw")
    n_sel = int(sel.sum())
    if n_sel < 200:
        return None
    m, x = masked[sel], ids[sel]
    frac_mask = float((m == mask_id).double().mean())
    frac_kept = float((m == x).double().mean())
    frac_other = 1 - frac_mask - frac_kept
    if frac_mask > 0.97:
        return (f"{frac_mask:.1%} of the selected tokens became mask_id: BERT replaces only 80% of them by "
                "[MASK], 10% by a random token and leaves 10% unchanged, because [MASK] never appears at "
                "fine-tuning time")
    want_mask, want_kept = 0.8 + 0.1 / vocab, 0.1 + 0.1 / vocab
    if abs(frac_mask - want_mask) > _sigma(want_mask, n_sel):
        return f"{frac_mask:.1%} of the selected tokens became mask_id, expected about 80%"
    if abs(frac_kept - want_kept) > _sigma(want_kept, n_sel):
        return (f"{frac_kept:.1%} of the selected tokens kept their id, expected about 10% (plus the random "
                "draws that happen to hit the original): 10% of the selected positions stay unchanged but "
                "still carry a label")
    want_other = 1 - want_mask - want_kept
    if abs(frac_other - want_other) > _sigma(want_other, n_sel):
        return f"{frac_other:.1%} of the selected tokens became another id, expected about 10% (random tokens)"
    rand = m[(m != mask_id) & (m != x)]
    if rand.numel() and (rand.min() < 0 or rand.max() >= vocab):
        return (f"a random replacement id {int(rand.max() if rand.max() >= vocab else rand.min())} is outside "
                f"[0, vocab_size) = [0, {vocab}): torch.randint(low, high) excludes high, so use "
                "torch.randint(0, vocab_size, ...)")
    if vocab <= 50 and rand.numel() >= 20 * vocab:
        seen = set(rand.unique().tolist())
        missing = [v for v in range(vocab) if v != mask_id and v not in seen]
        if missing:
            present = set(ids.unique().tolist())
            if all(v not in present for v in missing):
                return (f"the random replacements never used ids {missing}, which do not occur in the batch: draw "
                        "random ids uniformly from the whole vocabulary, torch.randint(0, vocab_size, ...), not "
                        "by shuffling the batch's own tokens")
            return (f"the random replacements never drew the ids {missing}: draw uniformly from [0, vocab_size) "
                    "with torch.randint(0, vocab_size, ...), whose upper bound is exclusive")
        counts = torch.bincount(rand, minlength=vocab).double()
        counts[mask_id] = float("nan")
        mean = float(counts.nanmean())
        if float((counts - mean).abs().nan_to_num(0).max()) > 6 * math.sqrt(mean) + 5:
            return "the random replacement ids are not uniform over the vocabulary: use torch.randint(0, vocab_size, ...)"
    if not actual.get("same_seed_same_result"):
        return ("two calls with generators seeded alike gave different results: pass generator=generator to every "
                "torch.rand / torch.randint call instead of using the global random state")
    if not actual.get("other_seed_differs"):
        return ("two calls with different seeds gave the same result: the masking must come from the generator's "
                "random draws")
    return None


def compare(name, inputs, expected, actual):
    return _problem(inputs, actual)
