//! Undo and redo through the store's history: every kind of edit, in order, and after a
//! restart.

use crate::util;

use util::{Dir, small_db};
use wijkweb::store::history::Place;
use wijkweb::{Node, NodeKind, OpenMode, Relation, RelationKind, Store};

fn names(store: &Store) -> Vec<String> {
    let mut names: Vec<String> = store.nodes().unwrap().into_iter().map(|n| n.name).collect();
    names.sort();
    names
}

#[test]
fn every_kind_of_edit_is_undone_newest_first_and_redone_oldest_first() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    let start_nodes = store.nodes().unwrap();
    let start_relations = store.relations().unwrap();
    let anchor = start_nodes[0].id.clone();

    let fatima = store
        .add_node(Node::new(NodeKind::Person, "Fatima"))
        .unwrap();
    let mut renamed = fatima.clone();
    renamed.name = "Fatima El Amrani".into();
    renamed.needs = vec!["taal".into()];
    store.update_node(renamed).unwrap();
    let link = store
        .add_relation(Relation::new(
            fatima.id.clone(),
            anchor.clone(),
            RelationKind::Neighbour,
        ))
        .unwrap();
    let mut stronger = link.clone();
    stronger.strength = wijkweb::Strength::new(3).unwrap();
    store.update_relation(stronger).unwrap();
    store
        .move_nodes(&[Place {
            id: fatima.id.clone(),
            x: Some(10.0),
            y: Some(20.0),
            pinned: true,
        }])
        .unwrap();
    let removed = store.delete_node(&anchor).unwrap();
    assert!(!removed.is_empty(), "the anchor had relations");
    assert_eq!(store.next_undo().unwrap().unwrap().action, "delete_node");

    let after_all = (store.nodes().unwrap(), store.relations().unwrap());
    let mut undone = Vec::new();
    while let Some(step) = store.undo().unwrap() {
        undone.push(step.action);
    }
    assert_eq!(
        undone,
        [
            "delete_node",
            "move_nodes",
            "update_relation",
            "add_relation",
            "update_node",
            "add_node"
        ]
    );
    assert_eq!(store.nodes().unwrap(), start_nodes);
    assert_eq!(store.relations().unwrap(), start_relations);

    let mut redone = Vec::new();
    while let Some(step) = store.redo().unwrap() {
        redone.push(step.action);
    }
    undone.reverse();
    assert_eq!(redone, undone);
    let (nodes, relations) = (store.nodes().unwrap(), store.relations().unwrap());
    assert_eq!(relations, after_all.1);
    let strip = |mut n: Vec<Node>| {
        for node in &mut n {
            node.updated_at = None;
        }
        n
    };
    assert_eq!(strip(nodes), strip(after_all.0));
    let moved = store.node(&fatima.id).unwrap().unwrap();
    assert_eq!(
        (moved.x, moved.y, moved.pinned),
        (Some(10.0), Some(20.0), true)
    );
}

#[test]
fn undo_survives_a_restart_and_a_new_edit_ends_the_redo() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let before = {
        let mut store = Store::open(&db, OpenMode::Existing).unwrap();
        let before = names(&store);
        store
            .add_node(Node::new(NodeKind::Initiative, "Taalcafe"))
            .unwrap();
        store.add_node(Node::new(NodeKind::Person, "Anja")).unwrap();
        before
    };
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    let step = store.undo().unwrap().unwrap();
    assert_eq!(
        (step.action.as_str(), step.name.as_str()),
        ("add_node", "Anja")
    );
    assert!(!names(&store).contains(&"Anja".to_owned()));
    drop(store);

    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    assert_eq!(store.next_redo().unwrap().unwrap().name, "Anja");
    store.add_node(Node::new(NodeKind::Person, "Bram")).unwrap();
    assert_eq!(store.next_redo().unwrap(), None, "a new edit ends the redo");
    store.undo().unwrap();
    store.undo().unwrap();
    assert_eq!(names(&store), before);
    assert_eq!(store.undo().unwrap(), None, "imports are not undone");
    assert_eq!(names(&store), before);
}

#[test]
fn undoing_a_rename_keeps_the_place_the_layout_gave_since() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    let mut node = store.nodes().unwrap().remove(0);
    let old_name = node.name.clone();
    node.name = "Nieuw".into();
    store.update_node(node.clone()).unwrap();
    store
        .set_positions(&[(node.id.clone(), 55.0, 66.0, false)])
        .unwrap();
    store.undo().unwrap();
    let back = store.node(&node.id).unwrap().unwrap();
    assert_eq!(back.name, old_name);
    assert_eq!((back.x, back.y), (Some(55.0), Some(66.0)));
}

#[test]
fn undo_and_redo_are_in_the_audit_log() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    let node = store.add_node(Node::new(NodeKind::Person, "Els")).unwrap();
    store.undo().unwrap();
    store.redo().unwrap();
    let log = store.audit_log().unwrap();
    let actions: Vec<String> = log
        .iter()
        .rev()
        .take(3)
        .map(|e| e.action.to_string())
        .collect();
    assert_eq!(actions, ["redo:add_node", "undo:add_node", "add_node"]);
    let undo = &log[log.len() - 2];
    assert_eq!(undo.entity.as_deref(), Some(node.id.as_str()));
    assert!(undo.before.as_deref().unwrap_or("").contains("Els"));
    assert_eq!(undo.after, None);
}

#[test]
fn an_undo_that_cannot_be_done_changes_nothing_and_says_why() {
    let dir = Dir::new();
    let db = small_db(&dir);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    let nodes = store.nodes().unwrap();
    let (a, b) = (nodes[0].id.clone(), nodes[1].id.clone());
    let relation = store
        .add_relation(Relation::new(a.clone(), b.clone(), RelationKind::Friend))
        .unwrap();
    store.delete_relation(&relation.id).unwrap();
    // The end goes outside the history (as an import or another program could do it).
    let conn = rusqlite::Connection::open(&db).unwrap();
    drop(store);
    conn.execute("PRAGMA foreign_keys = ON", []).unwrap();
    conn.execute("DELETE FROM nodes WHERE id = ?1", [&b])
        .unwrap();
    drop(conn);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    let relations = store.relations().unwrap();
    let err = store.undo().unwrap_err();
    assert!(err.to_string().contains("no longer exists"), "{err}");
    assert_eq!(store.relations().unwrap(), relations);
    assert_eq!(
        store.next_undo().unwrap().unwrap().action,
        "delete_relation"
    );
}
