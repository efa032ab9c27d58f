#!/usr/bin/env bash
# Tiles per second reading 2,000 level-0 256x256 JPEG tiles of one large slide: LiverCast vs OpenSlide
# (python3-openslide), single-threaded and with every core. Needs libvips-tools and python3-openslide.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v vips >/dev/null && /usr/bin/python3 -c 'import openslide' || { echo "needs: apt-get install libvips-tools python3-openslide" >&2; exit 2; }
./mvnw -q -B -DskipTests install -pl bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
work=$(mktemp -d)
bench/vips-slide.sh "$work/slide.tif"
cores=$(nproc)
printf '%-8s %14s %16s %7s  %s\n' threads OpenSlide_t/s LiverCast_t/s ratio "checksum (OpenSlide / LiverCast)"
for t in 1 "$cores"; do
  read -r _ os oc < <(/usr/bin/python3 bench/slide_openslide.py "$work/slide.tif" 2000 "$t")
  read -r _ ls lc < <(java -cp "$cp" org.livercast.bench.SlideTileBenchmark "$work/slide.tif" 2000 "$t")
  ratio=$(awk -v a="$ls" -v b="$os" 'BEGIN { printf "%.2f", a / b }')
  printf '%-8s %14s %16s %7s  %s / %s\n' "$t" "$os" "$ls" "$ratio" "$oc" "$lc"
done
rm -rf "$work"
