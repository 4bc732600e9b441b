# expect: output: values differ
# Shifts by the max for stability but forgets to add it back to the result.
import torch


class LogSumExp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        m = x.amax(dim=-1, keepdim=True)
        out = (x - m).exp().sum(dim=-1).log()
        ctx.save_for_backward(x)
        return out

    @staticmethod
    def backward(ctx, grad_out):
        (x,) = ctx.saved_tensors
        return grad_out.unsqueeze(-1) * torch.softmax(x, dim=-1)
