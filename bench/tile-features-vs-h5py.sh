#!/usr/bin/env bash
# Reading a slide's tile features as TRIDENT writes them (one HDF5 file a slide, 'features' [N, D] float32 chunked one
# row a chunk, 'coords' [N, 2]): LiverCast (TileFeaturesH5 on jHDF, pure Java) against h5py (the HDF5 C library) on the
# same file, in one run. Sizes: a small slide, a real resection slide's ~15,000 tissue tiles at 20x with UNI's 1,024 and
# Virchow 2's 2,560 features. Ratio = h5py seconds / LiverCast seconds (above 1: LiverCast faster).
# Usage: bench/tile-features-vs-h5py.sh [REPEATS]. Needs python3-h5py.
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-5}
/usr/bin/python3 -c 'import h5py' 2>/dev/null || { echo "needs: apt-get install python3-h5py" >&2; exit 2; }
./mvnw -q -B -DskipTests install -pl bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-26s %10s %12s %14s %7s %s\n' "tiles x features" "MB" "h5py_s" "LiverCast_s" ratio "checksums (h5py / LiverCast)"
for size in "2000 1024" "15000 1024" "15000 2560"; do
  read -r n d <<< "$size"
  file="$work/slide-$n-$d.h5"
  /usr/bin/python3 bench/tile_features_h5py.py write "$file" "$n" "$d"
  read -r _ pt _ _ psum < <(/usr/bin/python3 bench/tile_features_h5py.py read "$file" "$repeats")
  read -r _ lt _ _ lsum < <(java -cp "$cp" org.livercast.bench.TileFeaturesReadBenchmark "$file" "$repeats" 2>/dev/null | grep '^livercast')
  printf '%-26s %10s %12s %14s %7s %s\n' "$n x $d" "$(du -m "$file" | cut -f1)" "$pt" "$lt" "$(awk -v a="$pt" -v b="$lt" 'BEGIN { printf "%.2f", a / b }')" "$psum / $lsum"
done
