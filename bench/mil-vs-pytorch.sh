#!/usr/bin/env bash
# One gated-attention MIL training step (forward, backward, Adam) on bags of tile embeddings: LiverCast (DJL, PyTorch
# 2.7 engine) vs the same model in PyTorch (Debian's python3-torch), in one run. Ratio = PyTorch time / LiverCast time.
# Each side runs ROUNDS times (default 3), alternating, and the median of its per-run medians is reported: on two cores
# one run of either swings by ±30% with what else the machine does. Usage: bench/mil-vs-pytorch.sh [ROUNDS]
set -euo pipefail
rounds=${1:-3}
cd "$(dirname "$0")/.."
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "needs: apt-get install python3-torch" >&2; exit 2; }
# Debian's PyTorch calls the system BLAS; with the reference BLAS (libblas3 alone) it runs these steps 3-10x slower,
# which would flatter LiverCast: the peer must have an optimised one.
case "$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)" in
  *openblas*|*blis*|*mkl*) ;;
  *) echo "PyTorch would use the reference BLAS here: apt-get install libopenblas0-pthread first" >&2; exit 2 ;;
esac
./mvnw -q -B -DskipTests install -pl bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
threads=$(nproc)
printf '%-22s %12s %12s %7s  %s\n' "bags x tiles x feat" PyTorch_s LiverCast_s ratio "final loss (PyTorch / LiverCast)"
# The last shape is the POST model's own training step (FitConfig: 128 bags a batch, hidden 16; ~300 tissue tiles of 16 features).
for shape in "16 200 16 64" "32 400 16 64" "8 1000 64 128" "128 300 16 16"; do
  read -r b n d h <<<"$shape"
  pts=(); lts=()
  for ((r = 0; r < rounds; r++)); do
    read -r _ t pl < <(/usr/bin/python3 bench/mil_torch.py "$b" "$n" "$d" "$h" 200 "$threads"); pts+=("$t")
    read -r _ t ll < <(java -Dai.djl.offline=true -cp "$cp" org.livercast.bench.MilStepBenchmark "$b" "$n" "$d" "$h" 200 2>/dev/null | grep '^livercast'); lts+=("$t")
  done
  pt=$(printf '%s\n' "${pts[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  lt=$(printf '%s\n' "${lts[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  printf '%-22s %12s %12s %7s  %s / %s\n' "$b x $n x $d (h $h)" "$pt" "$lt" "$(awk -v a="$pt" -v b="$lt" 'BEGIN { printf "%.2f", a / b }')" "$pl" "$ll"
done
