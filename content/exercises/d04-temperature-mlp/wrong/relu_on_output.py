# expect: output: values differ
# Applies ReLU after the last layer too, so negative logits are clipped to 0.
import torch
from torch import nn


class TemperatureMLP(nn.Module):
    def __init__(self, in_features, hidden, out_features, init_temperature=1.0):
        super().__init__()
        self.fc1 = nn.Linear(in_features, hidden)
        self.fc2 = nn.Linear(hidden, out_features)
        self.temperature = nn.Parameter(torch.tensor(float(init_temperature)))

    def forward(self, x):
        return torch.relu(self.fc2(torch.relu(self.fc1(x)))) / self.temperature
