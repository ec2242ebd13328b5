//! Risks: 'Best Persons' (articulation points: if she stops, people lose their link to the
//! rest of the wijk) and isolated residents.
//!
//! Articulation points come from one iterative depth-first search (Hopcroft-Tarjan) that
//! also measures every subtree, so the number cut off by each is known without removing
//! anything.

use serde::Serialize;

use super::{Csr, Network};
use crate::model::{NodeId, NodeKind};

/// A node by id and name, as the command line prints it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NodeRef {
    /// Id.
    pub id: NodeId,
    /// Name.
    pub name: String,
}

/// A 'Best Person': if she stops, `cut_off` nodes lose their link to the largest part.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BestPerson {
    /// Id.
    pub id: NodeId,
    /// Name.
    pub name: String,
    /// How many nodes lose their link to the largest remaining part of her component.
    pub cut_off: usize,
    /// Those nodes, by id (sorted).
    pub cut_off_nodes: Vec<NodeId>,
    /// Who could take over: her strongest tie in the part that stays connected (persons
    /// first). One new relation from this node into each cut-off part reconnects it.
    pub takeover: Option<NodeRef>,
}

/// The risks of a network.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Risks {
    /// Articulation points, most cut off first.
    pub articulation_points: Vec<BestPerson>,
    /// Residents with at most one current relation, or with relations only to
    /// professionals.
    pub isolated: Vec<NodeRef>,
}

/// Result of the depth-first search over one [`Csr`].
struct Dfs {
    tin: Vec<u32>,
    tout: Vec<u32>,
    low: Vec<u32>,
    parent: Vec<usize>,
    size: Vec<usize>,
    component_size: Vec<usize>,
    /// The root of each node's depth-first tree.
    root: Vec<usize>,
    /// Nodes in order of discovery: `tin[v]` is `v`'s place here, and a subtree is the
    /// slice `order[tin[h]..tin[h] + size[h]]`.
    order: Vec<usize>,
}

const NONE: usize = usize::MAX;

fn dfs(csr: &Csr) -> Dfs {
    let n = csr.len();
    let mut d = Dfs {
        tin: vec![u32::MAX; n],
        tout: vec![0; n],
        low: vec![0; n],
        parent: vec![NONE; n],
        size: vec![1; n],
        component_size: vec![0; n],
        root: vec![NONE; n],
        order: Vec::with_capacity(n),
    };
    let mut clock = 0u32;
    // (node, position in its neighbour list)
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if d.tin[root] != u32::MAX {
            continue;
        }
        let first = d.order.len();
        d.tin[root] = clock;
        d.low[root] = clock;
        clock += 1;
        d.order.push(root);
        stack.push((root, csr.offsets[root] as usize));
        while let Some(&mut (u, ref mut pos)) = stack.last_mut() {
            let end = csr.offsets[u + 1] as usize;
            if *pos < end {
                let w = csr.targets[*pos] as usize;
                *pos += 1;
                if d.tin[w] == u32::MAX {
                    d.parent[w] = u;
                    d.tin[w] = clock;
                    d.low[w] = clock;
                    clock += 1;
                    d.order.push(w);
                    stack.push((w, csr.offsets[w] as usize));
                } else if w != d.parent[u] {
                    d.low[u] = d.low[u].min(d.tin[w]);
                }
            } else {
                stack.pop();
                d.tout[u] = clock - 1;
                let p = d.parent[u];
                if p != NONE {
                    d.low[p] = d.low[p].min(d.low[u]);
                    d.size[p] += d.size[u];
                }
            }
        }
        let members = &d.order[first..];
        let size = members.len();
        for &v in members {
            d.component_size[v] = size;
            d.root[v] = root;
        }
    }
    d
}

/// Articulation points of the undirected network in `csr` with, for each, the parts that
/// its removal splits off: `(point, pieces)` where each piece is the DFS child heading it,
/// and the parent side is the rest.
fn articulation_points(csr: &Csr, d: &Dfs) -> Vec<(usize, Vec<usize>)> {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); csr.len()];
    for &v in &d.order {
        let p = d.parent[v];
        if p != NONE && d.low[v] >= d.tin[p] {
            children[p].push(v);
        }
    }
    let mut points = Vec::new();
    for (v, separated) in children.into_iter().enumerate() {
        let is_root = d.parent[v] == NONE;
        let cut = if is_root {
            separated.len() >= 2
        } else {
            !separated.is_empty()
        };
        if cut {
            points.push((v, separated));
        }
    }
    points
}

/// The 'Best Persons' and isolated residents of the network.
pub fn risks(network: &Network) -> Risks {
    let csr = network.csr(false);
    let d = dfs(&csr);
    let info = |i: usize| &network.graph()[csr.order[i]];
    let in_subtree = |u: usize, head: usize| d.tin[head] <= d.tin[u] && d.tin[u] <= d.tout[head];

    let mut best: Vec<BestPerson> = articulation_points(&csr, &d)
        .into_iter()
        .map(|(v, heads)| {
            let rest = d.component_size[v] - 1 - heads.iter().map(|&h| d.size[h]).sum::<usize>();
            // Pieces: each separated subtree, and the parent side (None) unless v is a root.
            let mut pieces: Vec<(Option<usize>, usize)> =
                heads.iter().map(|&h| (Some(h), d.size[h])).collect();
            if d.parent[v] != NONE {
                pieces.push((None, rest));
            }
            pieces.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let main = pieces[0].0;
            let in_main = |u: usize| match main {
                Some(head) => in_subtree(u, head),
                None => !heads.iter().any(|&h| in_subtree(u, h)),
            };
            let subtree = |h: usize| &d.order[d.tin[h] as usize..d.tin[h] as usize + d.size[h]];
            let mut cut_off_nodes: Vec<NodeId> = match main {
                // The parent side stays: the separated subtrees are cut off.
                None => heads
                    .iter()
                    .flat_map(|&h| subtree(h))
                    .map(|&u| info(u).id.clone())
                    .collect(),
                // A subtree stays: everything else of the component but v is cut off.
                Some(head) => subtree(d.root[v])
                    .iter()
                    .filter(|&&u| u != v && !in_subtree(u, head))
                    .map(|&u| info(u).id.clone())
                    .collect(),
            };
            cut_off_nodes.sort();
            let takeover = csr
                .neighbours(v)
                .filter(|&(w, _)| in_main(w))
                .min_by(|&(a, ca), &(b, cb)| {
                    let person = |x: usize| info(x).kind != NodeKind::Person;
                    (person(a), ca, std::cmp::Reverse(csr.degree(a)), &info(a).id).cmp(&(
                        person(b),
                        cb,
                        std::cmp::Reverse(csr.degree(b)),
                        &info(b).id,
                    ))
                })
                .map(|(w, _)| NodeRef {
                    id: info(w).id.clone(),
                    name: info(w).name.clone(),
                });
            BestPerson {
                id: info(v).id.clone(),
                name: info(v).name.clone(),
                cut_off: cut_off_nodes.len(),
                cut_off_nodes,
                takeover,
            }
        })
        .collect();
    best.sort_by(|a, b| b.cut_off.cmp(&a.cut_off).then_with(|| a.id.cmp(&b.id)));

    let mut isolated: Vec<NodeRef> = network
        .graph()
        .node_indices()
        .filter(|&i| network.graph()[i].kind == NodeKind::Person && !network.is_professional(i))
        .filter(|&i| {
            let neighbours: Vec<_> = network.graph().neighbors(i).collect();
            let mut distinct = neighbours.clone();
            distinct.sort();
            distinct.dedup();
            distinct.len() <= 1 || distinct.iter().all(|&j| network.is_professional(j))
        })
        .map(|i| NodeRef {
            id: network.graph()[i].id.clone(),
            name: network.graph()[i].name.clone(),
        })
        .collect();
    isolated.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    Risks {
        articulation_points: best,
        isolated,
    }
}

/// The articulation points of `csr` as compact indices, sorted (for tests against other
/// implementations).
pub fn articulation_point_indices(csr: &Csr) -> Vec<usize> {
    let d = dfs(csr);
    let mut points: Vec<usize> = articulation_points(csr, &d)
        .into_iter()
        .map(|(v, _)| v)
        .collect();
    points.sort_unstable();
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests_support::path_network;

    #[test]
    fn the_middle_of_a_line_cuts_off_the_shorter_end() {
        // a - b - c - d - e: removing b cuts off a (1); c cuts off 2 (a, b or d, e).
        let net = path_network(&["a", "b", "c", "d", "e"], 2);
        let r = risks(&net);
        let cut = |id: &str| {
            r.articulation_points
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.cut_off)
        };
        assert_eq!(cut("a"), None);
        assert_eq!(cut("b"), Some(1));
        assert_eq!(cut("c"), Some(2));
        assert_eq!(cut("d"), Some(1));
        let b = r.articulation_points.iter().find(|p| p.id == "b").unwrap();
        assert_eq!(b.cut_off_nodes, ["a"]);
        assert_eq!(b.takeover.as_ref().map(|t| t.id.as_str()), Some("c"));
        // The two ends have one relation each: isolated.
        let isolated: Vec<&str> = r.isolated.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(isolated, ["a", "e"]);
    }
}
