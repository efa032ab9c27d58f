#!/usr/bin/env bash
# Times LiverCast's statistics against R (survival, pROC) on the same synthetic data, n = 10^4, 10^5, 10^6.
# Needs Debian's r-base-core, r-cran-survival and r-cran-proc. Usage: bench/stats-vs-r.sh [sizes...]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v Rscript >/dev/null || { echo "needs R: apt-get install r-base-core r-cran-survival r-cran-proc" >&2; exit 2; }
./mvnw -q -B -DskipTests install -pl bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
work=$(mktemp -d)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
printf '%-9s %-15s %10s %10s %12s %8s  %s\n' n task R_s LiverCast_s LC_first_s ratio "same result (R / LiverCast)"
for n in "${sizes[@]}"; do
  java -cp "$cp" org.livercast.bench.SurvivalBenchData "$n" "$work/d$n.csv"
  reps=$(( n <= 10000 ? 15 : (n <= 100000 ? 5 : 3) ))
  Rscript bench/stats_r.R "$work/d$n.csv" "$reps" > "$work/r$n.txt"
  java -Xmx8g -cp "$cp" org.livercast.bench.StatsBenchmark "$work/d$n.csv" "$reps" > "$work/j$n.txt"
  while read -r task rs rres; do
    read -r _ js jfirst jres < <(grep "^$task " "$work/j$n.txt")
    ratio=$(awk -v a="$rs" -v b="$js" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
    printf '%-9s %-15s %10s %10s %12s %8s  %s / %s\n' "$n" "$task" "$rs" "$js" "$jfirst" "$ratio" "$rres" "$jres"
  done < "$work/r$n.txt"
done
rm -rf "$work"
