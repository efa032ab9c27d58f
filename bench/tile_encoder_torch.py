"""The peer for the tile-embedding benchmark: a ResNet-18 or a ViT-S/16 (written out here: Debian has no torchvision or
timm; random weights, fixed seed — no download) traced to TorchScript (OUT.pt) and exported to ONNX (OUT.onnx, any batch
size) for LiverCast to load, then timed in PyTorch embedding N random 224 px tiles in batches of 32 (uint8 RGB →
ImageNet-normalised float, as LiverCast feeds it). The ViT gives its tokens, [N, 197, 384], as a Hugging Face export of a
pathology ViT gives last_hidden_state; the embedding is the class token (LiverCast: --tile-encoder-tokens cls).
Usage: tile_encoder_torch.py OUT.pt TILES THREADS [resnet18|vit-s16]   prints: torch TILES_PER_S CHECKSUM
"""
import sys
import time

import torch
from torch import nn



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


class VitBlock(nn.Module):
    """Pre-norm transformer block as timm's ViT writes it: multi-head self-attention (one qkv projection), then a 4x MLP
    with GELU, each with a residual. (nn.MultiheadAttention switches to a fused path in eval mode, which tracing rejects.)"""

    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.n1 = nn.LayerNorm(dim, eps=1e-6)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.n2 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))

    def forward(self, x):
        b, t, d = x.shape
        qkv = self.qkv(self.n1(x)).reshape(b, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn = (q @ k.transpose(-2, -1) * (d // self.heads) ** -0.5).softmax(-1)
        x = x + self.proj((attn @ v).transpose(1, 2).reshape(b, t, d))
        return x + self.mlp(self.n2(x))


class VitS16(nn.Module):
    """ViT-S/16 at 224 px: 16 x 16 patches (196) and a class token, 384 wide, 12 blocks of 6 heads; returns all tokens."""

    def __init__(self, dim=384, depth=12, heads=6):
        super().__init__()
        self.patch = nn.Conv2d(3, dim, 16, 16)
        self.cls = nn.Parameter(torch.randn(1, 1, dim) * 0.02)
        self.pos = nn.Parameter(torch.randn(1, 197, dim) * 0.02)
        self.blocks = nn.Sequential(*[VitBlock(dim, heads) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim, eps=1e-6)

    def forward(self, x):
        x = self.patch(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], -1, -1), x], 1) + self.pos
        return self.norm(self.blocks(x))


# The models are also imported (runpy) by tools/make-test-tile-encoder.py for its tiny ViT fixture.
if __name__ == "__main__":
    out, n, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(threads)
    torch.manual_seed(3)
    vit = len(sys.argv) > 4 and sys.argv[4] == "vit-s16"
    eager = VitS16().eval() if vit else resnet18()
    net = torch.jit.trace(eager, torch.zeros(1, 3, 224, 224))
    net.save(out)
    torch.onnx.export(eager, torch.zeros(1, 3, 224, 224), out[:-3] + ".onnx", input_names=["tiles"],
                      output_names=["last_hidden_state" if vit else "embeddings"],
                      dynamic_axes={"tiles": {0: "n"}, ("last_hidden_state" if vit else "embeddings"): {0: "n"}}, opset_version=13)
    g = torch.Generator().manual_seed(5)
    tiles = torch.randint(0, 256, (n, 224, 224, 3), dtype=torch.uint8, generator=g)
    mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)


    def run():
        s = 0.0
        with torch.no_grad():
            for i in range(0, n, 32):
                x = (tiles[i:i + 32].permute(0, 3, 1, 2).float() / 255 - mean) / std
                y = net(x)
                s += float((y[:, 0] if vit else y).abs().sum())
        return s


    run()
    t = time.perf_counter()
    checksum = run()
    print(f"torch {n / (time.perf_counter() - t):.1f} {checksum:.1f}")
