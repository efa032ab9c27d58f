"""Makes foundation-model-sized tile features from a cohort's own, for measuring prediction at real scale: each slide's
file in SRC (as `livercast tile-features` or TRIDENT write them) becomes one of TILES tiles of WIDTH features in DST,
the tiles drawn with replacement from the slide's own (coordinates and attributes kept, so every tile lies on the
slide), each with its narrow features, seeded noise on them, and seeded standard-normal columns up to WIDTH. A
synthetic slide has a few hundred tissue tiles; a real one at 20x has thousands — which is what this imitates.
Usage: /usr/bin/python3 bench/foundation_like_tile_features.py SRC DST TILES WIDTH
"""
import glob
import os
import sys

import h5py
import numpy as np

src, dst, tiles, width = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
os.makedirs(dst, exist_ok=True)
rng = np.random.default_rng(5)
n = 0
for f in sorted(glob.glob(os.path.join(src, "*.h5"))):
    with h5py.File(f, "r") as s:
        feats, coords = s["features"][:], s["coords"][:]
        attrs = dict(s["coords"].attrs)
    pick = rng.integers(0, feats.shape[0], tiles)
    narrow = feats[pick] + 0.1 * rng.standard_normal((tiles, feats.shape[1])).astype(np.float32)
    wide = np.concatenate([narrow, rng.standard_normal((tiles, width - feats.shape[1])).astype(np.float32)], axis=1)
    with h5py.File(os.path.join(dst, os.path.basename(f)), "w") as o:
        o["features"] = wide.astype(np.float32)
        o["coords"] = coords[pick]
        for k, v in attrs.items():
            o["coords"].attrs[k] = v
    n += 1
print(f"{n} slides x {tiles} tiles x {width} features = {n * tiles * width * 4 / 1e9:.2f} GB")
