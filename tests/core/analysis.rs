//! Network analysis against networkx on four real social networks (fixtures made by
//! `tests/fixtures/make_fixtures.py`), and against brute force on small random graphs.

use crate::util;

use proptest::prelude::*;
use wijkweb::graph::communities::louvain;
use wijkweb::graph::kenners::{KennerQuery, betweenness, kenners};
use wijkweb::graph::paths::{Target, k_shortest, referral_paths};
use wijkweb::graph::risks::{articulation_point_indices, risks};
use wijkweb::graph::{Csr, Network};
use wijkweb::model::{Relation, RelationKind, Strength, today};
use wijkweb::{Node, NodeKind};

const FIXTURES: [&str; 4] = ["karate", "florentine", "lesmis", "davis"];

fn fixture(name: &str) -> (Network, serde_json::Value) {
    let (nodes, relations) = util::fixture(name);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    let expected = std::fs::read(format!("{dir}{name}.expected.json")).unwrap();
    (
        Network::new(&nodes, &relations, today()),
        serde_json::from_slice(&expected).unwrap(),
    )
}

fn id_of(net: &Network, csr: &Csr, i: usize) -> String {
    net.info(csr.order[i]).unwrap().id.to_string()
}

#[test]
fn betweenness_equals_networkx_on_four_real_networks() {
    for name in FIXTURES {
        let (net, expected) = fixture(name);
        let csr = net.csr(false);
        for (weighted, key) in [
            (true, "betweenness_weighted"),
            (false, "betweenness_unweighted"),
        ] {
            let ours = betweenness(&csr, weighted, None);
            let theirs = expected[key].as_object().unwrap();
            assert_eq!(theirs.len(), csr.len(), "{name}");
            for i in 0..csr.len() {
                let id = id_of(&net, &csr, i);
                let want = theirs[&id].as_f64().unwrap();
                assert!(
                    (ours.scores[i] - want).abs() < 1e-9,
                    "{name} {key} {id}: ours {} networkx {want}",
                    ours.scores[i]
                );
            }
        }
    }
}

#[test]
fn articulation_points_equal_networkx() {
    for name in FIXTURES {
        let (net, expected) = fixture(name);
        let csr = net.csr(false);
        let mut ours: Vec<String> = articulation_point_indices(&csr)
            .into_iter()
            .map(|i| id_of(&net, &csr, i))
            .collect();
        ours.sort();
        let theirs: Vec<String> =
            serde_json::from_value(expected["articulation_points"].clone()).unwrap();
        assert_eq!(ours, theirs, "{name}");
        let reported: Vec<String> = {
            let mut v: Vec<String> = risks(&net)
                .articulation_points
                .into_iter()
                .map(|p| p.id.to_string())
                .collect();
            v.sort();
            v
        };
        assert_eq!(reported, theirs, "{name}: risks() lists the same points");
    }
}

#[test]
fn dijkstra_costs_equal_networkx() {
    for name in FIXTURES {
        let (net, expected) = fixture(name);
        for (source, costs) in expected["dijkstra"].as_object().unwrap() {
            let costs = costs.as_object().unwrap();
            for i in net.graph().node_indices() {
                let target = net.info(i).unwrap().id.clone();
                let paths = referral_paths(
                    &net,
                    source,
                    &Target::Node(target.to_string()),
                    1,
                    &[],
                    wijkweb::graph::paths::Allow::NONE,
                )
                .unwrap();
                match costs.get(target.as_str()) {
                    Some(want) => {
                        assert_eq!(paths.len(), 1, "{name} {source}->{target}");
                        assert_eq!(
                            f64::from(paths[0].cost),
                            want.as_f64().unwrap(),
                            "{name} {source}->{target}"
                        );
                    }
                    None => assert!(paths.is_empty(), "{name}: {target} is unreachable"),
                }
            }
        }
    }
}

#[test]
fn louvain_modularity_is_as_good_as_networkx() {
    for name in FIXTURES {
        let (net, expected) = fixture(name);
        let csr = net.csr(false);
        let ours = louvain(&csr, 1);
        let theirs = expected["louvain_modularity"].as_f64().unwrap();
        assert!(
            ours.modularity >= theirs - 0.01,
            "{name}: ours {} networkx {theirs}",
            ours.modularity
        );
        assert_eq!(louvain(&csr, 1), ours, "{name}: same seed, same groups");
    }
}

#[test]
fn betweenness_is_identical_on_one_thread_and_two() {
    let (nodes, relations) = wijkweb::demo::barabasi_albert(2_000, 3, 1);
    let net = Network::new(&nodes, &relations, today());
    let csr = net.csr(false);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let two = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    let a = one.install(|| betweenness(&csr, true, None));
    let b = two.install(|| betweenness(&csr, true, None));
    assert_eq!(a, b);
    assert!(a.scores.iter().any(|&s| s > 0.0));
}

#[test]
fn kenners_rank_persons_by_betweenness_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = wijkweb::demo::create(&dir.path().join("demo.db")).unwrap();
    let (nodes, relations) = store.load().unwrap();
    let net = Network::new(&nodes, &relations, today());
    let ranked = kenners(
        &net,
        &KennerQuery {
            top: 10,
            ..Default::default()
        },
    );
    assert_eq!(ranked.len(), 10);
    assert!(
        ranked
            .windows(2)
            .all(|w| w[0].betweenness >= w[1].betweenness)
    );
    let persons = kenners(
        &net,
        &KennerQuery {
            kind: Some(NodeKind::Person),
            top: 5,
            ..Default::default()
        },
    );
    assert!(persons.iter().all(|k| k.kind == NodeKind::Person));
    let first = &persons[0];
    let reason = wijkweb::words::Language::Dutch.words().kenner_reason(first);
    assert!(
        reason.contains("groepen") && reason.contains("via"),
        "{reason}"
    );
    assert!(first.communities >= 2 && first.reach > 0);
}

/// A random small network: `n` persons and relations with random strengths.
fn small_network() -> impl Strategy<Value = (Vec<Node>, Vec<Relation>)> {
    (3usize..8).prop_flat_map(|n| {
        let edges = prop::collection::vec((0..n, 0..n, 1i64..=3, any::<bool>()), 0..(n * 3));
        edges.prop_map(move |edges| {
            let nodes: Vec<Node> = (0..n)
                .map(|i| {
                    let mut node = Node::new(NodeKind::Person, format!("P{i}"));
                    node.id = format!("p{i}").into();
                    node
                })
                .collect();
            let relations = edges
                .into_iter()
                .enumerate()
                .filter(|(_, (a, b, ..))| a != b)
                .map(|(i, (a, b, s, refer))| {
                    let kind = if refer {
                        RelationKind::RefersTo
                    } else {
                        RelationKind::Knows
                    };
                    let mut r =
                        Relation::with_id(format!("r{i}"), format!("p{a}"), format!("p{b}"), kind);
                    r.strength = Strength::new(s).unwrap();
                    r
                })
                .collect();
            (nodes, relations)
        })
    })
}

/// Every simple path from `s` to `t` with its cost, by depth-first search.
fn all_simple_paths(csr: &Csr, s: usize, t: usize) -> Vec<(u32, Vec<usize>)> {
    fn walk(
        csr: &Csr,
        path: &mut Vec<usize>,
        cost: u32,
        t: usize,
        out: &mut Vec<(u32, Vec<usize>)>,
    ) {
        let u = *path.last().unwrap();
        if u == t {
            out.push((cost, path.clone()));
            return;
        }
        for (w, c) in csr.neighbours(u).collect::<Vec<_>>() {
            if !path.contains(&w) {
                path.push(w);
                walk(csr, path, cost + c, t, out);
                path.pop();
            }
        }
    }
    let mut out = Vec::new();
    walk(csr, &mut vec![s], 0, t, &mut out);
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Yen's k cheapest loopless paths have the costs of the k cheapest simple paths, with
    /// and without a node to avoid.
    #[test]
    fn yen_matches_brute_force((nodes, relations) in small_network(), k in 1usize..6) {
        let net = Network::new(&nodes, &relations, today());
        let csr = net.csr(true);
        for s in 0..csr.len() {
            for t in 0..csr.len() {
                if s == t { continue; }
                let mut all = all_simple_paths(&csr, s, t);
                all.sort();
                let ours = k_shortest(&csr, s, t, k, &[]);
                let want: Vec<u32> = all.iter().take(k).map(|p| p.0).collect();
                let got: Vec<u32> = ours.iter().map(|p| p.cost).collect();
                prop_assert_eq!(&got, &want, "{} -> {}", s, t);
                for p in &ours {
                    prop_assert!(all.iter().any(|(c, q)| *c == p.cost && *q == p.nodes), "not a simple path: {:?}", p);
                }
                let mut distinct = ours.iter().map(|p| p.nodes.clone()).collect::<Vec<_>>();
                distinct.sort();
                distinct.dedup();
                prop_assert_eq!(distinct.len(), ours.len());
                // Never through an avoided node: the cheapest simple paths without it.
                let avoided = (s + t + 1) % csr.len();
                if avoided != s && avoided != t {
                    let ours = k_shortest(&csr, s, t, k, &[avoided]);
                    let want: Vec<u32> = all
                        .iter()
                        .filter(|(_, q)| !q.contains(&avoided))
                        .take(k)
                        .map(|p| p.0)
                        .collect();
                    let got: Vec<u32> = ours.iter().map(|p| p.cost).collect();
                    prop_assert_eq!(&got, &want, "{} -> {} avoiding {}", s, t, avoided);
                    for p in &ours {
                        prop_assert!(!p.nodes.contains(&avoided));
                        prop_assert!(all.iter().any(|(c, q)| *c == p.cost && *q == p.nodes));
                    }
                }
            }
        }
    }

    /// Betweenness equals the definition: for every pair, the share of its shortest paths
    /// through each other node, normalised as networkx.
    #[test]
    fn betweenness_matches_brute_force((nodes, relations) in small_network()) {
        let net = Network::new(&nodes, &relations, today());
        let csr = net.csr(false);
        let n = csr.len();
        let mut want = vec![0.0f64; n];
        for s in 0..n {
            for t in (s + 1)..n {
                let all = all_simple_paths(&csr, s, t);
                let Some(best) = all.iter().map(|p| p.0).min() else { continue };
                let shortest: Vec<&Vec<usize>> = all.iter().filter(|p| p.0 == best).map(|p| &p.1).collect();
                for (v, w) in want.iter_mut().enumerate() {
                    if v == s || v == t { continue; }
                    let through = shortest.iter().filter(|p| p.contains(&v)).count();
                    *w += through as f64 / shortest.len() as f64;
                }
            }
        }
        let scale = 2.0 / ((n - 1) as f64 * (n - 2) as f64);
        let ours = betweenness(&csr, true, None);
        for (v, (ours, want)) in ours.scores.iter().zip(&want).enumerate() {
            prop_assert!((ours - want * scale).abs() < 1e-9, "node {}: {} vs {}", v, ours, want * scale);
        }
    }
}
