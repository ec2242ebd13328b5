#!/usr/bin/env bash
# Layout speed and quality, wijkweb against Graphviz sfdp and graphology's ForceAtlas2
# (LinLog, Barnes-Hut), on the same graphs in one run (BENCHMARKS.md, "Layout to rest").
# Graphs: the demo wijk, tests/fixtures' four real networks, Barabási-Albert graphs of 1k,
# 5k, 10k and 50k nodes (m = 3, seed 1); `--max N` leaves out the larger ones.
# Needs graphviz (apt-get install graphviz) and node/npm; graphology is installed into a
# temporary folder.
#   bash benches/compare_layout.sh [--max N]
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --silent graphology graphology-layout-forceatlas2 >/dev/null)
cat > "$work/fa2.js" <<'JS'
// ForceAtlas2 with LinLog from a random start: iterations given, time printed, positions
// written as "i x y".
const Graph = require('graphology');
const forceAtlas2 = require('graphology-layout-forceatlas2');
const fs = require('fs');
const [edges, n, iterations, out] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4]), process.argv[5]];
const g = new Graph({ type: 'undirected' });
let seed = 1;
const rand = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
for (let i = 0; i < n; i++) g.addNode(String(i), { x: rand() * 1000, y: rand() * 1000 });
for (const line of fs.readFileSync(edges, 'utf8').split('\n')) {
  if (!line) continue;
  const [a, b] = line.split(' ');
  if (!g.hasEdge(a, b)) g.addEdge(a, b);
}
const start = process.hrtime.bigint();
const settings = { ...forceAtlas2.inferSettings(g), linLogMode: true, barnesHutOptimize: n > 500, barnesHutTheta: 1.2 };
forceAtlas2.assign(g, { iterations, settings });
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
fs.writeFileSync(out, g.mapNodes((k, a) => `${k} ${a.x} ${a.y}`).join('\n') + '\n');
console.log(seconds.toFixed(3));
JS
cargo bench --bench layout_quality -- write "$work" "$@" >/dev/null
for nodes in "$work"/*.nodes; do
  name=$(basename "$nodes" .nodes)
  n=$(cat "$nodes")
  { echo "graph G {"; for ((i = 0; i < n; i++)); do echo "$i;"; done; sed 's/^\([0-9]*\) \([0-9]*\)$/\1 -- \2;/' "$work/$name.edges"; echo "}"; } > "$work/$name.dot"
  start=$(date +%s.%N)
  sfdp -Tplain "$work/$name.dot" > "$work/$name.plain"
  echo "sfdp $(echo "$(date +%s.%N) - $start" | bc)" > "$work/$name.times"
  awk '$1 == "node" { print $2, $3, $4 }' "$work/$name.plain" > "$work/$name.sfdp"
  iterations=$(( n >= 50000 ? 100 : n >= 5000 ? 300 : 1000 ))
  echo "fa2 $(cd "$work" && node fa2.js "$name.edges" "$n" "$iterations" "$name.fa2")" >> "$work/$name.times"
done
cargo bench --bench layout_quality -- measure "$work" "$@"
