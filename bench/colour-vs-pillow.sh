#!/usr/bin/env bash
# ICC conversion to sRGB of 254 px tiles (the web viewer's Deep Zoom tiles of a slide whose scanner profile is not sRGB):
# LiverCast's ColourProfile (the JDK's Little CMS) against Little CMS through Pillow's ImageCms, on the same tiles from
# the same profile, on 1 and on all cores. Ratio = LiverCast tiles/s / Pillow tiles/s; the checksums (sum of the
# converted bytes) show how far the two conversions differ.
# Usage: bench/colour-vs-pillow.sh [TILES]   (needs python3-pil and python3-numpy)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-400}
./mvnw -q -B -DskipTests install -pl bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-28s %15s %17s %7s %16s %16s\n' "tiles (threads)" Pillow_tiles/s LiverCast_tiles/s ratio Pillow_checksum LiverCast_checksum
for threads in 1 "$(nproc)"; do
  read -r _ lt lsum < <(java -cp "$cp" org.livercast.bench.ColourProfileBenchmark "$n" "$threads" "$work/linear.icc" | grep '^livercast')
  read -r _ pt psum < <(/usr/bin/python3 bench/colour_pillow.py "$n" "$threads" "$work/linear.icc")
  printf '%-28s %15s %17s %7s %16s %16s\n' "254px x $n ($threads)" "$pt" "$lt" "$(awk -v a="$lt" -v b="$pt" 'BEGIN { printf "%.2f", a / b }')" "$psum" "$lsum"
done
