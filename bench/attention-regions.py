#!/usr/bin/python3
"""Where a POST model's slide attention goes on synthetic slides, against an even spread.

Reads the JSON lines `livercast predict --model DIR --stored --json` prints (or --cohort DIR) and sorts each
prediction's attended tiles by the synthetic slide's geometry (livercast-synth SlideFile: tissue is the ellipse of
semi-axes 0.42 x width and 0.42 x height about the centre, tumour left of x = 0.58 x width, non-tumour liver right of it):
tumour, liver, or tissue edge (a tile not wholly inside the ellipse, or across the tumour border). For each region it
prints the mean share of the attention, the mean share of the tiles, and their ratio (1 = no preference), and the
share the most attended tenth of the tiles holds (an even spread: 10%).

Usage: bench/attention-regions.py PREDICTIONS.jsonl [...]
"""
import json
import sys

WIDTH, HEIGHT, TUMOUR_RIGHT = 6144, 4096, 0.58


def inside(x, y):
    dx = (x - WIDTH / 2) / (WIDTH * 0.42)
    dy = (y - HEIGHT / 2) / (HEIGHT * 0.42)
    return dx * dx + dy * dy <= 1


def region(t):
    x, y, s = t["x"], t["y"], t["sizeLevel0"]
    if not all(inside(a, b) for a, b in ((x, y), (x + s, y), (x, y + s), (x + s, y + s))):
        return "edge"
    if x + s <= WIDTH * TUMOUR_RIGHT:
        return "tumour"
    return "liver" if x >= WIDTH * TUMOUR_RIGHT else "edge"


for path in sys.argv[1:]:
    slides = []
    for line in open(path, encoding="utf-8"):
        tiles = json.loads(line).get("slideAttention") or []
        if len(tiles) < 100:   # a damaged or mostly blank slide says nothing about where the model looks
            continue
        total = sum(t["weight"] for t in tiles)
        by = {"tumour": [0.0, 0], "liver": [0.0, 0], "edge": [0.0, 0]}
        for t in tiles:
            r = by[region(t)]
            r[0] += t["weight"] / total
            r[1] += 1
        weights = sorted((t["weight"] / total for t in tiles), reverse=True)
        top = sum(weights[: max(1, round(len(weights) / 10))])
        slides.append(({k: (v[0], v[1] / len(tiles)) for k, v in by.items()}, top))
    if not slides:
        print(f"{path}: no prediction with 100 or more attended tiles")
        continue
    n = len(slides)
    print(f"{path}: {n} slides; the most attended tenth of the tiles holds {100 * sum(s[1] for s in slides) / n:.0f}% "
          f"of the attention (range {100 * min(s[1] for s in slides):.0f}-{100 * max(s[1] for s in slides):.0f}%; even: 10%)")
    print(f"  {'region':8s} {'attention':>9s} {'tiles':>6s} {'ratio':>6s}")
    for k in ("tumour", "liver", "edge"):
        att = sum(s[0][k][0] for s in slides) / n
        frac = sum(s[0][k][1] for s in slides) / n
        print(f"  {k:8s} {att:9.2f} {frac:6.2f} {att / frac if frac else float('nan'):6.2f}")
