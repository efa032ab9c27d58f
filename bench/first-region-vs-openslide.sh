#!/usr/bin/env bash
# How long a viewer waits for its first tile in a slide whose tiles are a JPEG's restart intervals: open the slide and
# read one 256 x 256 region of level 0, LiverCast vs OpenSlide (python3-openslide), each a fresh open, median of RUNS
# (default 9) after a warm-up, where the scanner recorded the intervals' starts and where it did not:
#   vms:  at the bottom right (the last MCU rows of the grid's last file), with the optimisation file and without it
#         (a copy of the .vms naming none);
#   ndpi: at the top left and at the bottom right of level 0 (one JPEG), with MCU_STARTS and without.
# The slide is the benchmarks' 16000x16000 vips slide written by LiverCast's writer (SlideToVendor). LiverCast is timed after
# 50 opens (a server just started: the JIT's first tier) and warm (after 3 s more of opens: its optimising tier); ratio =
# OpenSlide ms / LiverCast ms, warm and after 50. Usage: bench/first-region-vs-openslide.sh vms|ndpi [RUNS]   (needs libvips-tools, python3-openslide)
set -euo pipefail
format=${1:?usage: $0 vms|ndpi [RUNS]}
runs=${2:-9}
cd "$(dirname "$0")/.."
command -v vips >/dev/null && /usr/bin/python3 -c 'import openslide' || { echo "needs: apt-get install libvips-tools python3-openslide" >&2; exit 2; }
./mvnw -q -B -DskipTests install -pl bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench/vips-slide.sh "$work/slide.tif"
if [ "$format" = vms ]; then
  java -cp "$cp" org.livercast.bench.SlideToVendor vms "$work/slide.tif" "$work/recorded.vms" >/dev/null
  grep -v '^OptimisationFile=' "$work/recorded.vms" > "$work/unrecorded.vms"
else
  java -cp "$cp" org.livercast.bench.SlideToVendor ndpi "$work/slide.tif" "$work/recorded.ndpi" >/dev/null
  java -cp "$cp" org.livercast.bench.SlideToVendor ndpi-unrecorded "$work/slide.tif" "$work/unrecorded.ndpi" >/dev/null
fi
read -r w h < <(/usr/bin/python3 -c "import openslide,sys; print(*openslide.OpenSlide(sys.argv[1]).dimensions)" "$work/recorded.$format")
places="$((w - 256)),$((h - 256))"
[ "$format" = ndpi ] && places="0,0 $places"
printf '%-40s %12s %15s %14s %6s %9s  %s\n' "region (256 px, level 0)" OpenSlide_ms "LiverCast_warm" "LiverCast_50" ratio "ratio_50" "checksum (OpenSlide / LiverCast)"
for f in recorded unrecorded; do
  for at in $places; do
    x=${at%,*}; y=${at#*,}
    label="at $x,$y, starts $f"
    read -r _ oms oc < <(/usr/bin/python3 bench/slide_first_region_openslide.py "$work/$f.$format" "$x" "$y" 256 "$runs")
    read -r _ l50 lms lc < <(java -cp "$cp" org.livercast.bench.SlideFirstRegionBenchmark "$work/$f.$format" "$x" "$y" 256 "$runs")
    printf '%-40s %12s %15s %14s %6s %9s  %s / %s\n' "$label" "$oms" "$lms" "$l50" "$(awk -v a="$oms" -v b="$lms" 'BEGIN { printf "%.2f", a / b }')" \
      "$(awk -v a="$oms" -v b="$l50" 'BEGIN { printf "%.2f", a / b }')" "$oc" "$lc"
  done
done
