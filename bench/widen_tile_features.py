"""Makes a wide encoder's tile features from narrow ones, for measuring memory and speed at a foundation model's scale:
each slide's file in SRC (as `livercast tile-features` or TRIDENT write them) copied to DST with its features followed by
seeded standard-normal columns up to WIDTH, the coordinates and their attributes kept. The model still has the narrow
features' signal to learn. With TILES, each slide gets that many tiles instead of its own few hundred — as a real slide
at 20x has thousands —, drawn with replacement from its own (so each lies on the slide), seeded noise added to their
narrow features.
Usage: /usr/bin/python3 bench/widen_tile_features.py SRC DST WIDTH [TILES]
"""
import glob
import os
import sys

import h5py
import numpy as np

src, dst, width = sys.argv[1], sys.argv[2], int(sys.argv[3])
tiles = int(sys.argv[4]) if len(sys.argv) > 4 else None
os.makedirs(dst, exist_ok=True)
rng = np.random.default_rng(3 if tiles is None else 5)
total = 0
for f in sorted(glob.glob(os.path.join(src, "*.h5"))):
    with h5py.File(f, "r") as s:
        feats, coords = s["features"][:], s["coords"][:]
        attrs = dict(s["coords"].attrs)
    if tiles is not None:
        pick = rng.integers(0, feats.shape[0], tiles)
        feats = feats[pick] + 0.1 * rng.standard_normal((tiles, feats.shape[1])).astype(np.float32)
        coords = coords[pick]
    wide = np.concatenate([feats, rng.standard_normal((feats.shape[0], width - feats.shape[1])).astype(np.float32)], axis=1)
    with h5py.File(os.path.join(dst, os.path.basename(f)), "w") as o:
        o["features"] = wide.astype(np.float32)
        o["coords"] = coords
        for k, v in attrs.items():
            o["coords"].attrs[k] = v
    total += feats.shape[0]
print(f"{total} tiles x {width} features = {total * width * 4 / 1e6:.0f} MB a copy")
