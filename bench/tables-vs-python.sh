#!/usr/bin/env bash
# Reading a clinical table sent as an Excel workbook into CSV text: LiverCast (XlsTable on Apache POI for Excel 97-2003's
# .xls; XlsxTable, JDK zip + StAX, for .xlsx) against Python's readers on the same file in one run — xlrd (with the
# formatting records, needed to tell a date from a number) for .xls, openpyxl (read-only) for .xlsx. Rows: a centre's
# year, a large centre's decade, and Excel 97-2003's limit. Ratio = Python seconds / LiverCast seconds (above 1:
# LiverCast faster); the non-empty cell counts must agree.
# Usage: bench/tables-vs-python.sh [REPEATS]. Needs python3-xlwt, python3-xlrd, python3-openpyxl.
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-5}
/usr/bin/python3 -c 'import xlwt, xlrd, openpyxl' 2>/dev/null || { echo "needs: apt-get install python3-xlwt python3-xlrd python3-openpyxl" >&2; exit 2; }
./mvnw -q -B -DskipTests install -pl bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-6s %7s %8s %10s %13s %7s %s\n' format rows KB python_s LiverCast_s ratio "non-empty cells (Python / LiverCast)"
for ext in xls xlsx; do
  for rows in 1000 10000 65000; do
    file="$work/patients-$rows.$ext"
    /usr/bin/python3 bench/tables_python.py write "$file" "$rows"
    read -r _ pt pc < <(/usr/bin/python3 bench/tables_python.py read "$file" "$repeats")
    read -r _ lt lc < <(java -cp "$cp" org.livercast.bench.TableReadBenchmark "$file" "$repeats" 2>/dev/null | grep '^livercast')
    printf '%-6s %7s %8s %10s %13s %7s %s\n' "$ext" "$rows" "$(du -k "$file" | cut -f1)" "$pt" "$lt" \
      "$(awk -v a="$pt" -v b="$lt" 'BEGIN { printf "%.2f", a / b }')" "$pc / $lc"
  done
done
