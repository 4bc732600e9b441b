import torch


def lstm_cell(x: torch.Tensor, state: tuple[torch.Tensor, torch.Tensor] | None, weight_ih: torch.Tensor,
              weight_hh: torch.Tensor, bias_ih: torch.Tensor | None = None,
              bias_hh: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    if state is None:
        h = c = x.new_zeros(x.shape[0], weight_hh.shape[1])  # x's dtype and device
    else:
        h, c = state
    gates = x @ weight_ih.T + h @ weight_hh.T  # (N, 4H)
    if bias_ih is not None:
        gates = gates + bias_ih
    if bias_hh is not None:
        gates = gates + bias_hh
    i, f, g, o = gates.chunk(4, dim=1)  # PyTorch's order: input, forget, cell, output
    c_new = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    h_new = torch.sigmoid(o) * torch.tanh(c_new)
    return h_new, c_new
