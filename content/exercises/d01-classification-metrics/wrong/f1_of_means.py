# expect: macro-F1 is the mean of the per-class F1 scores
# Per-class values right, but macro-F1 computed as the F1 of the averaged precision and recall.
import torch


def classification_metrics(preds, targets, num_classes):
    k = num_classes
    confusion = torch.bincount(targets * k + preds, minlength=k * k).reshape(k, k)
    tp = confusion.diagonal()
    precision = tp / confusion.sum(dim=0).clamp(min=1)
    recall = tp / confusion.sum(dim=1).clamp(min=1)
    f1 = 2 * tp / (confusion.sum(dim=0) + confusion.sum(dim=1)).clamp(min=1)
    p, r = precision.mean(), recall.mean()
    macro_f1 = 2 * p * r / (p + r).clamp(min=1e-12)
    return {"confusion": confusion, "precision": precision, "recall": recall, "f1": f1, "macro_f1": macro_f1}
