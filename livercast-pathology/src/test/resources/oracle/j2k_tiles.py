"""Writes JPEG 2000 codestreams as Aperio stores them in an SVS tile (raw codestream, reversible 5/3 wavelet) for a
small H&E-like image cut into tiles: "ycbcr" tiles hold Y, Cb, Cr components (TIFF compression 33003), "rgb" tiles R,
G, B with the reversible colour transform (33005), "lossy" tiles Y, Cb, Cr coded with the 9/7 wavelet at about 1:20,
and, where opj_compress is installed, "ycbcr422" tiles with Cb and Cr at half width (Aperio's 4:2:2).
Also writes the image's RGB bytes.

usage: j2k_tiles.py OUT_DIR WIDTH HEIGHT TILE
"""
import io
import os
import shutil
import subprocess
import sys

import numpy as np
from PIL import Image

out, width, height, tile = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(5)
yy, xx = np.mgrid[0:height, 0:width]
img = np.stack([200 - (xx * 90 // width), 120 + (yy * 60 // height), 170 + ((xx + yy) % 40)], axis=-1)
img = np.clip(img + rng.integers(-12, 12, img.shape), 0, 255).astype(np.uint8)
with open(os.path.join(out, "image.rgb"), "wb") as f:
    f.write(img.tobytes())
for r in range((height + tile - 1) // tile):
    for c in range((width + tile - 1) // tile):
        t = np.full((tile, tile, 3), 255, np.uint8)
        part = img[r * tile:(r + 1) * tile, c * tile:(c + 1) * tile]
        t[:part.shape[0], :part.shape[1]] = part
        ycbcr = np.asarray(Image.fromarray(t).convert("YCbCr"))
        for kind, data, mct, lossy in (("ycbcr", ycbcr, 0, False), ("rgb", t, 1, False), ("lossy", ycbcr, 0, True)):
            b = io.BytesIO()
            Image.fromarray(data, "RGB").save(b, format="JPEG2000", irreversible=lossy, no_jp2=True, mct=mct,
                                              **({"quality_mode": "rates", "quality_layers": [20]} if lossy else {}))
            with open(os.path.join(out, f"{kind}_{c}_{r}.j2k"), "wb") as f:
                f.write(b.getvalue())
        # Aperio's 4:2:2: Cb and Cr at half width (pairs averaged), coded by OpenJPEG's own encoder, which takes
        # per-component subsampling (Pillow's cannot). Only where opj_compress (libopenjp2-tools) is installed.
        if shutil.which("opj_compress"):
            y, cb, cr = (ycbcr[:, :, k].astype(int) for k in range(3))
            half = lambda p: ((p[:, 0::2] + p[:, 1::2] + 1) // 2).astype(np.uint8)
            raw = os.path.join(out, f"ycbcr422_{c}_{r}.raw")
            with open(raw, "wb") as f:
                f.write(y.astype(np.uint8).tobytes() + half(cb).tobytes() + half(cr).tobytes())
            subprocess.run(["opj_compress", "-i", raw, "-o", os.path.join(out, f"ycbcr422_{c}_{r}.j2k"),
                            "-F", f"{tile},{tile},3,8,u@1x1:2x1:2x1"], check=True, stdout=subprocess.DEVNULL)
            os.remove(raw)
