#!/usr/bin/env bash
# Tiles per second reading 2,000 level-0 256x256 JPEG tiles of one large slide: LiverCast vs OpenSlide
# (python3-openslide), single-threaded and with every core. Needs libvips-tools and python3-openslide.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v vips >/dev/null && /usr/bin/python3 -c 'import openslide' || { echo "needs: apt-get install libvips-tools python3-openslide" >&2; exit 2; }
./mvnw -q -B -DskipTests install -pl bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
work=$(mktemp -d)
# A 16000x16000 H&E-like slide, JPEG Q80 (YCbCr, shared JPEGTables), as scanners and libvips write them.
vips gaussnoise "$work/n.v" 1600 1600 --sigma 40 --mean 128
vips resize "$work/n.v" "$work/big.v" 10
vips gaussnoise "$work/g.v" 16000 16000 --sigma 12 --mean 0
vips add "$work/big.v" "$work/g.v" "$work/sum.v"
vips linear "$work/sum.v" "$work/rgb.v" "0.9 0.6 0.8" "40 20 60" --uchar
vips tiffsave "$work/rgb.v" "$work/slide.tif" --tile --pyramid --compression jpeg --Q 80 --tile-width 256 --tile-height 256
# The float intermediates are gigabytes: drop them and let writeback finish so it does not compete with the timing.
rm -f "$work"/*.v
sync
cores=$(nproc)
printf '%-8s %14s %16s %7s  %s\n' threads OpenSlide_t/s LiverCast_t/s ratio "checksum (OpenSlide / LiverCast)"
for t in 1 "$cores"; do
  read -r _ os oc < <(/usr/bin/python3 bench/slide_openslide.py "$work/slide.tif" 2000 "$t")
  read -r _ ls lc < <(java -cp "$cp" org.livercast.bench.SlideTileBenchmark "$work/slide.tif" 2000 "$t")
  ratio=$(awk -v a="$ls" -v b="$os" 'BEGIN { printf "%.2f", a / b }')
  printf '%-8s %14s %16s %7s  %s / %s\n' "$t" "$os" "$ls" "$ratio" "$oc" "$lc"
done
rm -rf "$work"
