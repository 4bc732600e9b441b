"""Day 7 · Output sizes, receptive fields and jumps of a CNN, by hand.

Given a stack of conv / pool layers and the input's spatial size, return for every layer:
  size  the output's spatial size (inputs, kernels, strides are square, so one number per axis)
  rf    the receptive field: how many input pixels, along one axis, one output pixel depends on
  jump  the distance, in input pixels, between the receptive fields of two neighbouring outputs
        (the product of the strides so far)

Why: before you build a network you need to know what shape comes out (to size the first linear
layer, or to see that a feature map has shrunk to nothing), and whether the last layer can
"see" enough of the image. Dilation grows the receptive field without more parameters; strides
and pools grow it fast but lower the resolution. These few lines of arithmetic are the whole story.

Input:
    layers  a list of dicts, e.g. {"type": "conv", "kernel": 3, "stride": 2, "padding": 1}
            "type" is "conv" or "pool" (a max pool); "kernel" is always given; a missing
            "padding" is 0, a missing "dilation" is 1, and a missing "stride" is 1 for a conv but
            the kernel size for a pool (PyTorch's defaults for nn.Conv2d and nn.MaxPool2d).
    size    the input's height (= width), an int
Return: a list with one dict per layer, {"size": int, "rf": int, "jump": int}, all plain Python
ints. The input itself has rf = 1 and jump = 1.

PyTorch's output size along one axis (floor division; the same for conv and pool):
    out = (n + 2*padding - dilation*(kernel - 1) - 1) // stride + 1
Working out how rf and jump change from one layer to the next is the exercise: draw a 1-D
example with a 3-wide kernel, stride 2, and count.

Rules: work it out with arithmetic, don't build and run torch layers.

Checked: every layer's size, rf and jump, on six stacks (VGG-style, a ResNet stem, dilated convs
down to a 1x1 output, sizes that don't divide evenly, a lone 1x1 conv), against the reference and
against what real nn.Conv2d / nn.MaxPool2d layers give: output sizes by running them, receptive
fields and jumps by backpropagating from output pixels to the input. The first wrong number is
reported with the layer and its input size.
"""


def receptive_field(layers: list[dict], size: int) -> list[dict]:
    raise NotImplementedError
