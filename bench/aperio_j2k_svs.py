"""Writes an Aperio SVS whose tiles are JPEG 2000 codestreams (compression 33003, Y/Cb/Cr components, lossy 9/7 at
about 1:20, as Aperio's JPEG 2000 option stores them), for bench/aperio-j2k-vs-openslide.sh. One level, 240-px tiles,
an H&E-like noise image. usage: aperio_j2k_svs.py OUT.svs SIZE_PX"""
import io
import struct
import sys

import numpy as np
from PIL import Image

out, size, tile = sys.argv[1], int(sys.argv[2]), 240
rng = np.random.default_rng(1)
low = rng.normal(128, 40, (size // 10 + 1, size // 10 + 1, 3))
across = down = (size + tile - 1) // tile
tiles = []
for r in range(down):
    for c in range(across):
        y0, x0 = r * tile, c * tile
        block = np.kron(low[y0 // 10:y0 // 10 + tile // 10 + 1, x0 // 10:x0 // 10 + tile // 10 + 1], np.ones((10, 10, 1)))[:tile, :tile]
        rgb = np.clip(block * [0.9, 0.6, 0.8] + [40, 20, 60] + rng.normal(0, 12, (tile, tile, 3)), 0, 255).astype(np.uint8)
        ycbcr = np.asarray(Image.fromarray(rgb).convert("YCbCr"))
        b = io.BytesIO()
        Image.fromarray(ycbcr, "RGB").save(b, format="JPEG2000", irreversible=True, no_jp2=True, quality_mode="rates", quality_layers=[20])
        tiles.append(b.getvalue())

desc = f"Aperio Image Library v11.2.1\r\n{size}x{size} [0,0 {size}x{size}] ({tile}x{tile}) J2K/KDU Q=70|AppMag = 20|MPP = 0.4990".encode() + b"\0"
with open(out, "wb") as f:
    f.write(b"II*\0" + struct.pack("<I", 0))
    offsets, counts = [], []
    for t in tiles:
        offsets.append(f.tell())
        counts.append(len(t))
        f.write(t)
        if f.tell() % 2:
            f.write(b"\0")
    def blob(data):
        at = f.tell()
        f.write(data)
        if f.tell() % 2:
            f.write(b"\0")
        return at
    bps = blob(struct.pack("<3H", 8, 8, 8))
    d = blob(desc)
    to = blob(struct.pack(f"<{len(offsets)}I", *offsets))
    tc = blob(struct.pack(f"<{len(counts)}I", *counts))
    entries = [(256, 4, 1, size), (257, 4, 1, size), (258, 3, 3, bps), (259, 3, 1, 33003), (262, 3, 1, 2), (270, 2, len(desc), d),
               (277, 3, 1, 3), (284, 3, 1, 1), (322, 4, 1, tile), (323, 4, 1, tile), (324, 4, len(offsets), to), (325, 4, len(counts), tc)]
    ifd = f.tell()
    f.write(struct.pack("<H", len(entries)))
    for tag, typ, n, v in entries:
        if typ == 3 and n == 1:
            f.write(struct.pack("<HHIHH", tag, typ, n, v, 0))
        else:
            f.write(struct.pack("<HHII", tag, typ, n, v))
    f.write(struct.pack("<I", 0))
    f.seek(4)
    f.write(struct.pack("<I", ifd))
