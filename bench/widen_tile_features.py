"""Makes a wide encoder's tile features from narrow ones, for measuring memory: each slide's file in SRC (as
`livercast tile-features` or TRIDENT write them) copied to DST with its features followed by seeded standard-normal
columns up to WIDTH, the coordinates and their attributes kept. The model still has the narrow features' signal to learn.
Usage: /usr/bin/python3 bench/widen_tile_features.py SRC DST WIDTH
"""
import glob
import os
import sys

import h5py
import numpy as np

src, dst, width = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(dst, exist_ok=True)
rng = np.random.default_rng(3)
tiles = 0
for f in sorted(glob.glob(os.path.join(src, "*.h5"))):
    with h5py.File(f, "r") as s:
        feats, coords = s["features"][:], s["coords"][:]
        attrs = dict(s["coords"].attrs)
    wide = np.concatenate([feats, rng.standard_normal((feats.shape[0], width - feats.shape[1])).astype(np.float32)], axis=1)
    with h5py.File(os.path.join(dst, os.path.basename(f)), "w") as o:
        o["features"] = wide
        o["coords"] = coords
        for k, v in attrs.items():
            o["coords"].attrs[k] = v
    tiles += feats.shape[0]
print(f"{tiles} tiles x {width} features = {tiles * width * 4 / 1e6:.0f} MB a copy")
