# Shared by Gradient Lab's exported scripts (src/export/pytorch/weights.py, pasted into each that
# starts from our weights): the reader of the weights file embedded in the script.

# ---------------------------------------------------------------------------------------------------
# The run's initial weights, a Gradient Lab weights file (nn/checkpoint.hpp) embedded below as base64.
def read_weights(blob):
    """A Gradient Lab weights file: [(name, shape, values)] in the order the lab declared them."""
    if blob[:8] != b"GLABWTS\0":
        sys.exit("the embedded weights are not a Gradient Lab weights file")
    pos = 12
    (count,) = struct.unpack_from("<I", blob, pos)
    pos += 4
    entries = []
    for _ in range(count):
        (length,) = struct.unpack_from("<I", blob, pos)
        name = blob[pos + 4: pos + 4 + length].decode()
        pos += 4 + length
        (rank,) = struct.unpack_from("<I", blob, pos)
        shape = list(struct.unpack_from(f"<{rank}q", blob, pos + 4))
        pos += 4 + 8 * rank
        entries.append((name, shape))
    pos += 8
    values = torch.frombuffer(bytearray(blob[pos:]), dtype=torch.float32)
    out, at = [], 0
    for name, shape in entries:
        size = math.prod(shape)
        out.append((name, shape, values[at: at + size].reshape(shape).clone()))
        at += size
    return out
