#!/usr/bin/env bash
# The app where it runs: a 5,000-node Barabási-Albert wijk (m = 3) without positions, opened
# in the release build under Xvfb (Mesa's software renderer) at 1366x768. Prints how long
# until the first map shows, until the layout rests, and the frame intervals while the
# layout refines and while the view is zoomed and panned (from WIJKWEB_FRAME_LOG).
# Needs: Xvfb and xdotool (Debian: xvfb xdotool), python3 with networkx.
# Run from the repository root: bash benches/frames_xvfb.sh [NODES]
set -euo pipefail
n=${1:-5000}
work=$(mktemp -d)
app=""; xvfb=""
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/wijkweb"
python3 - "$n" "$work/ba.json" <<'PY'
import json, random, sys
import networkx as nx
n, out = int(sys.argv[1]), sys.argv[2]
random.seed(5)
g = nx.barabasi_albert_graph(n, 3, seed=5)
nodes = [{"id": f"n{i:06d}", "kind": "person" if i % 20 > 1 else ("organisation" if i % 20 == 0 else "initiative"),
          "name": f"Persoon {i}"} for i in g.nodes()]
rels = [{"id": f"r{j:07d}", "source": f"n{a:06d}", "target": f"n{b:06d}", "kind": "knows",
         "strength": random.choice([1, 2, 2, 3])} for j, (a, b) in enumerate(g.edges())]
json.dump({"format": "wijkweb", "version": 1, "nodes": nodes, "relations": rels}, open(out, "w"))
PY
"$bin" import --db "$work/wijk.wijk" "$work/ba.json" >/dev/null
Xvfb :97 -screen 0 1366x768x24 >/dev/null 2>&1 & xvfb=$!
sleep 1
mkdir -p "$work/home"
env -i HOME="$work/home" PATH=/usr/bin:/bin DISPLAY=:97 XDG_RUNTIME_DIR="$work/home" \
  WIJKWEB_FRAME_LOG="$work/frames.log" "$bin" --db "$work/wijk.wijk" >/dev/null 2>&1 & app=$!
log="$work/frames.log"
for _ in $(seq 1 600); do grep -q -E "Running|Idle" "$log" 2>/dev/null && break; sleep 0.1; done
first=$(grep -m1 -E "Running|Idle" "$log" | awk '{print $1}')
for _ in $(seq 1 1800); do grep -q "Idle" "$log" 2>/dev/null && break; sleep 0.1; done
rest=$(grep -m1 "Idle" "$log" | awk '{print $1}')
refining=$(awk '$4=="Running"{print $2}' "$log")
export DISPLAY=:97
before=$(wc -l < "$log")
xdotool mousemove 650 400
for _ in 1 2 3 4 5 6; do xdotool click 4; sleep 0.25; done
for _ in 1 2 3 4 5 6; do xdotool click 5; sleep 0.25; done
for _ in $(seq 1 10); do xdotool mousedown 1 mousemove_relative 20 5 mouseup 1; sleep 0.15; done
sleep 1
moving=$(tail -n +$((before + 2)) "$log" | awk '{print $2}')
stats() { sort -n | awk '{a[NR]=$1; s+=$1} END {if (NR) printf "%d frames, median %.0f ms, p90 %.0f ms, max %.0f ms\n", NR, a[int((NR+1)/2)], a[int(NR*0.9)], a[NR]}'; }
echo "nodes: $n"
echo "first map after: ${first} ms"
echo "layout at rest after: ${rest} ms"
echo -n "while the layout refines: "; echo "$refining" | stats
echo -n "while zooming and panning: "; echo "$moving" | stats
