"""The peer for bench/colour-vs-pillow.sh: Little CMS through Pillow's ImageCms converting the same 254 px tiles from the
same ICC profile to sRGB, relative-colorimetric (LiverCast's intent), one transform built once and applied on THREADS
threads (ImageCms releases the GIL while Little CMS runs), best of 5 passes. Prints: pillow TILES_PER_S CHECKSUM.
Usage: colour_pillow.py TILES THREADS PROFILE
"""
import io
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from PIL import Image, ImageCms

SIDE = 254
n, threads, icc = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
k = np.arange(3 * SIDE * SIDE)
tiles = [Image.frombytes("RGB", (SIDE, SIDE), ((k * 7 + i * 13 + (k // (3 * SIDE)) * 5) % 256).astype(np.uint8).tobytes()) for i in range(n)]
src = ImageCms.ImageCmsProfile(io.BytesIO(open(icc, "rb").read()))
transform = ImageCms.buildTransform(src, ImageCms.createProfile("sRGB"), "RGB", "RGB", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
checksum = sum(int(np.frombuffer(ImageCms.applyTransform(t, transform).tobytes(), np.uint8).sum(dtype=np.int64)) for t in tiles)


def part(first):
    for i in range(first, n, threads):
        ImageCms.applyTransform(tiles[i], transform)


best = float("inf")
with ThreadPoolExecutor(threads) as pool:
    for _ in range(5):
        t = time.perf_counter()
        list(pool.map(part, range(threads)))
        best = min(best, time.perf_counter() - t)
print(f"pillow {n / best:.1f} {checksum}")
