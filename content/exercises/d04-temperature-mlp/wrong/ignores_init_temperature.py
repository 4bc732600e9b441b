# expect: `initial temperature`: expected 2, got 1
# Always starts the temperature at 1.0 and ignores the init_temperature argument.
import torch
from torch import nn


class TemperatureMLP(nn.Module):
    def __init__(self, in_features, hidden, out_features, init_temperature=1.0):
        super().__init__()
        self.fc1 = nn.Linear(in_features, hidden)
        self.fc2 = nn.Linear(hidden, out_features)
        self.temperature = nn.Parameter(torch.ones(()))

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x))) / self.temperature
