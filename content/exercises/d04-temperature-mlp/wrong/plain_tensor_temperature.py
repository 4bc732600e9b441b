# expect: `named_parameters()`: missing entry 'temperature'
# The temperature is a tensor with requires_grad=True, not an nn.Parameter: never registered.
import torch
from torch import nn


class TemperatureMLP(nn.Module):
    def __init__(self, in_features, hidden, out_features, init_temperature=1.0):
        super().__init__()
        self.fc1 = nn.Linear(in_features, hidden)
        self.fc2 = nn.Linear(hidden, out_features)
        self.temperature = torch.tensor(float(init_temperature), requires_grad=True)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x))) / self.temperature
