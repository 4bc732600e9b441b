# expect: this exercise must be vectorised
# Correct numbers, but counts each class with a Python loop, which the exercise forbids.
import torch


def classification_metrics(preds, targets, num_classes):
    k = num_classes
    confusion = torch.zeros(k, k, dtype=torch.long)
    for t, p in zip(targets.tolist(), preds.tolist()):
        confusion[t, p] += 1
    tp = confusion.diagonal()
    precision = tp / confusion.sum(dim=0).clamp(min=1)
    recall = tp / confusion.sum(dim=1).clamp(min=1)
    f1 = 2 * tp / (confusion.sum(dim=0) + confusion.sum(dim=1)).clamp(min=1)
    return {"confusion": confusion, "precision": precision, "recall": recall, "f1": f1, "macro_f1": f1.mean()}
