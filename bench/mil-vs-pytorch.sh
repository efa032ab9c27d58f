#!/usr/bin/env bash
# One gated-attention MIL training step (forward, backward, Adam) on bags of tile embeddings: LiverCast (DJL, PyTorch
# 2.7 engine) vs the same model in PyTorch (Debian's python3-torch), in one run. Ratio = PyTorch time / LiverCast time.
set -euo pipefail
cd "$(dirname "$0")/.."
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "needs: apt-get install python3-torch" >&2; exit 2; }
./mvnw -q -B -DskipTests install -pl bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
threads=$(nproc)
printf '%-22s %12s %12s %7s  %s\n' "bags x tiles x feat" PyTorch_s LiverCast_s ratio "final loss (PyTorch / LiverCast)"
# The last shape is the POST model's own training step (FitConfig: 128 bags a batch, hidden 16; ~300 tissue tiles of 16 features).
for shape in "16 200 16 64" "32 400 16 64" "8 1000 64 128" "128 300 16 16"; do
  read -r b n d h <<<"$shape"
  read -r _ pt pl < <(/usr/bin/python3 bench/mil_torch.py "$b" "$n" "$d" "$h" 200 "$threads")
  read -r _ lt ll < <(java -Dai.djl.offline=true -cp "$cp" org.livercast.bench.MilStepBenchmark "$b" "$n" "$d" "$h" 200 2>/dev/null | grep '^livercast')
  printf '%-22s %12s %12s %7s  %s / %s\n' "$b x $n x $d (h $h)" "$pt" "$lt" "$(awk -v a="$pt" -v b="$lt" 'BEGIN { printf "%.2f", a / b }')" "$pl" "$ll"
done
