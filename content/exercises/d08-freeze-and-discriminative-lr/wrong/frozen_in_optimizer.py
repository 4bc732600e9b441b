# expect: `frozen parameters in the optimizer`: expected a sequence of 0 items, got ['backbone.0.bn.bias'
# Hands the whole backbone to the optimizer, frozen stages included.
import torch
from torch import nn


def setup_finetuning(model, head_lr, backbone_lr_factor, trainable_stages):
    stages = list(model.backbone)
    for stage in stages[:len(stages) - trainable_stages]:
        stage.requires_grad_(False)
        for m in stage.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.eval()
    return torch.optim.SGD([{"params": model.head.parameters(), "lr": head_lr},
                            {"params": model.backbone.parameters(), "lr": head_lr * backbone_lr_factor}],
                           momentum=0.9)
