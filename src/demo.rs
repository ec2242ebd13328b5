//! The demo wijk that a first run opens, shipped inside the binary.

use std::path::Path;

use crate::error::StoreError;
use crate::exchange::json;
use crate::model::{Node, Relation};
use crate::records::ImportBatch;
use crate::store::{ImportReport, Key, OpenMode, Store};

/// The demo snapshot, `assets/demo-wijk.wijkweb.json`.
pub const SNAPSHOT: &str = include_str!("../assets/demo-wijk.wijkweb.json");

/// The file name the demo is known by in messages and the audit log.
pub const FILE_NAME: &str = "demo-wijk.wijkweb.json";

/// Whether the wijk in `store` was made from the demo wijk (its import is in the log).
pub fn is_demo(store: &Store) -> Result<bool, StoreError> {
    store.imported_from(FILE_NAME)
}

/// Creates a new database at `path` holding the demo wijk, in one transaction.
pub fn create(path: &Path) -> Result<(Store, ImportReport), StoreError> {
    create_keyed(path, None)
}

/// [`create`], encrypted with `key` when one is given.
pub fn create_keyed(path: &Path, key: Option<&Key>) -> Result<(Store, ImportReport), StoreError> {
    let mut batch = ImportBatch::default();
    json::read(FILE_NAME, SNAPSHOT.as_bytes(), &mut batch)?;
    batch.files.push(FILE_NAME.to_owned());
    let mut store = Store::open_keyed(path, OpenMode::CreateIfMissing, key)?;
    let report = store.import(batch)?;
    Ok((store, report))
}

pub use crate::rng::SplitMix64;

/// A Barabási-Albert wijk of `n` people (m = 3) with five years of history: people who
/// came and went (moved, died) and relations that began and ended, spread over 2021-2025;
/// for tests and benchmarks of the wijk on a date.
pub fn with_history(n: usize, seed: u64) -> (Vec<Node>, Vec<Relation>) {
    let (mut nodes, mut relations) = barabasi_albert(n, 3, seed);
    let start = crate::model::Date::new(2021, 1, 1).unwrap_or(crate::model::Date::MIN);
    let day = |k: usize| start + jiff::Span::new().days((k % 1800) as i64);
    for (i, node) in nodes.iter_mut().enumerate() {
        if i % 9 == 4 {
            node.since = Some(day(i * 37));
        }
        if i % 11 == 7 {
            node.until = Some(day(i * 37 + 400).max(node.since.unwrap_or(start)));
            node.until_reason = Some(if i % 2 == 0 { "verhuisd" } else { "overleden" }.into());
        }
    }
    for (i, relation) in relations.iter_mut().enumerate() {
        if i % 3 != 0 {
            relation.since = Some(day(i * 53));
        }
        if i % 4 == 1 {
            let since = relation.since.unwrap_or(start);
            relation.until = Some(since + jiff::Span::new().days((30 + i * 7 % 900) as i64));
        }
    }
    (nodes, relations)
}

/// A synthetic wijk of `n` nodes grown by preferential attachment (Barabási-Albert: each
/// new node joins `m` distinct earlier ones, chosen in proportion to their degree), with
/// realistic fields, for benchmarks and large tests. Deterministic for a seed.
pub fn barabasi_albert(n: usize, m: usize, seed: u64) -> (Vec<Node>, Vec<Relation>) {
    use crate::model::{NodeKind, RelationKind, Strength};
    const THEMES: [&str; 10] = [
        "zorg",
        "welzijn",
        "sport",
        "cultuur",
        "werk",
        "schulden",
        "jeugd",
        "wonen",
        "taal",
        "eenzaamheid",
    ];
    let mut rng = SplitMix64::new(seed);
    let stamp: Option<crate::model::Timestamp> = "2026-01-01T00:00:00Z".parse().ok();
    let nodes: Vec<Node> = (0..n)
        .map(|i| {
            let kind = match rng.below(20) {
                0 => NodeKind::Organisation,
                1 => NodeKind::Initiative,
                _ => NodeKind::Person,
            };
            let mut node = Node::new(kind, format!("Bewoner {i}"));
            node.id = format!("n{i}").into();
            node.wijk = Some(format!("Wijk {}", rng.below(8)));
            node.role = Some(
                match kind {
                    NodeKind::Person => "buurtbewoner",
                    NodeKind::Organisation => "welzijnsorganisatie",
                    NodeKind::Initiative => "taalcafe",
                }
                .to_owned(),
            );
            node.tags = vec![THEMES[rng.below(THEMES.len())].to_owned()];
            if kind == NodeKind::Person {
                if rng.below(4) == 0 {
                    node.needs = vec![THEMES[rng.below(THEMES.len())].to_owned()];
                }
            } else {
                node.offers = vec![THEMES[rng.below(THEMES.len())].to_owned()];
            }
            node.created_at = stamp;
            node.updated_at = stamp;
            node
        })
        .collect();
    let mut relations = Vec::with_capacity(n * m);
    // Every end of every relation so far: picking from it is picking by degree.
    let mut ends: Vec<usize> = Vec::with_capacity(2 * n * m);
    let add = |relations: &mut Vec<Relation>, rng: &mut SplitMix64, a: usize, b: usize| {
        let kind = RelationKind::ALL[rng.below(RelationKind::ALL.len())];
        let mut r = Relation::with_id(
            format!("r{}", relations.len()),
            format!("n{a}"),
            format!("n{b}"),
            kind,
        );
        r.strength = Strength::new(1 + rng.below(3) as i64).unwrap_or_default();
        relations.push(r);
    };
    // Start from a star of m + 1 nodes, as networkx does.
    for b in 1..=m.min(n.saturating_sub(1)) {
        add(&mut relations, &mut rng, 0, b);
        ends.extend([0, b]);
    }
    let mut targets: Vec<usize> = Vec::with_capacity(m);
    for a in (m + 1)..n {
        targets.clear();
        while targets.len() < m {
            let t = ends[rng.below(ends.len())];
            if !targets.contains(&t) {
                targets.push(t);
            }
        }
        for &t in &targets {
            add(&mut relations, &mut rng, a, t);
            ends.extend([a, t]);
        }
    }
    (nodes, relations)
}
