# The layer stacks of the engine (native/core/nn/layer_stack.hpp) as torch modules: one module per
# layer of a run's list (every setting written out: train.ts filledLayers), with the shapes inferred as
# the engine infers them. Shared by train.py and vae.py.
ACTIVATIONS = {
    "relu": lambda l: nn.ReLU(), "tanh": lambda l: nn.Tanh(), "sigmoid": lambda l: nn.Sigmoid(),
    "gelu": lambda l: nn.GELU(), "softplus": lambda l: nn.Softplus(), "identity": lambda l: nn.Identity(),
    "leaky_relu": lambda l: nn.LeakyReLU(l["alpha"]),
}


class LabBatchNorm1d(nn.BatchNorm1d):
    """Batch norm as the engine does it: a channel with one value in the batch cannot be normalised, so
    in training its output is β and the running statistics stay as they are (torch refuses it)."""

    def forward(self, x):
        if self.training and x.shape[0] == 1:
            return self.bias.expand_as(x) + 0 * x * self.weight  # γ takes part, with a zero gradient
        return super().forward(x)


class LabBatchNorm2d(nn.BatchNorm2d):
    def forward(self, x):
        if self.training and x.shape[0] * x.shape[2] * x.shape[3] == 1:
            return self.bias.view(1, -1, 1, 1).expand_as(x) + 0 * x * self.weight.view(1, -1, 1, 1)
        return super().forward(x)


def build_model(layers, input_shape, outputs, flat):
    """The run's layers; `flat`: an MLP, whose inputs are the flat pixels even of an image set."""
    mods, shape = ([nn.Flatten()], [math.prod(input_shape)]) if flat else ([], list(input_shape))
    for layer in layers:
        t = layer["type"]
        if t == "conv":
            c, h, w = shape
            k, s, p = layer["kernel"], layer["stride"], layer["pad"]
            mods.append(nn.Conv2d(c, layer["out"], k, stride=s, padding=p))
            shape = [layer["out"], (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1]
        elif t in ("maxpool", "avgpool"):
            c, h, w = shape
            k, s = layer["kernel"], layer["stride"]
            mods.append((nn.MaxPool2d if t == "maxpool" else nn.AvgPool2d)(k, stride=s))
            shape = [c, (h - k) // s + 1, (w - k) // s + 1]
        elif t == "flatten":
            mods.append(nn.Flatten())
            shape = [math.prod(shape)]
        elif t == "reshape":
            shape = [layer["channels"], layer["height"], layer["width"]]
            mods.append(nn.Unflatten(1, tuple(shape)))
        elif t == "upsample":
            f = layer["factor"]
            mods.append(nn.Upsample(scale_factor=f, mode="nearest"))
            shape = [shape[0], shape[1] * f, shape[2] * f]
        elif t == "linear":
            out = layer.get("out") or outputs
            mods.append(nn.Linear(shape[0], out))
            shape = [out]
        elif t == "dropout":
            mods.append(nn.Dropout(layer["p"]))
        elif t == "batchnorm":
            bn = LabBatchNorm2d if len(shape) == 3 else LabBatchNorm1d
            mods.append(bn(shape[0], eps=layer["eps"], momentum=layer["momentum"]))
        else:
            mods.append(ACTIVATIONS[t](layer))
    return nn.Sequential(*mods)


