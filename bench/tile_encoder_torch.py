"""The peer for the tile-embedding benchmark: a ResNet-18 (written out here: Debian has no torchvision; random weights,
fixed seed — no download) traced to TorchScript (OUT.pt) and exported to ONNX (OUT.onnx, any batch size) for LiverCast
to load, then timed in PyTorch embedding N random 224 px tiles in batches of 32 (uint8 RGB → ImageNet-normalised float,
as LiverCast feeds it).
Usage: tile_encoder_torch.py OUT.pt TILES THREADS   prints: torch TILES_PER_S CHECKSUM
"""
import sys
import time

import torch
from torch import nn

out, n, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
torch.set_num_threads(threads)
torch.manual_seed(3)


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.b1 = nn.BatchNorm2d(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.b2 = nn.BatchNorm2d(cout)
        self.down = None if stride == 1 and cin == cout else nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = torch.relu(self.b1(self.c1(x)))
        y = self.b2(self.c2(y))
        return torch.relu(y + (x if self.down is None else self.down(x)))


def resnet18():
    layers = [nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
    cin = 64
    for cout, stride in [(64, 1), (128, 2), (256, 2), (512, 2)]:
        layers += [Block(cin, cout, stride), Block(cout, cout, 1)]
        cin = cout
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten()]
    return nn.Sequential(*layers).eval()


eager = resnet18()
net = torch.jit.trace(eager, torch.zeros(1, 3, 224, 224))
net.save(out)
torch.onnx.export(eager, torch.zeros(1, 3, 224, 224), out[:-3] + ".onnx", input_names=["tiles"], output_names=["embeddings"],
                  dynamic_axes={"tiles": {0: "n"}, "embeddings": {0: "n"}}, opset_version=13)
g = torch.Generator().manual_seed(5)
tiles = torch.randint(0, 256, (n, 224, 224, 3), dtype=torch.uint8, generator=g)
mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)


def run():
    s = 0.0
    with torch.no_grad():
        for i in range(0, n, 32):
            x = (tiles[i:i + 32].permute(0, 3, 1, 2).float() / 255 - mean) / std
            s += float(net(x).sum())
    return s


run()
t = time.perf_counter()
checksum = run()
print(f"torch {n / (time.perf_counter() - t):.1f} {checksum:.1f}")
