#!/usr/bin/env bash
# graphology-layout-forceatlas2 (npm, Barnes-Hut) and Graphviz sfdp on Barabási-Albert
# graphs (m = 3, seed 1, networkx's generator), for the layout table in BENCHMARKS.md.
# Needs node/npm, python3 with networkx, and graphviz (apt-get install graphviz).
#   bash benches/compare_layout.sh [sizes...]
set -euo pipefail
sizes=("${@:-1000 5000 10000 50000}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --silent graphology graphology-layout-forceatlas2 >/dev/null)
cat > "$work/fa2.js" <<'JS'
const Graph = require('graphology');
const forceAtlas2 = require('graphology-layout-forceatlas2');
const fs = require('fs');
const [file, iterations] = [process.argv[2], Number(process.argv[3])];
const g = new Graph({ type: 'undirected' });
let seed = 1;
const rand = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
for (const line of fs.readFileSync(file, 'utf8').trim().split('\n')) {
  const [a, b] = line.split(' ');
  for (const n of [a, b]) if (!g.hasNode(n)) g.addNode(n, { x: rand() * 1000, y: rand() * 1000 });
  if (!g.hasEdge(a, b)) g.addEdge(a, b);
}
const settings = { ...forceAtlas2.inferSettings(g), barnesHutOptimize: true, barnesHutTheta: 1.2 };
forceAtlas2.assign(g, { iterations: 5, settings });
const start = process.hrtime.bigint();
forceAtlas2.assign(g, { iterations, settings });
const ms = Number(process.hrtime.bigint() - start) / 1e6;
console.log((ms / iterations).toFixed(1));
JS
echo "| n | graphology FA2 (Barnes-Hut), ms per iteration | sfdp, s to lay out |"
echo "|---|---|---|"
for n in ${sizes[@]}; do
  python3 -c "import networkx as nx; g = nx.barabasi_albert_graph($n, 3, seed=1); print('\n'.join(f'{a} {b}' for a, b in g.edges()))" > "$work/g.txt"
  iterations=$(( n >= 50000 ? 5 : 20 ))
  fa2=$(cd "$work" && node fa2.js g.txt $iterations)
  { echo "graph G {"; sed 's/^\([0-9]*\) \([0-9]*\)$/\1 -- \2;/' "$work/g.txt"; echo "}"; } > "$work/g.dot"
  start=$(date +%s.%N)
  sfdp -Tplain "$work/g.dot" > /dev/null
  sfdp_s=$(echo "$(date +%s.%N) - $start" | bc)
  printf "| %s | %s | %.1f |\n" "$n" "$fa2" "$sfdp_s"
done
