#!/usr/bin/env python3
"""The same analyses in igraph and networkx, for the side-by-side table in BENCHMARKS.md.

Barabási-Albert graphs with m = 3 and seed 1 (networkx's generator), each relation a random
strength 1-3 (seeded) and cost 4 - strength, as wijkweb's own benchmark networks.
CPU seconds per call (time.process_time). networkx's betweenness is only run at 1k: at 10k
it takes minutes (the issue measured 444 s); igraph's at 50k about ten (584 s measured), so
betweenness is run up to 10k.

    pip install networkx==3.6.1 igraph==1.0.0
    python3 benches/compare_analysis.py [sizes...]
"""
import random
import sys
import time

import igraph as ig
import networkx as nx


def cpu(fn, repeat=1):
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def main(sizes):
    print("| n | library | betweenness weighted | betweenness unweighted | one path (avoid 2) | k=5 paths | communities (modularity) | articulation points |")
    print("|---|---|---|---|---|---|---|---|")
    for n in sizes:
        g = nx.barabasi_albert_graph(n, 3, seed=1)
        rng = random.Random(1)
        for a, b, d in g.edges(data=True):
            d["cost"] = 4 - rng.randint(1, 3)
            d["strength"] = 4 - d["cost"]
        h = ig.Graph(n=n, edges=list(g.edges()))
        h.es["cost"] = [g[a][b]["cost"] for a, b in g.edges()]
        h.es["strength"] = [g[a][b]["strength"] for a, b in g.edges()]
        s, t = n - 1, n // 2
        reps = 3 if n <= 10_000 else 1
        bw = cpu(lambda: h.betweenness(weights="cost"), 1) if n <= 10_000 else None
        bu = cpu(lambda: h.betweenness(), 1) if n <= 10_000 else None

        def avoid_path():
            sub = h.copy()
            sub.delete_vertices([0, 1])
            sub.get_shortest_paths(s - 2, to=t - 2, weights="cost")

        one = cpu(avoid_path, reps)
        k5 = cpu(lambda: h.get_k_shortest_paths(s, to=t, k=5, weights="cost"), reps)
        comms = []
        lc = cpu(lambda: comms.append(h.community_leiden(objective_function="modularity", weights="strength")), reps)
        mod = h.modularity(comms[-1], weights="strength")
        ap = cpu(lambda: h.articulation_points(), reps)
        fmt = lambda x: "-" if x is None else f"{x * 1000:.1f} ms" if x < 10 else f"{x:.1f} s"
        print(f"| {n} | igraph {ig.__version__} | {fmt(bw)} | {fmt(bu)} | {fmt(one)} | {fmt(k5)} | {fmt(lc)} ({mod:.4f}) | {fmt(ap)} |")
        nbw = cpu(lambda: nx.betweenness_centrality(g, weight="cost")) if n <= 1_000 else None
        nbu = cpu(lambda: nx.betweenness_centrality(g)) if n <= 1_000 else None
        nc = []
        nlc = cpu(lambda: nc.append(nx.community.louvain_communities(g, weight="strength", seed=1))) if n <= 50_000 else None
        nmod = nx.community.modularity(g, nc[-1], weight="strength") if nc else float("nan")
        nap = cpu(lambda: list(nx.articulation_points(g)))
        print(f"| {n} | networkx {nx.__version__} | {fmt(nbw)} | {fmt(nbu)} | - | - | {fmt(nlc)} ({nmod:.4f}) | {fmt(nap)} |")
        sys.stdout.flush()


if __name__ == "__main__":
    main([int(x) for x in sys.argv[1:]] or [1_000, 10_000, 50_000])
