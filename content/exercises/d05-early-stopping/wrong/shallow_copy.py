# expect: your snapshot shares memory with the live tensors
# .copy() copies the dict, not the tensors: the "best" snapshot points at the live parameters,
# which training keeps updating in place, so restore() brings back the latest weights.
from torch import nn


class EarlyStopping:
    def __init__(self, patience: int, min_delta: float = 0.0):
        self.patience = patience
        self.min_delta = min_delta
        self.best_loss = float("inf")
        self.best_state = None
        self.bad_epochs = 0

    def step(self, val_loss: float, model: nn.Module) -> bool:
        if val_loss < self.best_loss - self.min_delta:
            self.best_loss = val_loss
            self.best_state = model.state_dict().copy()
            self.bad_epochs = 0
            return False
        self.bad_epochs += 1
        return self.bad_epochs >= self.patience

    def restore(self, model: nn.Module) -> None:
        model.load_state_dict(self.best_state)
