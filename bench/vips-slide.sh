#!/usr/bin/env bash
# Writes the benchmarks' 16000x16000 H&E-like slide to $1: low-frequency noise upsampled plus pixel noise, H&E-like gains,
# JPEG Q80 tiles of 256 px (YCbCr, shared JPEGTables) as scanners and libvips write them, 0.5 um/px. Needs libvips-tools.
set -euo pipefail
out=$1
work=$(mktemp -d)
vips gaussnoise "$work/n.v" 1600 1600 --sigma 40 --mean 128
vips resize "$work/n.v" "$work/big.v" 10
vips gaussnoise "$work/g.v" 16000 16000 --sigma 12 --mean 0
vips add "$work/big.v" "$work/g.v" "$work/sum.v"
vips linear "$work/sum.v" "$work/rgb.v" "0.9 0.6 0.8" "40 20 60" --uchar
vips tiffsave "$work/rgb.v" "$out" --tile --pyramid --compression jpeg --Q 80 --tile-width 256 --tile-height 256 --xres 2000 --yres 2000
# The float intermediates are gigabytes: drop them and let writeback finish so it does not compete with the timing.
rm -rf "$work"
sync
