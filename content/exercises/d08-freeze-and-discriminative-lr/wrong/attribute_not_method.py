# expect: `requires_grad.backbone.0.conv.weight`: expected False, got True
# `stage.requires_grad = False` sets a plain attribute on the module; its parameters still require grad.
import torch
from torch import nn


def setup_finetuning(model, head_lr, backbone_lr_factor, trainable_stages):
    stages = list(model.backbone)
    split = len(stages) - trainable_stages
    for stage in stages[:split]:
        stage.requires_grad = False
        for m in stage.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.eval()
    groups = [{"params": model.head.parameters(), "lr": head_lr}]
    if trainable_stages > 0:
        groups.append({"params": nn.Sequential(*stages[split:]).parameters(), "lr": head_lr * backbone_lr_factor})
    return torch.optim.SGD(groups, momentum=0.9)
