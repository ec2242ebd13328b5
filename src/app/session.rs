//! One open wijk: the store, the map's data drawn from it (`map_data.rs`), and the layout
//! that runs in the background. Every edit goes to the store at once in its own transaction and the map then
//! takes what the store wrote: a node's changed fields or places in place, anything that
//! changes the network's shape by reading the whole wijk back. So what the screen shows is
//! what the file holds. No egui here.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

pub use super::map_data::{MapData, next_version};
use crate::error::{Rule, StoreError};
use crate::layout::{ForceSettings, Start, Stepper};
use crate::model::{Node, NodeId, Relation};
use crate::store::history::{Place, Step};
use crate::store::{Key, OpenMode, Store};

/// Iterations a layout runs after an edit before it stops by itself.
const CONTINUE_ITERATIONS: usize = 400;
/// The most iterations of the first layout of a wijk without positions, after its
/// multilevel start (as `wijkweb layout --fresh`: the app and the exports draw the same).
const FRESH_ITERATIONS: usize = 3_000;
/// How long the first layout works before the map shows its picture so far (a large
/// wijk's shape is there by then; 5,000 nodes: about 60 iterations on two cores), going on
/// in the background.
const FIRST_PICTURE: std::time::Duration = std::time::Duration::from_millis(900);

/// What the first layout's thread sends: a picture to show while it goes on, and then
/// its final one (both packed).
enum FirstLayout {
    Meanwhile(Vec<[f64; 2]>),
    Done(Vec<[f64; 2]>),
}

/// The layout at work on the map, if any.
enum LayoutRun {
    Idle,
    /// A first layout of a wijk without positions, on a thread: a small wijk's comes
    /// whole; a large one shows a first picture after about a second, then its last.
    Fresh {
        done: Receiver<FirstLayout>,
        order: Vec<usize>,
        stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
        shown: bool,
    },
    /// Continuing from the positions on the map, shown as it goes.
    Running {
        stepper: Stepper,
        order: Vec<usize>,
        pinned: Vec<bool>,
    },
}

/// What the layout is doing, for the status line and the repaint decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayoutState {
    /// Nothing runs.
    Idle,
    /// The first drawing is being computed.
    Drawing,
    /// It runs and the map moves.
    Running,
    /// Paused by the user.
    Paused,
}

/// An open wijk.
pub struct Session {
    store: Store,
    read_only: bool,
    /// The map's data.
    pub data: MapData,
    /// The positions the store held at the last load, to tell the store's moves (undo,
    /// another program) from the layout's own.
    stored: HashMap<NodeId, (Option<f64>, Option<f64>, bool)>,
    layout: LayoutRun,
    /// What failed that nobody asked for (the settled layout's save, the backup on
    /// closing): logged when it happens, shown by the app when it takes them.
    problems: Vec<StoreError>,
}

impl Session {
    /// Opens the database at `path` for writing; when another wijkweb has it, opens it
    /// read-only instead. Returns the session and, for a read-only one, the reason.
    /// An encrypted file is opened with `key`.
    pub fn open(path: &Path, key: Option<&Key>) -> Result<(Self, Option<StoreError>), StoreError> {
        match Store::open_keyed(path, OpenMode::Existing, key) {
            Ok(store) => Ok((Self::from_store(store, false)?, None)),
            Err(in_use @ StoreError::InUse(_)) => {
                // Read-only, but exports and inzage (which only log) still work.
                let store = Store::open_keyed(path, OpenMode::Reader, key)?;
                Ok((Self::from_store(store, true)?, Some(in_use)))
            }
            Err(other) => Err(other),
        }
    }

    /// Creates a new, empty database at `path`, encrypted with `key` when one is given.
    pub fn create(path: &Path, key: Option<&Key>) -> Result<Self, StoreError> {
        if path.exists() {
            return Err(StoreError::Invalid(Rule::CreateExists(path.to_path_buf())));
        }
        Self::from_store(
            Store::open_keyed(path, OpenMode::CreateIfMissing, key)?,
            false,
        )
    }

    /// A session over an open store.
    pub fn from_store(store: Store, read_only: bool) -> Result<Self, StoreError> {
        let (nodes, relations) = store.load()?;
        let stored = nodes
            .iter()
            .map(|n| (n.id.clone(), (n.x, n.y, n.pinned)))
            .collect();
        let mut session = Self {
            store,
            read_only,
            data: MapData::new(nodes, relations),
            stored,
            layout: LayoutRun::Idle,
            problems: Vec::new(),
        };
        tracing::info!(
            nodes = session.data.nodes.len(),
            relations = session.data.relations.len(),
            encrypted = session.store.is_encrypted(),
            read_only,
            "wijk opened"
        );
        session.start_layout(false);
        Ok(session)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// Whether edits are refused: another window has the file, or the map shows a day of
    /// the past.
    pub fn is_read_only(&self) -> bool {
        self.read_only || self.data.as_of.is_some()
    }

    /// Shows the wijk as it was on `as_of` ("Kaart op datum", read-only; none: today),
    /// with relations not confirmed for `stale_months` drawn faded. The same nodes in the
    /// same places: only what held on that day, and the answers worked out on it, change.
    /// Returns whether anything drawn changed (another period alone re-marks which
    /// relations are faded, and keeps the data's version: nothing is worked out again).
    pub fn set_view(&mut self, as_of: Option<crate::model::Date>, stale_months: u32) -> bool {
        if self.data.as_of == as_of {
            if self.data.stale_months == stale_months {
                return false;
            }
            self.data.set_stale_months(stale_months);
            return true;
        }
        let mut data = MapData::on(
            self.data.nodes.clone(),
            self.data.relations.clone(),
            as_of,
            stale_months,
        );
        // The same nodes, sorted the same way: the places carry over one for one (their
        // own, not those a map of the past gave them).
        data.positions = self.data.own_positions();
        data.pinned.clone_from(&self.data.pinned);
        data.place_absent();
        self.data = data;
        true
    }

    /// The store, for reading (and for exports, which log themselves).
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// The store, for reading.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Reads the store back after a change. Positions the store changed (an undone move)
    /// are taken; positions only the layout changed stay; new nodes get a place from the
    /// layout, which is restarted when the network's shape changed.
    pub fn reload(&mut self) -> Result<(), StoreError> {
        let (nodes, relations) = self.store.load()?;
        // Each node's own place (not one a map of the past lends her).
        let own = self.data.own_positions();
        let old_positions: HashMap<&str, ([f32; 2], bool)> = self
            .data
            .nodes
            .iter()
            .zip(own.iter().zip(&self.data.pinned))
            .map(|(n, (p, pin))| (n.id.as_str(), (*p, *pin)))
            .collect();
        let shape_before: (Vec<&str>, Vec<(&str, &str, bool)>) = (
            self.data.nodes.iter().map(|n| n.id.as_str()).collect(),
            self.data
                .relations
                .iter()
                .zip(&self.data.current)
                .map(|(r, &c)| (r.source.as_str(), r.target.as_str(), c))
                .collect(),
        );
        let mut data = MapData::on(nodes, relations, self.data.as_of, self.data.stale_months);
        data.positions_version = next_version();
        let mut unplaced = false;
        let mut moved_by_store = false;
        for (i, node) in data.nodes.iter().enumerate() {
            let in_store = (node.x, node.y, node.pinned);
            let store_moved = self.stored.get(&node.id) != Some(&in_store);
            match old_positions.get(node.id.as_str()) {
                Some(&(p, pin)) if !store_moved => {
                    data.positions[i] = p;
                    data.pinned[i] = pin;
                }
                Some(_) => moved_by_store = true,
                _ if node.x.is_some() && node.y.is_some() => {}
                _ => unplaced = true,
            }
        }
        let shape_changed = unplaced || {
            let ids: Vec<&str> = data.nodes.iter().map(|n| n.id.as_str()).collect();
            let rels: Vec<(&str, &str, bool)> = data
                .relations
                .iter()
                .zip(&data.current)
                .map(|(r, &c)| (r.source.as_str(), r.target.as_str(), c))
                .collect();
            ids != shape_before.0 || rels != shape_before.1
        };
        self.stored = data
            .nodes
            .iter()
            .map(|n| (n.id.clone(), (n.x, n.y, n.pinned)))
            .collect();
        let mut unplaced_ids = Vec::new();
        for (i, node) in data.nodes.iter().enumerate() {
            if !old_positions.contains_key(node.id.as_str()) && node.x.is_none() {
                unplaced_ids.push(i);
            }
        }
        self.data = data;
        self.data.place_absent();
        if shape_changed {
            self.restart_layout(&unplaced_ids);
        } else if moved_by_store && matches!(self.layout, LayoutRun::Running { .. }) {
            // An undone move: a running layout still holds the old places and pins, and
            // would put them back (and store them) when it finishes.
            self.continue_layout(&[]);
        }
        Ok(())
    }

    /// Starts the layout: the first one whole on a thread when no node has a place (or
    /// `fresh` is asked), else continuing from the map's positions.
    fn start_layout(&mut self, fresh: bool) {
        let network = std::sync::Arc::clone(&self.data.network);
        let (order, graph, start) =
            crate::layout::start_for(&network, &self.data.nodes, fresh, crate::layout::SEED);
        let order: Vec<usize> = order
            .iter()
            .filter_map(|&i| self.data.index.get(&network.info(i)?.id).copied())
            .collect();
        if order.is_empty() {
            self.layout = LayoutRun::Idle;
            return;
        }
        match start {
            Start::Fresh { seed } => {
                let (send, done) = std::sync::mpsc::channel();
                let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
                let stopped = std::sync::Arc::clone(&stop);
                let spawned = std::thread::Builder::new()
                    .name("wijkweb-first-layout".into())
                    .spawn(move || {
                        let settings = ForceSettings::default();
                        let started = std::time::Instant::now();
                        let mut force = crate::layout::multilevel::start(&graph, settings, seed);
                        let radius = settings.node_radius;
                        let asked_to_stop = || stopped.load(std::sync::atomic::Ordering::Relaxed);
                        // On every core until the first picture is due...
                        let mut late = false;
                        crate::layout::multilevel::finish(
                            &mut force,
                            FRESH_ITERATIONS,
                            &mut |_| {
                                late = started.elapsed() > FIRST_PICTURE;
                                late || asked_to_stop()
                            },
                        );
                        if late && !asked_to_stop() {
                            let picture = force.positions().to_vec();
                            let packed = crate::layout::pack(&graph, picture, radius);
                            let _ignored = send.send(FirstLayout::Meanwhile(packed));
                            // ...then on one, leaving the other to the map she looks at.
                            let rest = FRESH_ITERATIONS.saturating_sub(force.iteration());
                            force.set_threads(1);
                            crate::layout::multilevel::finish(&mut force, rest, &mut |_| {
                                asked_to_stop()
                            });
                        }
                        let packed = crate::layout::pack(&graph, force.into_positions(), radius);
                        let _ignored = send.send(FirstLayout::Done(packed));
                    });
                self.layout = match spawned {
                    Ok(_) => LayoutRun::Fresh {
                        done,
                        order,
                        stop,
                        shown: false,
                    },
                    Err(_) => LayoutRun::Idle,
                };
            }
            // Every node has its place: the map shows it as it was left.
            Start::Continue { positions, .. } if positions.iter().all(Option::is_some) => {
                self.layout = LayoutRun::Idle;
            }
            Start::Continue { positions, .. } => {
                let unplaced: Vec<usize> = positions
                    .iter()
                    .zip(&order)
                    .filter(|(p, _)| p.is_none())
                    .map(|(_, &i)| i)
                    .collect();
                self.continue_layout(&unplaced);
            }
        }
    }

    /// Restarts the layout after an edit; `unplaced` nodes get a place near their
    /// neighbours.
    ///
    /// The picture she knows stays: every node with a place keeps it, and only new nodes
    /// move, to find theirs near their neighbours. A layout still refining (a large wijk's
    /// first) goes on from the new network.
    fn restart_layout(&mut self, unplaced: &[usize]) {
        match self.layout {
            LayoutRun::Fresh { .. } => {}
            LayoutRun::Running { .. } => self.continue_layout(unplaced),
            _ if unplaced.is_empty() => {}
            _ => self.place_new(unplaced),
        }
    }

    /// Lays the map out again from where everyone is, everyone free to move but the
    /// pinned: what she asks for when edits have left the picture untidy.
    pub fn tidy_layout(&mut self) {
        if !matches!(self.layout, LayoutRun::Fresh { .. }) {
            self.continue_layout(&[]);
        }
    }

    /// Lays out only `unplaced`: every other node is held where it is.
    fn place_new(&mut self, unplaced: &[usize]) {
        self.continue_layout_holding(unplaced, true);
    }

    fn continue_layout(&mut self, unplaced: &[usize]) {
        self.continue_layout_holding(unplaced, false);
    }

    /// Continues the layout from the map's places; `unplaced` nodes start near their
    /// neighbours; with `hold`, every other node stays put (pinned for this run only).
    fn continue_layout_holding(&mut self, unplaced: &[usize], hold: bool) {
        let paused =
            matches!(&self.layout, LayoutRun::Running { stepper, .. } if stepper.is_paused());
        self.layout = LayoutRun::Idle;
        let network = std::sync::Arc::clone(&self.data.network);
        let (order_ix, graph) = crate::layout::layout_graph(&network);
        let order: Vec<usize> = order_ix
            .iter()
            .filter_map(|&i| self.data.index.get(&network.info(i)?.id).copied())
            .collect();
        if order.is_empty() {
            return;
        }
        let positions = order
            .iter()
            .map(|&i| {
                (!unplaced.contains(&i)).then(|| {
                    let p = self.data.positions[i];
                    [f64::from(p[0]), f64::from(p[1])]
                })
            })
            .collect();
        let pinned: Vec<bool> = order.iter().map(|&i| self.data.pinned[i]).collect();
        let held: Vec<bool> = order
            .iter()
            .zip(&pinned)
            .map(|(i, &p)| p || (hold && !unplaced.contains(i)))
            .collect();
        let start = Start::Continue {
            positions,
            pinned: held,
            seed: crate::layout::SEED,
        };
        let mut force = crate::layout::prepare(&graph, &start, ForceSettings::default());
        force.start_gently();
        // Show the new nodes' first places at once.
        for (k, &i) in order.iter().enumerate() {
            if let Some(p) = force.positions().get(k) {
                self.data.positions[i] = [p[0] as f32, p[1] as f32];
            }
        }
        self.data.positions_version = next_version();
        // One core for the layout: the other keeps the map answering and drawing.
        if let Ok(stepper) = Stepper::start_on(force, CONTINUE_ITERATIONS, 2, Some(1)) {
            if paused {
                stepper.pause();
            }
            self.layout = LayoutRun::Running {
                stepper,
                order,
                pinned,
            };
        }
    }

    /// Takes what the layout has published; saves the positions when it finished.
    /// Returns what the layout is doing.
    pub fn tick(&mut self) -> LayoutState {
        match &mut self.layout {
            LayoutRun::Idle => LayoutState::Idle,
            LayoutRun::Fresh {
                done, order, shown, ..
            } => match done.try_recv() {
                Ok(FirstLayout::Meanwhile(positions)) => {
                    *shown = true;
                    let order = order.clone();
                    self.apply_positions(&order, &positions);
                    LayoutState::Running
                }
                Ok(FirstLayout::Done(positions)) => {
                    let order = std::mem::take(order);
                    self.apply_positions(&order, &positions);
                    self.layout = LayoutRun::Idle;
                    self.save_layout(&order, &vec![false; order.len()]);
                    LayoutState::Idle
                }
                Err(TryRecvError::Empty) if *shown => LayoutState::Running,
                Err(TryRecvError::Empty) => LayoutState::Drawing,
                Err(TryRecvError::Disconnected) => {
                    self.layout = LayoutRun::Idle;
                    LayoutState::Idle
                }
            },
            LayoutRun::Running { stepper, order, .. } => {
                let progress = stepper.progress();
                let paused = stepper.is_paused();
                if let Some(positions) = stepper.take_positions() {
                    let order = order.clone();
                    self.apply_positions(&order, &positions);
                }
                if progress.finished {
                    if let LayoutRun::Running { order, pinned, .. } =
                        std::mem::replace(&mut self.layout, LayoutRun::Idle)
                    {
                        self.save_layout(&order, &pinned);
                    }
                    LayoutState::Idle
                } else if paused {
                    LayoutState::Paused
                } else {
                    LayoutState::Running
                }
            }
        }
    }

    fn apply_positions(&mut self, order: &[usize], positions: &[[f64; 2]]) {
        for (&i, p) in order.iter().zip(positions) {
            if let Some(slot) = self.data.positions.get_mut(i) {
                *slot = [p[0] as f32, p[1] as f32];
            }
        }
        // Who left the wijk is not laid out: beside whom she knew.
        self.data.place_absent();
        self.data.positions_version = next_version();
    }

    /// Writes the settled layout to the store (not an undo step: nobody did it).
    fn save_layout(&mut self, order: &[usize], pinned: &[bool]) {
        if self.read_only {
            return;
        }
        // Each one's own place, not the one a map of the past lends her.
        let own = self.data.own_positions();
        let rows: Vec<(NodeId, f64, f64, bool)> = order
            .iter()
            .zip(pinned)
            .map(|(&i, &pin)| {
                let p = own[i];
                (
                    self.data.nodes[i].id.clone(),
                    f64::from(p[0]),
                    f64::from(p[1]),
                    pin || self.data.pinned[i],
                )
            })
            .collect();
        match self.store.set_positions(&rows) {
            Ok(()) => {
                for (id, x, y, pin) in rows {
                    self.stored.insert(id, (Some(x), Some(y), pin));
                }
            }
            Err(err) => {
                tracing::error!(
                    error = crate::diagnostics::error_kind(&err),
                    "layout not saved"
                );
                self.problems.push(err);
            }
        }
    }

    /// Pauses or resumes the running layout.
    pub fn toggle_layout_pause(&mut self) {
        if let LayoutRun::Running { stepper, .. } = &self.layout {
            if stepper.is_paused() {
                stepper.resume();
            } else {
                stepper.pause();
            }
        }
    }

    /// Stops the layout, saving where it got to.
    pub fn stop_layout(&mut self) {
        match std::mem::replace(&mut self.layout, LayoutRun::Idle) {
            LayoutRun::Running {
                stepper,
                order,
                pinned,
            } => {
                if let Some(force) = stepper.stop() {
                    self.apply_positions(&order, force.positions());
                }
                self.save_layout(&order, &pinned);
            }
            LayoutRun::Fresh {
                stop, order, shown, ..
            } => {
                // What it showed so far is kept (a first picture, packed).
                stop.store(true, std::sync::atomic::Ordering::Relaxed);
                if shown {
                    self.save_layout(&order, &vec![false; order.len()]);
                }
            }
            LayoutRun::Idle => {}
        }
    }

    fn writable(&self) -> Result<(), StoreError> {
        if self.is_read_only() {
            Err(StoreError::ReadOnly(self.store.path().to_path_buf()))
        } else {
            Ok(())
        }
    }

    /// Adds a node at `at` (world units) and returns its id.
    pub fn add_node(&mut self, mut node: Node, at: [f32; 2]) -> Result<String, StoreError> {
        self.writable()?;
        node.x = Some(f64::from(at[0]));
        node.y = Some(f64::from(at[1]));
        let node = self.store.add_node(node)?;
        self.reload()?;
        Ok(node.id.to_string())
    }

    /// Stores a node's changed fields (its place stays as the map has it); the store records
    /// who changed a consent.
    pub fn update_node(&mut self, node: Node) -> Result<(), StoreError> {
        self.writable()?;
        let contact_before = self.data.node(&node.id).and_then(|n| n.last_contact);
        let stored = self.store.update_node(node)?;
        // A newer contact confirmed her relations in the store: the map takes them too (the
        // edit is written: when they cannot be read alone, the whole wijk is read back).
        let confirmed = if stored.last_contact > contact_before {
            match self.store.relations_of(&stored.id) {
                Ok(relations) => relations,
                Err(_) => return self.reload(),
            }
        } else {
            Vec::new()
        };
        // Only its fields changed: the map takes the node as the store wrote it, in place
        // (a whole reload takes a quarter of a second at 20,000 nodes).
        let place = (stored.x, stored.y, stored.pinned);
        if self.stored.get(&stored.id) == Some(&place)
            && self.data.patch_node(stored)
            && confirmed
                .into_iter()
                .all(|relation| self.data.patch_relation(relation))
        {
            return Ok(());
        }
        self.reload()
    }

    /// Erases a person for good ("vergeten"): her data, relations, log content, backups.
    pub fn forget(&mut self, id: &str) -> Result<crate::store::privacy::ForgetReport, StoreError> {
        self.writable()?;
        self.stop_layout();
        let report = self.store.forget(id)?;
        self.reload()?;
        Ok(report)
    }

    /// Deletes a node and its relations.
    pub fn delete_node(&mut self, id: &str) -> Result<(), StoreError> {
        self.writable()?;
        self.store.delete_node(id)?;
        self.reload()
    }

    /// Adds a relation.
    pub fn add_relation(&mut self, relation: Relation) -> Result<(), StoreError> {
        self.writable()?;
        self.store.add_relation(relation)?;
        self.reload()
    }

    /// Stores a relation's changed fields.
    pub fn update_relation(&mut self, relation: Relation) -> Result<(), StoreError> {
        self.writable()?;
        let stored = self.store.update_relation(relation)?;
        if self.data.patch_relation(stored) {
            return Ok(());
        }
        self.reload()
    }

    /// Deletes a relation.
    pub fn delete_relation(&mut self, id: &str) -> Result<(), StoreError> {
        self.writable()?;
        self.store.delete_relation(id)?;
        self.reload()
    }

    /// Moves node `i` on the map while it is dragged (not stored yet).
    pub fn drag_node(&mut self, i: usize, to: [f32; 2]) {
        if let Some(p) = self.data.positions.get_mut(i) {
            *p = to;
            self.data.pinned[i] = true;
            self.data.positions_version = next_version();
        }
    }

    /// The makelaar's own places in resident `ego`'s circle under `scheme` (none when the
    /// file cannot be read: the proposals hold).
    pub fn circle_places(
        &self,
        ego: &str,
        scheme: crate::model::Scheme,
    ) -> std::collections::HashMap<crate::model::NodeId, crate::model::Place> {
        self.store.circle_places(ego, scheme).unwrap_or_default()
    }

    /// Puts each contact of `moves` on its place (or back on the proposed one) in `ego`'s
    /// circle: one transaction, one undoable step.
    pub fn place_in_circle(
        &mut self,
        ego: &str,
        scheme: crate::model::Scheme,
        moves: &[(crate::model::NodeId, Option<crate::model::Place>)],
    ) -> Result<(), StoreError> {
        self.writable()?;
        self.store.place_many_in_circle(ego, scheme, moves)
    }

    /// Stores where dragged nodes ended (pinned), as one undoable step.
    pub fn finish_drag(&mut self, nodes: &[usize]) -> Result<(), StoreError> {
        self.writable()?;
        let places: Vec<Place> = nodes
            .iter()
            .filter_map(|&i| {
                let p = self.data.positions.get(i)?;
                Some(Place {
                    id: self.data.nodes[i].id.clone(),
                    x: Some(f64::from(p[0])),
                    y: Some(f64::from(p[1])),
                    pinned: true,
                })
            })
            .collect();
        self.store.move_nodes(&places)?;
        // Only places changed, and the map shows them already: the nodes take them in place.
        for p in &places {
            self.stored.insert(p.id.clone(), (p.x, p.y, p.pinned));
            if let Some(&i) = self.data.index.get(&p.id) {
                let node = &mut self.data.nodes[i];
                (node.x, node.y, node.pinned) = (p.x, p.y, p.pinned);
                self.data.pinned[i] = p.pinned;
            }
        }
        self.data.positions_version = next_version();
        self.continue_layout(&[]);
        Ok(())
    }

    /// Takes back the last edit.
    pub fn undo(&mut self) -> Result<Option<Step>, StoreError> {
        self.writable()?;
        let step = self.store.undo()?;
        self.reload()?;
        Ok(step)
    }

    /// Does the last undone edit again.
    pub fn redo(&mut self) -> Result<Option<Step>, StoreError> {
        self.writable()?;
        let step = self.store.redo()?;
        self.reload()?;
        Ok(step)
    }

    /// Imports files in one transaction; returns the store's report.
    pub fn import(
        &mut self,
        paths: &[PathBuf],
    ) -> Result<crate::store::ImportReport, ImportFailure> {
        self.import_with(paths, &Default::default())
    }

    /// Imports files in one transaction, graph files read with `options`.
    pub fn import_with(
        &mut self,
        paths: &[PathBuf],
        options: &crate::records::ImportOptions,
    ) -> Result<crate::store::ImportReport, ImportFailure> {
        self.writable()?;
        let batch = crate::exchange::read_inputs_with(paths, options)?;
        let report = self.store.import(batch)?;
        self.reload()?;
        Ok(report)
    }

    /// Makes a verified backup; returns its path.
    pub fn backup(&self) -> Result<PathBuf, StoreError> {
        self.store.backup()
    }

    /// On closing: the layout's last positions saved, and a backup when one is due. What
    /// failed is logged and kept for [`Session::take_problems`].
    pub fn close(&mut self) {
        self.stop_layout();
        if !self.read_only
            && let Err(err) = self.store.backup_if_due()
        {
            tracing::error!(
                error = crate::diagnostics::error_kind(&err),
                "backup on closing failed"
            );
            self.problems.push(err);
        }
    }

    /// What failed that nobody asked for, since the last call: the app shows it.
    pub fn take_problems(&mut self) -> Vec<StoreError> {
        std::mem::take(&mut self.problems)
    }

    /// Closes the session (see [`Session::close`]) and hands over its store, for what
    /// needs the store alone, such as encrypting the wijk.
    pub fn into_store(mut self) -> Store {
        self.close();
        self.store
    }
}

/// Why an import failed: the input (file, line, field) or the database.
#[derive(Debug, thiserror::Error)]
pub enum ImportFailure {
    /// The files.
    #[error(transparent)]
    Input(#[from] crate::error::InputError),
    /// The database.
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ConsentStatus, NodeKind};

    /// The derived facts of `data` equal those of a map built afresh from `store`.
    fn same_as_fresh(data: &MapData, store: &Store) {
        let (nodes, relations) = store.load().unwrap();
        let fresh = MapData::new(nodes, relations);
        assert_eq!(data.nodes, fresh.nodes);
        assert_eq!(data.relations, fresh.relations);
        assert_eq!(data.index, fresh.index);
        assert_eq!(data.ends, fresh.ends);
        assert_eq!(data.current, fresh.current);
        assert_eq!(data.degree, fresh.degree);
        assert_eq!(data.group, fresh.group);
        assert_eq!(data.group_sizes, fresh.group_sizes);
        assert_eq!(data.themes, fresh.themes);
        assert_eq!(data.offered, fresh.offered);
        assert_eq!(data.wijken, fresh.wijken);
        let (ours, theirs) = (&data.network, &fresh.network);
        assert_eq!(ours.node_count(), theirs.node_count());
        assert_eq!(ours.relation_count(), theirs.relation_count());
        for relation in &fresh.relations {
            let edge = |n: &crate::graph::Network| {
                let (a, b) = (n.index(&relation.source)?, n.index(&relation.target)?);
                let e = n.graph().find_edge(a, b)?;
                n.edge(e).map(|e| (e.id.clone(), e.kind, e.strength))
            };
            assert_eq!(edge(ours), edge(theirs), "{}", relation.id);
        }
        for node in &fresh.nodes {
            let info = |n: &crate::graph::Network| n.info(n.index(&node.id).unwrap()).cloned();
            assert_eq!(info(ours), info(theirs), "{}", node.id);
        }
    }

    /// A session over a new wijk at `db` holding `nodes` and `relations`, imported as a
    /// snapshot file would be.
    fn session_of(db: &Path, nodes: &[Node], relations: &[Relation]) -> Session {
        let mut snapshot = Vec::new();
        crate::exchange::json::write_snapshot(&mut snapshot, nodes, relations).unwrap();
        let mut batch = crate::records::ImportBatch::default();
        crate::exchange::json::read("w.json", &snapshot, &mut batch).unwrap();
        let mut store = Store::open(db, OpenMode::CreateIfMissing).unwrap();
        store.import(batch).unwrap();
        Session::from_store(store, false).unwrap()
    }

    #[test]
    fn field_edits_and_drags_are_patched_in_place_exactly_as_a_fresh_load_shows_them() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("w.sqlite");
        let (nodes, relations) = crate::demo::barabasi_albert(2_000, 3, 5);
        let mut session = session_of(&db, &nodes, &relations);
        session.stop_layout();
        let i = 1_234;
        let id = session.data.nodes[i].id.clone();
        let place = session.data.positions[i];
        let analysed = std::sync::Arc::clone(&session.data.network);

        let edits: [fn(&mut Node); 6] = [
            |n| n.name = "Fatima el Amrani".into(),
            |n| n.role = Some("buurtmoeder".into()),
            |n| n.tags.push("moestuin-nieuw".into()),
            |n| n.offers = vec!["fietsles".into()],
            |n| n.wijk = Some("Nieuwe Wijk".into()),
            |n| {
                n.kind = NodeKind::Person;
                n.needs = vec!["taal".into()];
                n.consent.get_or_insert_default().status = ConsentStatus::Written;
            },
        ];
        for edit in edits {
            let version = session.data.version;
            let mut node = session.data.nodes[i].clone();
            edit(&mut node);
            session.update_node(node).unwrap();
            assert!(session.data.version > version);
            assert_eq!(
                session.data.positions[i], place,
                "the node stays where it is"
            );
            same_as_fresh(&session.data, session.store());
        }
        assert!(session.data.themes.iter().any(|t| t == "moestuin-nieuw"));
        assert!(session.data.offered.iter().any(|t| t == "fietsles"));
        assert!(session.data.wijken.iter().any(|w| w == "Nieuwe Wijk"));
        // An analysis still holding the old network keeps it unchanged.
        let old = analysed.info(analysed.index(&id).unwrap()).unwrap();
        assert_ne!(old.name, "Fatima el Amrani");

        // A change of place is the store's move: a whole reload takes it.
        let mut node = session.data.nodes[i].clone();
        node.x = Some(-5_000.0);
        node.y = Some(7_000.0);
        session.update_node(node).unwrap();
        assert_eq!(session.data.positions[i], [-5_000.0, 7_000.0]);
        same_as_fresh(&session.data, session.store());

        // A relation's kind and notes are taken in place; its strength or end date change
        // the network, and are read back whole. Each way the map is as a fresh load.
        let current = session.data.current.iter().position(|&c| c).unwrap();
        let edits: [fn(&mut Relation); 4] = [
            |r| r.notes = Some("kent haar van de moestuin".into()),
            |r| r.kind = crate::model::RelationKind::Buddy,
            |r| r.strength = crate::model::Strength::STRONG,
            |r| r.until = Some(crate::model::parse_date("2001-01-01").unwrap()),
        ];
        for edit in edits {
            let version = session.data.version;
            let mut relation = session.data.relations[current].clone();
            edit(&mut relation);
            session.update_relation(relation).unwrap();
            assert!(session.data.version > version);
            same_as_fresh(&session.data, session.store());
        }
        assert!(!session.data.current[current], "ended in 2001");

        // A drag ends: the nodes hold their new, pinned places, as the store does.
        let (j, k) = (17, 1_500);
        session.drag_node(j, [123.5, -45.25]);
        session.drag_node(k, [0.5, 9.0]);
        let version = session.data.version;
        session.finish_drag(&[j, k]).unwrap();
        assert_eq!(session.data.version, version, "the network is as it was");
        same_as_fresh(&session.data, session.store());
        let node = &session.data.nodes[j];
        assert_eq!(
            (node.x, node.y, node.pinned),
            (Some(123.5), Some(-45.25), true)
        );
        assert!(session.data.pinned[k]);
        session.stop_layout();
        assert_eq!(
            session.data.positions[j],
            [123.5, -45.25],
            "pinned nodes stay"
        );
    }

    #[test]
    fn a_map_of_the_past_lends_places_and_gives_each_her_own_back_and_writes_none() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("w.sqlite");
        let day = |d: &str| -> crate::model::Date { d.parse().unwrap() };
        let (mut nodes, mut relations) = crate::demo::barabasi_albert(300, 2, 9);
        // Every tie of node 7 ended in 2024: today the layout rows her up apart; one who
        // left in 2024 has no place at all.
        for r in relations.iter_mut() {
            if r.source == nodes[7].id || r.target == nodes[7].id {
                r.until = Some(day("2024-01-01"));
            }
        }
        nodes[9].until = Some(day("2024-01-01"));
        let mut session = session_of(&db, &nodes, &relations);
        // The first layout, then no more movement.
        while session.tick() != LayoutState::Idle {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        session.stop_layout();
        let at = |s: &Session, k: usize| s.data.positions[s.data.index[&nodes[k].id]];
        let today = session.data.positions.clone();
        let stored: Vec<_> = session.store().nodes().unwrap();
        session.set_view(Some(day("2023-06-01")), 12);
        let seven = session.data.index[&nodes[7].id];
        assert!(session.data.held_aside.iter().any(|&(i, _)| i == seven));
        assert_ne!(at(&session, 7), today[seven], "beside whom she knew then");
        let nine = session.data.index[&nodes[9].id];
        assert_ne!(at(&session, 9), [0.0, 0.0], "who left has a place");
        assert!(session.is_read_only());
        session.set_view(None, 12);
        assert!(session.data.held_aside.is_empty());
        for (i, (a, b)) in session.data.positions.iter().zip(&today).enumerate() {
            if i != nine {
                assert_eq!(a, b, "{} has her own place back", session.data.nodes[i].id);
            }
        }
        assert_eq!(
            session.store().nodes().unwrap(),
            stored,
            "nothing was written"
        );
    }
}
