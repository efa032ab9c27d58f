"""The gated-attention MIL training step of bench/MilStepBenchmark.java in PyTorch (Debian's python3-torch).

Same shapes, layers, loss and optimiser: bags B x N x D, projection D->H with ReLU, gated attention (tanh(V h) *
sigmoid(U h)) -> w, attention-weighted pooling, linear head, binary cross-entropy with logits, Adam. Prints the median
seconds per step and the final loss. Usage: mil_torch.py BAGS TILES FEATURES HIDDEN STEPS THREADS
"""
import sys
import time

import torch

bags, tiles, features, hidden, steps, threads = (int(a) for a in sys.argv[1:7])
torch.set_num_threads(threads)
torch.manual_seed(1)


class GatedMil(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.project = torch.nn.Linear(features, hidden)
        self.v = torch.nn.Linear(hidden, hidden // 2)
        self.u = torch.nn.Linear(hidden, hidden // 2)
        self.w = torch.nn.Linear(hidden // 2, 1)
        self.head = torch.nn.Linear(hidden, 1)

    def forward(self, x):
        h = torch.relu(self.project(x))
        a = self.w(torch.tanh(self.v(h)) * torch.sigmoid(self.u(h))).squeeze(2)
        a = torch.softmax(a, dim=1)
        return self.head((h * a.unsqueeze(2)).sum(1))


model = GatedMil()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = torch.nn.BCEWithLogitsLoss()
x = torch.randn(bags, tiles, features)
y = (torch.arange(bags) % 2).float().unsqueeze(1)
times = []
for step in range(steps + 20):
    t = time.perf_counter()
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    if step >= 20:
        times.append(time.perf_counter() - t)
times.sort()
print(f"torch {times[len(times) // 2]:.6f} {loss.item():.4f}")
