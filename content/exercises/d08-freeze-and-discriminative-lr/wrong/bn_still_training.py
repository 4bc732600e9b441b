# expect: `training.backbone.0.bn`: expected False, got True
# Freezes the parameters but leaves BatchNorm in training mode: it still normalises with batch
# statistics and overwrites its running statistics, so the "frozen" stages keep changing.
import torch


def setup_finetuning(model, head_lr, backbone_lr_factor, trainable_stages):
    stages = list(model.backbone)
    split = len(stages) - trainable_stages
    for stage in stages[:split]:
        stage.requires_grad_(False)
    groups = [{"params": list(model.head.parameters()), "lr": head_lr}]
    trainable = [p for stage in stages[split:] for p in stage.parameters()]
    if trainable:
        groups.append({"params": trainable, "lr": head_lr * backbone_lr_factor})
    return torch.optim.SGD(groups, momentum=0.9)
