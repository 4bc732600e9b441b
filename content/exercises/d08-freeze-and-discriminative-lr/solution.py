import torch
from torch import nn


def freeze(module: nn.Module) -> None:
    """No gradients for its parameters, and its BatchNorms keep their running statistics."""
    module.requires_grad_(False)
    for m in module.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            m.eval()


def setup_finetuning(model: nn.Module, head_lr: float, backbone_lr_factor: float,
                     trainable_stages: int) -> torch.optim.Optimizer:
    stages = list(model.backbone)
    split = len(stages) - trainable_stages
    for stage in stages[:split]:
        freeze(stage)
    groups = [{"params": list(model.head.parameters()), "lr": head_lr}]
    trainable = [p for stage in stages[split:] for p in stage.parameters()]
    if trainable:
        groups.append({"params": trainable, "lr": head_lr * backbone_lr_factor})
    return torch.optim.SGD(groups, momentum=0.9)
