# Shared by Gradient Lab's exported scripts that train on data (src/export/pytorch/loading.py, pasted
# into each): the run's data set and its initial weights, as the script carries them.

# ---------------------------------------------------------------------------------------------------
# The data: x as [n, d] float32 (images: [n, C, H, W]), then the labels (int64) or targets (float32).
# The first n_train rows train, the rest test.
def load_data():
    d = RUN["data"]
    if d["storage"] == "file":
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), d["file"])
        with open(path, "rb") as f:
            blob = f.read()
        digest = hashlib.sha256(blob).hexdigest()
        if digest != d["sha256"]:
            sys.exit(f"{path}: sha256 {digest}, expected {d['sha256']} (not the data this run used)")
    else:
        blob = base64.b64decode("".join(DATA))
    n, dim = d["n"], d["d"]
    width = 1 if d["x_dtype"] == "uint8" else 4
    xs = blob[: n * dim * width]
    if d["x_dtype"] == "uint8":  # pixels k/255, stored as k
        x = torch.frombuffer(bytearray(xs), dtype=torch.uint8).to(torch.float32) / 255
    else:
        x = torch.frombuffer(bytearray(xs), dtype=torch.float32).clone()
    rest = bytearray(blob[n * dim * width:])
    if d["kind"] == "classification":
        y = torch.frombuffer(rest, dtype=torch.int32).to(torch.int64)
    else:
        y = torch.frombuffer(rest, dtype=torch.float32).clone()
    x = x.reshape([n] + (d["image"] if d["image"] else [dim]))
    return x, y


{{FILE:weights.py}}
