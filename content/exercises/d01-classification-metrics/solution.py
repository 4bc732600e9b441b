import torch


def classification_metrics(preds: torch.Tensor, targets: torch.Tensor, num_classes: int) -> dict[str, torch.Tensor]:
    k = num_classes
    confusion = torch.bincount(targets * k + preds, minlength=k * k).reshape(k, k)
    tp = confusion.diagonal()
    predicted = confusion.sum(dim=0)  # TP + FP per class
    actual = confusion.sum(dim=1)  # TP + FN per class
    precision = tp / predicted.clamp(min=1)  # 0/0 -> 0/1 = 0
    recall = tp / actual.clamp(min=1)
    f1 = 2 * tp / (predicted + actual).clamp(min=1)
    return {"confusion": confusion, "precision": precision, "recall": recall, "f1": f1, "macro_f1": f1.mean()}
