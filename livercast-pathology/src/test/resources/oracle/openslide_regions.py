"""Reads regions with OpenSlide (Debian's python3-openslide) and prints, per region, a JSON line with the MD5 of the
RGB bytes, the mean per channel and the top-left 8x8 RGB pixels. Args: slide, then level:x0:y0:w:h ... (x0, y0 in
level-0 pixels, as read_region); level:x0:y0:w:h:raw adds the region's RGB bytes, base64 ("rgb"), and its alpha
("alpha"). A first line gives the slide's levels, dimensions, downsamples and properties."""
import base64
import hashlib
import json
import sys

import numpy as np
import openslide

s = openslide.OpenSlide(sys.argv[1])
print(json.dumps({"level_count": s.level_count, "level_dimensions": s.level_dimensions,
                  "level_downsamples": s.level_downsamples, "properties": dict(s.properties),
                  "associated": sorted(s.associated_images.keys())}))
for spec in sys.argv[2:]:
    fields = spec.split(":")
    level, x, y, w, h = (int(v) for v in fields[:5])
    rgba = np.asarray(s.read_region((x, y), level, (w, h)))
    rgb = rgba[:, :, :3]
    line = {"md5": hashlib.md5(rgb.tobytes()).hexdigest(), "mean": rgb.reshape(-1, 3).mean(axis=0).tolist(),
            "top_left": rgb[:8, :8].tolist()}
    if fields[5:] == ["raw"]:
        line["rgb"] = base64.b64encode(np.ascontiguousarray(rgb).tobytes()).decode()
        line["alpha"] = base64.b64encode(np.ascontiguousarray(rgba[:, :, 3]).tobytes()).decode()
    print(json.dumps(line))
