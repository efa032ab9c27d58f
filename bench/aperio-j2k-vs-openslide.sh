#!/usr/bin/env bash
# Tiles per second reading every tile of an Aperio SVS whose tiles are JPEG 2000 (compression 33003), LiverCast
# (jai-imageio-jpeg2000, pure Java) vs OpenSlide (OpenJPEG), single-threaded and with every core. Needs python3-pil and
# python3-openslide.
set -euo pipefail
cd "$(dirname "$0")/.."
/usr/bin/python3 -c 'import openslide, PIL' || { echo "needs: apt-get install python3-openslide python3-pil" >&2; exit 2; }
./mvnw -q -B -DskipTests install -pl bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
work=$(mktemp -d)
/usr/bin/python3 bench/aperio_j2k_svs.py "$work/j2k.svs" 4800
n=400
cores=$(nproc)
printf '%-8s %14s %16s %7s  %s\n' threads OpenSlide_t/s LiverCast_t/s ratio "checksum (OpenSlide / LiverCast)"
for t in 1 "$cores"; do
  read -r _ os oc < <(/usr/bin/python3 bench/slide_openslide.py "$work/j2k.svs" "$n" "$t")
  read -r _ ls lc < <(java -cp "$cp" org.livercast.bench.SlideTileBenchmark "$work/j2k.svs" "$n" "$t")
  ratio=$(awk -v a="$ls" -v b="$os" 'BEGIN { printf "%.2f", a / b }')
  printf '%-8s %14s %16s %7s  %s / %s\n' "$t" "$os" "$ls" "$ratio" "$oc" "$lc"
done
rm -rf "$work"
