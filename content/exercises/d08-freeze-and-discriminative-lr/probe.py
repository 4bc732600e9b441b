from collections import OrderedDict

import torch
import torch.nn.functional as F
from torch import nn

BATCHNORM = nn.modules.batchnorm._BatchNorm
STEPS = 2


def stage(cin, cout, stride):
    return nn.Sequential(OrderedDict(conv=nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False),
                                     bn=nn.BatchNorm2d(cout), relu=nn.ReLU()))


class Net(nn.Module):
    """backbone: stages of conv → BN → ReLU (the first keeps the size, the others halve it); head: linear."""

    def __init__(self, channels, classes):
        super().__init__()
        self.backbone = nn.Sequential(*[stage(a, b, 1 if i == 0 else 2)
                                        for i, (a, b) in enumerate(zip(channels, channels[1:]))])
        self.head = nn.Linear(channels[-1], classes)

    def forward(self, x):
        return self.head(self.backbone(x).mean(dim=(2, 3)))


def run(solution, inputs, device):
    x, target = inputs["x"], inputs["target"]
    torch.manual_seed(inputs["seed"])  # the "pretrained" weights
    model = Net(inputs["channels"], inputs["classes"]).to(device=device, dtype=x.dtype)
    model.train()
    names = {id(p): n for n, p in model.named_parameters()}
    norms = {n: m for n, m in model.named_modules() if isinstance(m, BATCHNORM)}
    before = {n: p.detach().clone() for n, p in model.named_parameters()}
    stats_before = {n: (m.running_mean.clone(), m.running_var.clone()) for n, m in norms.items()}

    opt = solution.setup_finetuning(model, inputs["head_lr"], inputs["backbone_lr_factor"], inputs["trainable_stages"])

    result = {"requires_grad": {n: p.requires_grad for n, p in model.named_parameters()},
              "training": {n: m.training for n, m in norms.items()},
              "optimizer": type(opt).__name__}
    if not isinstance(opt, torch.optim.Optimizer):
        return result
    groups = opt.param_groups
    result["frozen parameters in the optimizer"] = sorted(names.get(id(p), "?") for g in groups for p in g["params"]
                                                          if not p.requires_grad)
    result["number of param groups"] = len(groups)
    result["param_groups"] = [{"lr": g["lr"], "momentum": g.get("momentum"),
                               "params": sorted(names.get(id(p), "<not a parameter of model>") for p in g["params"])}
                              for g in groups]

    losses = []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = F.cross_entropy(model(x), target)
        if not loss.requires_grad:  # everything frozen: the flags above already say so
            return result
        loss.backward()
        opt.step()
        losses.append(loss.item())
    result[f"parameters changed by {STEPS} steps"] = sorted(n for n, p in model.named_parameters()
                                                            if not torch.equal(p.detach(), before[n]))
    result[f"BatchNorm running statistics changed by {STEPS} steps"] = sorted(
        n for n, m in norms.items() if not (torch.equal(m.running_mean, stats_before[n][0])
                                            and torch.equal(m.running_var, stats_before[n][1])))
    result["losses"] = losses
    result[f"parameters after {STEPS} steps"] = {n: p.detach().clone() for n, p in model.named_parameters()}
    return result
