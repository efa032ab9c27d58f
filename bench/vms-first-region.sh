#!/usr/bin/env bash
# How long a viewer waits for its first tile far into a Hamamatsu VMS slide: open the slide and read one 256 x 256 region
# of level 0 at its bottom right (the last MCU rows of the grid's last file), LiverCast vs OpenSlide (python3-openslide),
# each a fresh open, median of RUNS (default 9) after a warm-up, with the VMS's optimisation file and without it (the
# .vms naming none). The slide is the benchmarks' 16000x16000 vips slide written by VmsWriter (4 x 4 JPEGs of 4,096 px).
# Ratio = OpenSlide ms / LiverCast ms. Usage: bench/vms-first-region.sh [RUNS]   (needs libvips-tools, python3-openslide)
set -euo pipefail
runs=${1:-9}
cd "$(dirname "$0")/.."
command -v vips >/dev/null && /usr/bin/python3 -c 'import openslide' || { echo "needs: apt-get install libvips-tools python3-openslide" >&2; exit 2; }
./mvnw -q -B -DskipTests install -pl bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench/vips-slide.sh "$work/slide.tif"
java -cp "$cp" org.livercast.bench.SlideToVendor vms "$work/slide.tif" "$work/vendor.vms" >/dev/null
grep -v '^OptimisationFile=' "$work/vendor.vms" > "$work/noopt.vms"
read -r w h < <(/usr/bin/python3 -c "import openslide,sys; print(*openslide.OpenSlide(sys.argv[1]).dimensions)" "$work/vendor.vms")
x=$((w - 256)); y=$((h - 256))
printf '%-34s %13s %14s %7s  %s\n' "region (256 px at $x,$y)" OpenSlide_ms LiverCast_ms ratio "checksum (OpenSlide / LiverCast)"
for f in vendor noopt; do
  label="with the optimisation file"; [ "$f" = noopt ] && label="without it"
  read -r _ oms oc < <(/usr/bin/python3 bench/slide_first_region_openslide.py "$work/$f.vms" "$x" "$y" 256 "$runs")
  read -r _ lms lc < <(java -cp "$cp" org.livercast.bench.SlideFirstRegionBenchmark "$work/$f.vms" "$x" "$y" 256 "$runs")
  printf '%-34s %13s %14s %7s  %s / %s\n' "$label" "$oms" "$lms" "$(awk -v a="$oms" -v b="$lms" 'BEGIN { printf "%.2f", a / b }')" "$oc" "$lc"
done
