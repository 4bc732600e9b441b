# expect: `number of param groups`: expected 2, got 1
# Freezes correctly but trains everything that is left with the head's learning rate.
import torch
from torch import nn


def setup_finetuning(model, head_lr, backbone_lr_factor, trainable_stages):
    stages = list(model.backbone)
    for stage in stages[:len(stages) - trainable_stages]:
        stage.requires_grad_(False)
        for m in stage.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.eval()
    return torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=head_lr, momentum=0.9)
