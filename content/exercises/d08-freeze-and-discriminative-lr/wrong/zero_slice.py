# expect: `requires_grad.backbone.0.conv.weight`: expected False, got True
# Slices with a negative count: stages[:-0] is empty and stages[-0:] is everything, so with
# trainable_stages == 0 nothing gets frozen.
import torch
from torch import nn


def setup_finetuning(model, head_lr, backbone_lr_factor, trainable_stages):
    stages = list(model.backbone)
    for stage in stages[:-trainable_stages]:
        stage.requires_grad_(False)
        for m in stage.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.eval()
    groups = [{"params": list(model.head.parameters()), "lr": head_lr}]
    trainable = [p for stage in stages[-trainable_stages:] for p in stage.parameters()]
    if trainable_stages > 0:
        groups.append({"params": trainable, "lr": head_lr * backbone_lr_factor})
    return torch.optim.SGD(groups, momentum=0.9)
