# expect: it looks transposed
# Indexed the confusion matrix by (prediction, truth) instead of (truth, prediction).
import torch


def classification_metrics(preds, targets, num_classes):
    k = num_classes
    confusion = torch.bincount(preds * k + targets, minlength=k * k).reshape(k, k)
    tp = confusion.diagonal()
    precision = tp / confusion.sum(dim=0).clamp(min=1)
    recall = tp / confusion.sum(dim=1).clamp(min=1)
    f1 = 2 * tp / (confusion.sum(dim=0) + confusion.sum(dim=1)).clamp(min=1)
    return {"confusion": confusion, "precision": precision, "recall": recall, "f1": f1, "macro_f1": f1.mean()}
