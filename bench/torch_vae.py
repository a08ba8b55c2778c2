#!/usr/bin/env python3
"""The VAE lab's torch reference (issue #13, "the same model, data and budget as torch give the same test
loss within 3%"): trains 784-H → (μ, log σ²) of size Z, Z-H-784 with ReLU and a Bernoulli decoder on
pixels / 255 (BCE with logits summed over pixels, plus KL), Adam, mini-batches of B shuffled each
epoch, on IDX files, and prints the test set's negative ELBO per example in nats with β = 1 and one ε
sample per example, as JSON. Run by scripts/vae-quality.mjs against `gradlab vae` on the same files.
  python3 bench/torch_vae.py --images F --labels F --test-images F --test-labels F --latent 2 --hidden 256 --epochs 10 --batch 64 --lr 1e-3 --seed 1
"""
import argparse
import gzip
import json
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rb') as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack('>' + 'I' * dims, data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


class Vae(nn.Module):
    def __init__(self, pixels, hidden, latent):
        super().__init__()
        self.enc = nn.Linear(pixels, hidden)
        self.mu = nn.Linear(hidden, latent)
        self.logvar = nn.Linear(hidden, latent)
        self.dec = nn.Linear(latent, hidden)
        self.out = nn.Linear(hidden, pixels)

    def forward(self, x, eps):
        h = F.relu(self.enc(x))
        mu, logvar = self.mu(h), self.logvar(h)
        z = mu + eps * torch.exp(0.5 * logvar)
        logits = self.out(F.relu(self.dec(z)))
        recon = F.binary_cross_entropy_with_logits(logits, x, reduction='sum')
        kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
        return recon, kl


def main():
    p = argparse.ArgumentParser()
    for name in ('--images', '--labels', '--test-images', '--test-labels'):
        p.add_argument(name, required=True)
    p.add_argument('--latent', type=int, default=2)
    p.add_argument('--hidden', type=int, default=256)
    p.add_argument('--epochs', type=int, default=10)
    p.add_argument('--batch', type=int, default=64)
    p.add_argument('--lr', type=float, default=1e-3)
    p.add_argument('--seed', type=int, default=1)
    a = p.parse_args()
    torch.manual_seed(a.seed)
    torch.set_num_threads(1)
    x = read_idx(a.images).reshape(-1, 28 * 28).float() / 255
    tx = read_idx(a.test_images).reshape(-1, 28 * 28).float() / 255
    model = Vae(x.shape[1], a.hidden, a.latent)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    curve = []
    for _ in range(a.epochs):
        perm = torch.randperm(x.shape[0])
        for i in range(0, x.shape[0], a.batch):
            xb = x[perm[i:i + a.batch]]
            recon, kl = model(xb, torch.randn(xb.shape[0], a.latent))
            loss = (recon + kl) / xb.shape[0]
            opt.zero_grad()
            loss.backward()
            opt.step()
        with torch.no_grad():
            recon, kl = model(tx, torch.randn(tx.shape[0], a.latent))
            curve.append(((recon + kl) / tx.shape[0]).item())
    print(json.dumps({'test_loss': curve[-1], 'test_recon': recon.item() / tx.shape[0], 'test_kl': kl.item() / tx.shape[0], 'curve': curve}))


if __name__ == '__main__':
    main()
