import torch
from torch import nn


class TemperatureMLP(nn.Module):
    def __init__(self, in_features: int, hidden: int, out_features: int, init_temperature: float = 1.0):
        super().__init__()
        self.fc1 = nn.Linear(in_features, hidden)
        self.fc2 = nn.Linear(hidden, out_features)
        self.temperature = nn.Parameter(torch.tensor(float(init_temperature)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(torch.relu(self.fc1(x))) / self.temperature
