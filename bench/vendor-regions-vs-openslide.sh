#!/usr/bin/env bash
# Regions per second reading 1,500 level-0 256x256 regions (row-major) of a 16000x16000 slide in a scanner vendor's
# format — ndpi (Hamamatsu), mirax (3DHISTECH), bif (Ventana), vms (Hamamatsu's older format), svslide (Sakura) or trestle —
# LiverCast vs OpenSlide (python3-openslide),
# single-threaded and with every core. The slide is the benchmarks' vips slide written by LiverCast's writer for that
# format with its defaults (SlideToVendor), which OpenSlide reads as hamamatsu, mirax, ventana, sakura or trestle. Usage:
# bench/vendor-regions-vs-openslide.sh ndpi|mirax|bif|vms|svslide|trestle [LEVEL]: LEVEL (default 0) reads the regions at that level
# (a VMS's level 1 is the grid at 1/2 by the scaled DCT). Needs libvips-tools and python3-openslide.
set -euo pipefail
format=${1:?usage: $0 ndpi|mirax|bif|vms|svslide|trestle [LEVEL]}
level=${2:-0}
ext=$format; [ "$format" = mirax ] && ext=mrxs; [ "$format" = trestle ] && ext=tif
cd "$(dirname "$0")/.."
command -v vips >/dev/null && /usr/bin/python3 -c 'import openslide' || { echo "needs: apt-get install libvips-tools python3-openslide" >&2; exit 2; }
./mvnw -q -B -DskipTests install -pl bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
work=$(mktemp -d)
bench/vips-slide.sh "$work/slide.tif"
read -r secs mpps bytes < <(java -cp "$cp" org.livercast.bench.SlideToVendor "$format" "$work/slide.tif" "$work/vendor.$ext")
echo "$format written in ${secs} s (${mpps} megapixels/s over all levels), $((bytes / 1000000)) MB"
n=1500
size=256
cores=$(nproc)
printf '%-8s %14s %16s %7s  %s\n' threads OpenSlide_r/s LiverCast_r/s ratio "checksum (OpenSlide / LiverCast)"
for t in 1 "$cores"; do
  read -r _ os oc < <(/usr/bin/python3 bench/slide_regions_openslide.py "$work/vendor.$ext" "$n" "$t" "$size" "$level")
  read -r _ ls lc < <(java -cp "$cp" org.livercast.bench.SlideRegionBenchmark "$work/vendor.$ext" "$n" "$t" "$size" "$level")
  ratio=$(awk -v a="$ls" -v b="$os" 'BEGIN { printf "%.2f", a / b }')
  printf '%-8s %14s %16s %7s  %s / %s\n' "$t" "$os" "$ls" "$ratio" "$oc" "$lc"
done
rm -rf "$work"
