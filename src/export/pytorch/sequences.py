# Shared by Gradient Lab's exported scripts of the sequence labs (src/export/pytorch/sequences.py,
# pasted into seq.py and attention.py): a text as the labs read it, and float32 rounding.

def float32(v):
    """v rounded to the nearest float32, as the lab stores an input."""
    return struct.unpack("<f", struct.pack("<f", v))[0]


# ---------------------------------------------------------------------------------------------------
# A text: ids over its sorted characters (Unicode code points), the first 90 % trains; B windows of
# T + 1 characters drawn with the engine's random numbers, as the labs draw them.
class Corpus:
    def __init__(self, text):
        if text[:1] == "\ufeff":
            text = text[1:]
        self.vocab = sorted(set(text))
        index = {c: i for i, c in enumerate(self.vocab)}
        self.ids = torch.tensor([index[c] for c in text], dtype=torch.int64)
        self.n_train = len(text) - len(text) // 10

    def windows(self, B, T, rng):
        starts = [rng.next_u64() % (self.n_train - T) for _ in range(B)]
        rows = torch.stack([self.ids[s: s + T + 1] for s in starts])
        return rows[:, :-1], rows[:, 1:]
