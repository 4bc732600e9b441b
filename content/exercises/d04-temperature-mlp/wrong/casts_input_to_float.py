# expect: after model.to(torch.float64), calling the model on a float64 input failed: mat1 and mat2 must have the same dtype
# Casts the input to float32 "to be safe": breaks as soon as the model is moved to float64.
import torch
from torch import nn


class TemperatureMLP(nn.Module):
    def __init__(self, in_features, hidden, out_features, init_temperature=1.0):
        super().__init__()
        self.fc1 = nn.Linear(in_features, hidden)
        self.fc2 = nn.Linear(hidden, out_features)
        self.temperature = nn.Parameter(torch.tensor(float(init_temperature)))

    def forward(self, x):
        x = x.float()
        return self.fc2(torch.relu(self.fc1(x))) / self.temperature
