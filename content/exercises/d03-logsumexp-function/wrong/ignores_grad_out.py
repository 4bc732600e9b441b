# expect: gradient w.r.t. `x`: values differ
# Returns the local derivative (the softmax) but forgets the chain rule: grad_out is ignored.
import torch


class LogSumExp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        m = x.amax(dim=-1, keepdim=True)
        out = (m + (x - m).exp().sum(dim=-1, keepdim=True).log()).squeeze(-1)
        ctx.save_for_backward(x, out)
        return out

    @staticmethod
    def backward(ctx, grad_out):
        x, out = ctx.saved_tensors
        return (x - out.unsqueeze(-1)).exp()
