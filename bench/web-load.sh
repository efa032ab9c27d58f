#!/usr/bin/env bash
# Load on loopback against `livercast serve`: the patient page at N concurrent signed-in users (goal p99 < 200 ms at 50),
# each pausing about a second between pages (0.5-1.5 s), and again with no pause at all (the server saturated: its
# throughput); and Deep Zoom slide tiles from the server's cache with no pause (goal >= 500 tiles/s), also against
# OpenSlide's DeepZoomGenerator behind Python's threading HTTP server (the peer), same client, same run. The client
# runs on the same cores as the server.
# Usage: bench/web-load.sh [USERS] [SECONDS]   (default 50 users, 20 s per test). Needs python3-openslide and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-50}
seconds=${2:-20}
/usr/bin/python3 -c 'import openslide' && command -v curl >/dev/null || { echo "needs: apt-get install python3-openslide curl" >&2; exit 2; }
./mvnw -q -B -DskipTests install -pl livercast-app,bench -am
jar=livercast-app/target/livercast-app.jar
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The store the web tests use: two centres ingested, a POST model with slides, every patient scored.
java -jar "$jar" synth --patients 16 --centres 2 --seed 8 --out "$work/cohort" >/dev/null
for c in 01 02; do java -jar "$jar" --home "$work/home" ingest --quiet --centre "C$c" "$work/cohort/centre-$c" >/dev/null || true; done
java -jar "$jar" --home "$work/home" train --model post --cohort "$work/cohort" --out "$work/post" --max-epochs 3 --no-images >/dev/null
java -jar "$jar" --home "$work/home" predict --model "$work/post/model" --stored >/dev/null
LIVERCAST_PASSWORD=load-test-password java -jar "$jar" --home "$work/home" users add inv01 --role site_investigator --centre C01 >/dev/null

port=$(free_port)
java -jar "$jar" --home "$work/home" serve --port "$port" >"$work/serve.log" 2>&1 &
pids+=($!)
base="http://127.0.0.1:$port"
for _ in $(seq 120); do curl -fs "$base/health" >/dev/null && break; sleep 1; done
curl -fs -c "$work/cookies" -o /dev/null -d 'username=inv01&password=load-test-password' "$base/login"

# Every C01 patient's page; the tiles of the largest C01 slide at every Deep Zoom level up to one below full
# resolution (what a viewer fetches while zoomed out), which fit the server's 512-tile cache.
curl -fs -b "$work/cookies" "$base/api/patients" >"$work/patients.json"
/usr/bin/python3 - "$work" "$base" <<'PY'
import json, math, subprocess, sys
work, base = sys.argv[1], sys.argv[2]
ids = [p["patientId"] for p in json.load(open(work + "/patients.json"))]
open(work + "/pages.txt", "w").write("".join("/patients/C01/%s\n" % i for i in ids))
best = None
for i in ids:
    rec = json.loads(subprocess.check_output(["curl", "-fs", "-b", work + "/cookies", "%s/api/patients/C01/%s" % (base, i)]))
    for f in rec["files"]:
        if f["kind"] == "slide":
            dzi = subprocess.check_output(["curl", "-fs", "-b", work + "/cookies", "%s/api/slides/%s/slide.dzi" % (base, f["sha256"])]).decode()
            w = int(dzi.split('Width="')[1].split('"')[0]); h = int(dzi.split('Height="')[1].split('"')[0])
            if best is None or w * h > best[1] * best[2]:
                best = (f["sha256"], w, h)
sha, w, h = best
top = math.ceil(math.log2(max(w, h)))
tiles = []
for level in range(0, top):
    s = 2 ** (top - level)
    lw, lh = math.ceil(w / s), math.ceil(h / s)
    tiles += ["%d/%d_%d" % (level, c, r) for r in range(math.ceil(lh / 254)) for c in range(math.ceil(lw / 254))]
open(work + "/tiles.txt", "w").write("".join("/api/slides/%s/slide_files/%s.jpeg\n" % (sha, t) for t in tiles))
open(work + "/peer-tiles.txt", "w").write("".join("/slide_files/%s.jpeg\n" % t for t in tiles))
open(work + "/slide.txt", "w").write("%s %d %d %d\n" % (sha, w, h, len(tiles)))
PY
read -r sha w h ntiles <"$work/slide.txt"
slide=$(find "$work/home/store" -name "$sha" | head -1)
echo "$(wc -l <"$work/pages.txt") patient pages; slide ${w}x${h}, $ntiles Deep Zoom tiles; $users users, $seconds s each; $(nproc) cores"
printf '%-22s %5s %9s %10s %8s %8s %8s %8s %6s\n' test users requests req/s p50_ms p95_ms p99_ms max_ms errors
java -cp "$cp" org.livercast.bench.WebLoadBenchmark "patient page, think 1s" "$base" "$work/pages.txt" "$users" "$seconds" 1000 inv01 load-test-password
java -cp "$cp" org.livercast.bench.WebLoadBenchmark "patient page, no pause" "$base" "$work/pages.txt" "$users" "$seconds" 0 inv01 load-test-password
lc=$(java -cp "$cp" org.livercast.bench.WebLoadBenchmark "tiles, LiverCast" "$base" "$work/tiles.txt" "$users" "$seconds" 0 inv01 load-test-password)
echo "$lc"
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true

peer_port=$(free_port)
/usr/bin/python3 bench/deepzoom_openslide_server.py "$slide" "$peer_port" >"$work/peer.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do grep -q ready "$work/peer.log" 2>/dev/null && break; sleep 0.5; done
peer=$(java -cp "$cp" org.livercast.bench.WebLoadBenchmark "tiles, OpenSlide peer" "http://127.0.0.1:$peer_port" "$work/peer-tiles.txt" "$users" "$seconds" 0)
echo "$peer"
awk -v a="$(echo "$lc" | awk '{print $(NF-5)}')" -v b="$(echo "$peer" | awk '{print $(NF-5)}')" \
  'BEGIN { printf "cached tiles/s, LiverCast / OpenSlide peer: %.2f\n", a / b }'
