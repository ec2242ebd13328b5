//! Layout quality on real networks (karate, Les Misérables), stability under an edit,
//! components and isolated nodes, the background stepper, ego rings, and persistence.

use crate::util;

use std::time::{Duration, Instant};

use wijkweb::graph::Network;
use wijkweb::graph::communities::louvain;
use wijkweb::layout::rings::{RingMode, Sector, ego_rings};
use wijkweb::layout::{ForceSettings, LayoutGraph, Start, Stepper, layout, layout_graph, prepare};
use wijkweb::model::{Relation, today};
use wijkweb::{Node, OpenMode, Store};

fn fixture(name: &str) -> Network {
    let (nodes, relations) = util::fixture(name);
    Network::new(&nodes, &relations, today())
}

fn dist(a: [f64; 2], b: [f64; 2]) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

fn width(positions: &[[f64; 2]]) -> f64 {
    let (lo, hi) = positions.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p[0]), hi.max(p[0]))
    });
    let (blo, bhi) = positions.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p[1]), hi.max(p[1]))
    });
    (hi - lo).max(bhi - blo)
}

/// Mean silhouette of a grouping by Euclidean distance.
fn silhouette(positions: &[[f64; 2]], group: &[usize]) -> f64 {
    let n = positions.len();
    let groups = group.iter().max().map_or(0, |g| g + 1);
    let mut total = 0.0;
    let mut counted = 0;
    for i in 0..n {
        let mut sum = vec![0.0; groups];
        let mut count = vec![0usize; groups];
        for j in 0..n {
            if i != j {
                sum[group[j]] += dist(positions[i], positions[j]);
                count[group[j]] += 1;
            }
        }
        if count[group[i]] == 0 {
            continue;
        }
        let a = sum[group[i]] / count[group[i]] as f64;
        let b = (0..groups)
            .filter(|&g| g != group[i] && count[g] > 0)
            .map(|g| sum[g] / count[g] as f64)
            .fold(f64::MAX, f64::min);
        total += (b - a) / a.max(b);
        counted += 1;
    }
    total / counted as f64
}

#[test]
fn real_networks_are_laid_out_readably() {
    for name in ["karate", "lesmis"] {
        let net = fixture(name);
        let (order, graph) = layout_graph(&net);
        let settings = ForceSettings::default();
        let positions = layout(&graph, &Start::Fresh { seed: 1 }, settings, 2_000);
        let n = positions.len();
        // A relation is short compared with the distance between any two nodes.
        let edge_mean = graph
            .edges
            .iter()
            .map(|&(a, b, _)| dist(positions[a as usize], positions[b as usize]))
            .sum::<f64>()
            / graph.edges.len() as f64;
        let mut pair_sum = 0.0;
        let mut closest = f64::MAX;
        for i in 0..n {
            for j in (i + 1)..n {
                let d = dist(positions[i], positions[j]);
                pair_sum += d;
                closest = closest.min(d);
            }
        }
        let pair_mean = pair_sum / (n * (n - 1) / 2) as f64;
        assert!(
            edge_mean < 0.5 * pair_mean,
            "{name}: relations {edge_mean:.2}, pairs {pair_mean:.2}"
        );
        assert!(
            closest >= 2.0 * settings.node_radius * 0.99,
            "{name}: two nodes {closest:.3} apart"
        );
        // Communities sit apart.
        let csr = net.csr(false);
        let at = csr.compact();
        let membership = louvain(&csr, 1).membership;
        let group: Vec<usize> = order.iter().map(|i| membership[at[i]]).collect();
        let s = silhouette(&positions, &group);
        assert!(s > 0.0, "{name}: silhouette {s:.3}");
        // The same seed, the same picture.
        assert_eq!(
            layout(&graph, &Start::Fresh { seed: 1 }, settings, 2_000),
            positions,
            "{name}"
        );
    }
}

#[test]
fn adding_one_node_to_a_settled_wijk_of_a_thousand_moves_the_rest_little() {
    let (nodes, relations) = wijkweb::demo::barabasi_albert(1_000, 2, 3);
    let net = Network::new(&nodes, &relations, today());
    let (_, graph) = layout_graph(&net);
    let settings = ForceSettings::default();
    let settled = layout(&graph, &Start::Fresh { seed: 1 }, settings, 3_000);
    let w = width(&settled);
    // One new neighbour of node 10 (layout order is by id: "n10" is not index 10).
    let n = graph.len();
    let target = 17;
    let bigger = LayoutGraph::new(
        n + 1,
        graph
            .edges
            .iter()
            .map(|&(a, b, w)| (a as usize, b as usize, w))
            .chain([(n, target, 2.0)]),
    );
    let mut stored: Vec<Option<[f64; 2]>> = settled.iter().map(|p| Some(*p)).collect();
    stored.push(None);
    let start = Start::Continue {
        positions: stored,
        pinned: vec![false; n + 1],
        seed: 2,
    };
    let after = layout(&bigger, &start, settings, 300);
    let mut moves: Vec<f64> = (0..n).map(|i| dist(settled[i], after[i])).collect();
    moves.sort_by(f64::total_cmp);
    let median = moves[n / 2];
    assert!(
        median < 0.02 * w,
        "median move {median:.3} of a drawing {w:.1} wide"
    );
    assert!(
        dist(after[n], after[target]) < 0.2 * w,
        "the new node sits near its neighbour"
    );
}

#[test]
fn pinned_nodes_never_move() {
    let net = fixture("karate");
    let (_, graph) = layout_graph(&net);
    let n = graph.len();
    let positions: Vec<Option<[f64; 2]>> = (0..n)
        .map(|i| Some([i as f64 * 3.0, (i % 5) as f64 * 7.0]))
        .collect();
    let mut pinned = vec![false; n];
    pinned[0] = true;
    pinned[33] = true;
    let start = Start::Continue {
        positions: positions.clone(),
        pinned,
        seed: 1,
    };
    let after = layout(&graph, &start, ForceSettings::default(), 500);
    assert_eq!(after[0], positions[0].unwrap());
    assert_eq!(after[33], positions[33].unwrap());
    assert_ne!(after[5], positions[5].unwrap());
}

#[test]
fn components_are_packed_and_isolated_nodes_ring_the_drawing() {
    // Florentine families: one big component and Pucci alone.
    let mut net = fixture("florentine");
    // Add a separate pair and two more loners.
    let mut extra = Vec::new();
    for id in ["x1", "x2", "solo1", "solo2"] {
        let mut n = Node::new(wijkweb::NodeKind::Person, id);
        n.id = id.into();
        net.upsert_node(&n);
        extra.push(n);
    }
    net.upsert_relation(&Relation::with_id(
        "rx",
        "x1",
        "x2",
        wijkweb::RelationKind::Family,
    ));
    let (order, graph) = layout_graph(&net);
    let positions = layout(
        &graph,
        &Start::Fresh { seed: 3 },
        ForceSettings::default(),
        1_000,
    );
    let w = width(&positions);
    assert!(w.is_finite() && w < 500.0, "flung apart: {w}");
    let index = |id: &str| {
        order
            .iter()
            .position(|&i| net.info(i).unwrap().id == id)
            .unwrap()
    };
    let main: Vec<usize> = (0..positions.len())
        .filter(|&i| graph.component[i] == graph.component[index("v0")])
        .collect();
    let centre = main.iter().fold([0.0, 0.0], |s, &i| {
        [s[0] + positions[i][0], s[1] + positions[i][1]]
    });
    let centre = [centre[0] / main.len() as f64, centre[1] / main.len() as f64];
    let reach = main
        .iter()
        .map(|&i| dist(positions[i], centre))
        .fold(0.0, f64::max);
    // The pair is beside the main part, not inside it.
    let pair = [positions[index("x1")], positions[index("x2")]];
    assert!(
        pair.iter().all(|p| dist(*p, centre) > reach * 0.5),
        "pair inside the main part"
    );
    // Loners (Pucci and the two solos) sit on one ring outside everything.
    let ring: Vec<f64> = ["solo1", "solo2"]
        .iter()
        .map(|id| dist(positions[index(id)], centre))
        .collect();
    assert!(
        ring.iter().all(|&r| r > reach),
        "a loner inside the drawing: {ring:?} vs {reach}"
    );
}

#[test]
fn the_stepper_runs_in_the_background_and_can_be_paused_and_stopped() {
    let (nodes, relations) = wijkweb::demo::barabasi_albert(3_000, 2, 5);
    let net = Network::new(&nodes, &relations, today());
    let (_, graph) = layout_graph(&net);
    let force = prepare(&graph, &Start::Fresh { seed: 1 }, ForceSettings::default());
    let started = Instant::now();
    let stepper = Stepper::start(force, 100_000, 5).unwrap();
    assert!(
        started.elapsed() < Duration::from_millis(100),
        "start must not block"
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    let first = loop {
        if let Some(p) = stepper.take_positions() {
            break p;
        }
        assert!(Instant::now() < deadline, "no positions published");
        std::thread::sleep(Duration::from_millis(5));
    };
    assert_eq!(first.len(), 3_000);
    stepper.pause();
    std::thread::sleep(Duration::from_millis(100));
    let paused_at = stepper.progress().iteration;
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(
        stepper.progress().iteration,
        paused_at,
        "kept running while paused"
    );
    stepper.resume();
    let deadline = Instant::now() + Duration::from_secs(30);
    while stepper.progress().iteration <= paused_at + 5 {
        assert!(Instant::now() < deadline, "did not resume");
        std::thread::sleep(Duration::from_millis(5));
    }
    let progress = stepper.progress();
    assert!(progress.movement.is_finite() && progress.max_iterations == 100_000);
    let layout = stepper.stop().unwrap();
    assert!(layout.iteration() > paused_at);
}

#[test]
fn ego_rings_by_distance_and_by_kind() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = wijkweb::demo::create(&dir.path().join("demo.db")).unwrap();
    let (nodes, relations) = store.load().unwrap();
    let net = Network::new(&nodes, &relations, today());
    let center = net.index("p-sanne-de-vries").unwrap();
    let spacing = 3.0;
    for mode in [RingMode::Distance { depth: 2 }, RingMode::Kind] {
        let placed = ego_rings(&net, center, mode, spacing);
        assert_eq!(placed[0].node, center);
        assert_eq!(placed[0].position, [0.0, 0.0]);
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert!(
                    dist(a.position, b.position) >= spacing * 0.999,
                    "{mode:?}: overlap"
                );
            }
        }
        let direct = net.ego(center, 1).nodes.len();
        let ring_one_or_kind = placed
            .iter()
            .filter(|p| p.ring >= 1 && (mode == RingMode::Kind || p.ring == 1))
            .count();
        assert_eq!(ring_one_or_kind, direct - 1, "{mode:?}");
        // Rings grow outwards.
        let radius = |ring: usize| {
            placed
                .iter()
                .filter(|p| p.ring == ring)
                .map(|p| dist(p.position, [0.0, 0.0]))
                .fold(0.0, f64::max)
        };
        assert!(radius(2) > radius(1));
    }
    let by_kind = ego_rings(&net, center, RingMode::Kind, spacing);
    let sector = |id: &str| {
        by_kind
            .iter()
            .find(|p| net.info(p.node).unwrap().id == id)
            .and_then(|p| p.sector)
    };
    assert_eq!(sector("o-welzijn-vliet"), Some(Sector::Professionals));
    assert_eq!(
        sector("i-buurthuis-de-schakel"),
        Some(Sector::VolunteersInitiatives)
    );
}

#[test]
fn positions_are_saved_in_one_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = wijkweb::demo::create(&dir.path().join("demo.db")).unwrap();
    let (nodes, relations) = store.load().unwrap();
    let net = Network::new(&nodes, &relations, today());
    let (order, graph) = layout_graph(&net);
    let positions = layout(
        &graph,
        &Start::Fresh { seed: 1 },
        ForceSettings::default(),
        500,
    );
    let before = store.audit_log().unwrap().len();
    store
        .set_positions(&wijkweb::layout::position_rows(
            &net,
            &order,
            &positions,
            &graph.pinned,
        ))
        .unwrap();
    assert_eq!(store.audit_log().unwrap().len(), before + 1, "one action");
    let stored = store.nodes().unwrap();
    assert!(stored.iter().all(|n| n.x.is_some() && n.y.is_some()));
    let reopened = Store::open(store.path(), OpenMode::ReadOnly).unwrap();
    let first = reopened
        .node(&net.info(order[0]).unwrap().id)
        .unwrap()
        .unwrap();
    assert_eq!([first.x.unwrap(), first.y.unwrap()], positions[0]);
}
