//! The map: the network drawn with egui's painter, with pan and zoom, selection, dragging
//! and drawing relations.
//!
//! Drawing cost is kept down as DESIGN §6 asks: nodes and relations are batched into one
//! mesh (`mesh.rs`), built in world units only when the network, the positions, the filters or the
//! zoom bucket change, and only for the region around the view (culling); each frame
//! moves the cached vertices to the screen. Below a zoom threshold nodes are plain quads
//! without outlines or labels (level of detail). Labels are placed most important first
//! and only where they do not overlap one already placed. An R-tree answers which node is
//! under the pointer.

use std::collections::BTreeSet;
use std::sync::Arc;

use egui::emath::TSTransform;
use egui::epaint::Mesh;
use egui::{
    Color32, CursorIcon, FontId, Key, Modifiers, Pos2, Rect, Response, Sense, Shape, Stroke,
    StrokeKind, Ui, Vec2, pos2, vec2,
};
use rstar::RTree;
use rstar::primitives::GeomWithData;

pub use super::filters::Visibility;
use super::mesh::build_mesh;
pub use super::mesh::{drawn_radius, node_colour, scaled_radius};
use super::session::MapData;
use super::theme;
use crate::exchange::picture::ColourBy;

/// Why a node is marked on the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mark {
    /// It is cut off when the chosen 'Best Person' stops.
    CutOff,
    /// It asks for the chosen theme.
    Asks,
    /// It offers the chosen theme.
    Offers,
    /// She is to be followed up (her day has come, or comes this week).
    FollowUp,
}

impl Mark {
    /// The colour it is marked with.
    pub fn colour(self) -> Color32 {
        match self {
            Mark::CutOff => theme::MARKED,
            Mark::Asks => theme::MARK_ASKS,
            Mark::Offers => theme::MARK_OFFERS,
            Mark::FollowUp => theme::MARK_FOLLOW_UP,
        }
    }
}

/// How a relation changed between two days, as the map draws it (the casus pack's page 3
/// in the same colours): new green, ended grey and dashed, changed orange.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChangeMark {
    /// Began.
    Added,
    /// Ended.
    Ended,
    /// Its kind, strength, quality or support changed.
    Changed,
}

impl ChangeMark {
    /// Every mark, in the legend's order (that of the words' `change_marks`).
    pub const ALL: [ChangeMark; 3] = [ChangeMark::Added, ChangeMark::Ended, ChangeMark::Changed];

    /// The colour it is drawn in.
    pub fn colour(self) -> Color32 {
        theme::CHANGES[self as usize]
    }
}

/// A relation that changed, drawn over the map: its ends (indexes into the map's data).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChangeLine {
    /// One end.
    pub from: usize,
    /// The other end.
    pub to: usize,
    /// How it changed.
    pub mark: ChangeMark,
}

/// What the map shows on top of the network: paths, marked nodes, the ego view's rings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overlay {
    /// Paths (node indexes), each in its own colour; the rest of the map is dimmed.
    pub paths: Vec<Vec<usize>>,
    /// Nodes to mark; the rest of the map is dimmed when any is marked.
    pub marked: Vec<usize>,
    /// What each marked node is (in the order of `marked`): its colour, and the legend's
    /// line for it.
    pub marks: Vec<Mark>,
    /// Circles around the origin (the ego view's rings), in world units.
    pub rings: Vec<f32>,
    /// The netwerkcirkel's four sector names, clockwise from the top left (empty: none).
    pub sectors: Vec<String>,
    /// The rings' names, innermost first, written in each ring's band up the vertical axis
    /// (empty: none).
    pub ring_names: Vec<String>,
    /// Relations that changed between two days ("Wat is veranderd", on the map); the
    /// rest of the map is dimmed when any is drawn.
    pub changes: Vec<ChangeLine>,
    /// The netwerkcirkel's lines in ecogram style; when set, they are the relations drawn
    /// (the map's own lines are not), and the selection is marked in blue, not red.
    pub ecogram: Option<Vec<super::ecogram::EcogramLine>>,
}

/// What happened on the map this frame, for the app to act on.
#[derive(Clone, Debug, PartialEq)]
pub enum CanvasEvent {
    /// These nodes were picked; `add` keeps the earlier selection.
    Select {
        /// The nodes.
        nodes: Vec<usize>,
        /// Shift was held.
        add: bool,
    },
    /// A click on the background.
    ClearSelection,
    /// These nodes were dragged and dropped.
    Moved(Vec<usize>),
    /// Shift-drag from the first node to the second: a relation is wanted.
    Link(usize, usize),
    /// Double-click on a node: its network circle.
    Ego(usize),
    /// Context menu: a path from this node.
    WayFrom(usize),
    /// Context menu: a path to this node.
    WayTo(usize),
}

/// Everything one frame of the map draws.
#[derive(Clone, Copy)]
pub struct MapView<'a> {
    /// The network.
    pub data: &'a MapData,
    /// What the filters let through.
    pub visible: &'a Visibility,
    /// Selected nodes.
    pub selection: &'a BTreeSet<usize>,
    /// What colours mean.
    pub colour_by: ColourBy,
    /// Paths, marked nodes, rings.
    pub overlay: &'a Overlay,
}

type Indexed = GeomWithData<[f32; 2], usize>;

/// What a drag is doing.
#[derive(Clone, Debug)]
enum Drag {
    Pan,
    Nodes { nodes: Vec<usize>, moved: bool },
    Link { from: usize },
    Band { start: Pos2 },
}

/// The cache key of the meshes: rebuilt when any part changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct MeshKey {
    version: u64,
    positions: u64,
    visibility: u64,
    colour_by: ColourBy,
    zoom_bucket: i32,
    relations: bool,
}

struct MeshCache {
    key: MeshKey,
    /// The world region the meshes cover.
    region: Rect,
    world: Arc<Mesh>,
    screen: Option<(TSTransform, Arc<Mesh>)>,
}

/// The map's own state: view transform, drag, caches.
pub struct Canvas {
    /// World to screen.
    pub to_screen: TSTransform,
    fit_pending: bool,
    /// What "fit" shows instead of the nodes' bounds (the ego view's outer ring).
    fit_target: Option<Rect>,
    drag: Option<Drag>,
    cache: Option<MeshCache>,
    tree: RTree<Indexed>,
    tree_key: (u64, u64),
    importance: Vec<usize>,
    importance_version: u64,
    /// The node under the pointer.
    pub hovered: Option<usize>,
    /// The node the context menu is for.
    context_node: Option<usize>,
    rect: Rect,
    /// A large wijk's relations as one picture.
    relation_layer: super::raster::RelationLayer,
    /// Whether she moved or zoomed the view since it was last fitted.
    moved_by_hand: bool,
    /// Whether the layout has come to rest once (and the view was fitted to it).
    rested: bool,
    /// Where the last frame put its labels (screen points).
    labels: std::cell::RefCell<Vec<Rect>>,
    /// How many relations of the selection the last frame drew out.
    highlighted: std::cell::Cell<usize>,
    /// A drag that starts on a node always moves it, however small it is drawn (the
    /// network circle, where a drag places a contact).
    pub always_drag_nodes: bool,
}

impl Default for Canvas {
    fn default() -> Self {
        Self {
            to_screen: TSTransform::IDENTITY,
            fit_pending: true,
            fit_target: None,
            drag: None,
            cache: None,
            tree: RTree::new(),
            tree_key: (u64::MAX, u64::MAX),
            importance: Vec::new(),
            importance_version: u64::MAX,
            hovered: None,
            context_node: None,
            rect: Rect::NOTHING,
            relation_layer: super::raster::RelationLayer::default(),
            moved_by_hand: false,
            rested: false,
            labels: std::cell::RefCell::new(Vec::new()),
            highlighted: std::cell::Cell::new(0),
            always_drag_nodes: false,
        }
    }
}

impl Canvas {
    /// A view where a drag that starts on a node always moves it (the network circle).
    pub fn dragging_nodes_always() -> Self {
        Self {
            always_drag_nodes: true,
            ..Self::default()
        }
    }
}

/// The zoom bucket of a scale: meshes are rebuilt when it changes (about every 19%).
fn zoom_bucket(scaling: f32) -> i32 {
    (scaling.max(1e-6).log2() * 4.0).round() as i32
}

fn bucket_zoom(bucket: i32) -> f32 {
    2f32.powf(bucket as f32 / 4.0)
}

impl Canvas {
    /// Asks for "fit all" on the next frame.
    pub fn request_fit(&mut self) {
        self.fit_pending = true;
    }

    /// Makes "fit all" show `world` (e.g. the ego view's outer ring) rather than the
    /// nodes' bounds.
    pub fn fit_to(&mut self, world: Rect) {
        self.fit_target = Some(world);
        self.fit_pending = true;
    }

    /// Whether a fit is still to come (the map has not been shown yet).
    pub fn fit_pending(&self) -> bool {
        self.fit_pending
    }

    /// Where the last frame put the nodes' names (screen points): never on each other.
    pub fn label_rects(&self) -> Vec<Rect> {
        self.labels.borrow().clone()
    }

    /// How many relations of the selected node(s) the last frame drew out over the others.
    pub fn highlighted_relations(&self) -> usize {
        self.highlighted.get()
    }

    /// Whether the relations are drawn as one picture (a large wijk) rather than as lines.
    pub fn relations_as_picture(&self) -> bool {
        self.cache.as_ref().is_some_and(|c| !c.key.relations)
    }

    /// The scale of the view: screen points per world unit.
    pub fn zoom(&self) -> f32 {
        self.to_screen.scaling
    }

    /// Fits the view again when the layout has moved the picture: its first drawing, and
    /// the first time it comes to rest (`now_idle`). Not when she has moved or zoomed the
    /// view herself, and never after an edit sets the layout going again: the picture she
    /// knows stays where it is.
    pub fn refit_after_layout(&mut self, now_idle: bool) {
        if self.moved_by_hand || self.rested {
            return;
        }
        self.fit_pending = true;
        self.rested = now_idle;
    }

    /// Fits every visible node into `rect`.
    pub fn fit(&mut self, data: &MapData, rect: Rect) {
        self.moved_by_hand = false;
        let bounds = match self.fit_target {
            Some(target) => Some(([target.min.x, target.min.y], [target.max.x, target.max.y])),
            None => data.bounds(),
        };
        let Some((min, max)) = bounds else {
            self.to_screen = TSTransform::from_translation(rect.center().to_vec2());
            return;
        };
        // Room at the edges in screen points (a shape, and a name beside or under it):
        // in world units it would be a different room on every wijk.
        let (side, top, bottom) = if self.fit_target.is_some() {
            (0.0, 0.0, 0.0)
        } else {
            (70.0, 24.0, 40.0)
        };
        let size = vec2(
            (max[0] - min[0]).max(theme::NODE_RADIUS),
            (max[1] - min[1]).max(theme::NODE_RADIUS),
        );
        let scaling = ((rect.width() - 2.0 * side).max(50.0) / size.x)
            .min((rect.height() - top - bottom).max(50.0) / size.y)
            .clamp(1e-4, 8.0);
        let centre = vec2(
            (min[0] + max[0]) / 2.0,
            (min[1] + max[1]) / 2.0 + (bottom - top) / 2.0 / scaling,
        );
        self.to_screen = TSTransform::new(rect.center().to_vec2() - centre * scaling, scaling);
    }

    /// Moves and zooms the view so that `nodes` (an answer: a route, a theme's people, whom
    /// a Best Person cuts off) fill it, with room for their names.
    pub fn show_nodes(&mut self, data: &MapData, nodes: &[usize]) {
        let points: Vec<[f32; 2]> = nodes
            .iter()
            .filter_map(|&i| data.positions.get(i).copied())
            .collect();
        let Some(first) = points.first() else {
            return;
        };
        let (mut min, mut max) = (*first, *first);
        for p in &points {
            min = [min[0].min(p[0]), min[1].min(p[1])];
            max = [max[0].max(p[0]), max[1].max(p[1])];
        }
        let rect = if self.rect.is_positive() {
            self.rect
        } else {
            Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0))
        };
        // Room around them: their shapes, and a label's width on the screen.
        let margin = 8.0 * theme::NODE_RADIUS;
        let size = vec2(
            max[0] - min[0] + 2.0 * margin,
            max[1] - min[1] + 2.0 * margin,
        );
        let scaling = ((rect.width() - 160.0).max(100.0) / size.x)
            .min((rect.height() - 80.0).max(100.0) / size.y)
            .clamp(1e-4, 2.0);
        let centre = vec2((min[0] + max[0]) / 2.0, (min[1] + max[1]) / 2.0);
        self.to_screen = TSTransform::new(rect.center().to_vec2() - centre * scaling, scaling);
        self.fit_pending = false;
        // An answer she asked for: the layout coming to rest does not take it away.
        self.moved_by_hand = true;
    }

    /// Centres the view on node `i`, zooming in when the view is far out.
    pub fn centre_on(&mut self, data: &MapData, i: usize) {
        let Some(p) = data.positions.get(i) else {
            return;
        };
        let scaling = self.to_screen.scaling.max(0.5);
        let rect = if self.rect.is_positive() {
            self.rect
        } else {
            Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0))
        };
        self.to_screen = TSTransform::new(
            rect.center().to_vec2() - vec2(p[0], p[1]) * scaling,
            scaling,
        );
        self.moved_by_hand = true;
    }

    /// The world point in the middle of the view (where new nodes go).
    pub fn view_centre(&self) -> [f32; 2] {
        let c = self.to_screen.inverse() * self.rect.center();
        if c.is_finite() {
            [c.x, c.y]
        } else {
            [0.0, 0.0]
        }
    }

    /// Zooms by `factor` around the middle of the view (+ and -).
    pub fn zoom_middle(&mut self, factor: f32) {
        if self.rect.is_positive() {
            self.zoom_at(self.rect.center(), factor);
        }
    }

    fn zoom_at(&mut self, at: Pos2, factor: f32) {
        self.moved_by_hand = true;
        let world = self.to_screen.inverse() * at;
        let scaling = (self.to_screen.scaling * factor).clamp(1e-4, 40.0);
        self.to_screen = TSTransform::new(at.to_vec2() - world.to_vec2() * scaling, scaling);
    }

    /// The R-tree of positions, rebuilt only when the pointer needs it after a move (not
    /// on every frame of a running layout).
    pub(super) fn refresh_tree(&mut self, data: &MapData) {
        let key = (data.version, data.positions_version);
        if self.tree_key != key {
            let points: Vec<Indexed> = data
                .positions
                .iter()
                .enumerate()
                .map(|(i, p)| Indexed::new(*p, i))
                .collect();
            self.tree = RTree::bulk_load(points);
            self.tree_key = key;
        }
    }

    /// Nodes by number of relations, most first: the order labels are placed in.
    fn refresh_importance(&mut self, data: &MapData) {
        if self.importance_version != data.version {
            let mut order: Vec<usize> = (0..data.nodes.len()).collect();
            order.sort_by(|&a, &b| data.degree[b].cmp(&data.degree[a]).then(a.cmp(&b)));
            self.importance = order;
            self.importance_version = data.version;
        }
    }

    /// The visible node under screen point `at`, if any.
    pub fn node_at(&self, data: &MapData, visible: &Visibility, at: Pos2) -> Option<usize> {
        let world = self.to_screen.inverse() * at;
        let slop = theme::HIT_SLOP / self.to_screen.scaling;
        let max_r = theme::NODE_RADIUS.max(theme::MIN_NODE_PIXELS / self.to_screen.scaling) + slop;
        let mut best: Option<(usize, f32)> = None;
        let envelope = rstar::AABB::from_corners(
            [world.x - max_r, world.y - max_r],
            [world.x + max_r, world.y + max_r],
        );
        for item in self.tree.locate_in_envelope(&envelope) {
            let i = item.data;
            if !visible.nodes.get(i).copied().unwrap_or(false) {
                continue;
            }
            let p = item.geom();
            let d = ((p[0] - world.x).powi(2) + (p[1] - world.y).powi(2)).sqrt();
            if d <= drawn_radius(data, visible, i, self.to_screen.scaling) + slop
                && best.is_none_or(|(_, bd)| d < bd)
            {
                best = Some((i, d));
            }
        }
        best.map(|(i, _)| i)
    }

    /// Shows the map in the space left in `ui` and returns what the user did.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        view: &MapView<'_>,
        texts: &super::i18n::Texts,
    ) -> Vec<CanvasEvent> {
        let MapView {
            data,
            visible,
            selection,
            ..
        } = *view;
        let accessible_name = texts.map;
        let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, accessible_name));
        self.rect = rect;
        if response.hover_pos().is_some() || self.drag.is_some() || response.drag_stopped() {
            self.refresh_tree(data);
        }
        if self.fit_pending && rect.is_positive() && !data.nodes.is_empty() {
            self.fit(data, rect);
            self.fit_pending = false;
        }
        let mut events = Vec::new();
        self.handle_view_input(ui, &response);
        self.handle_pointer(ui, &response, data, visible, selection, &mut events);
        if response.double_clicked()
            && let Some(i) = response
                .interact_pointer_pos()
                .and_then(|p| self.node_at(data, visible, p))
        {
            events.push(CanvasEvent::Ego(i));
        }
        if response.secondary_clicked() {
            self.context_node = response
                .interact_pointer_pos()
                .and_then(|p| self.node_at(data, visible, p));
        }
        if let Some(i) = self.context_node {
            response.context_menu(|ui| {
                if ui.button(texts.way_from_here).clicked() {
                    events.push(CanvasEvent::WayFrom(i));
                    ui.close();
                }
                if ui.button(texts.way_to_here).clicked() {
                    events.push(CanvasEvent::WayTo(i));
                    ui.close();
                }
            });
        }
        self.paint(ui.painter(), rect, view);
        if let (Some(i), None) = (self.hovered, &self.drag) {
            let node = &data.nodes[i];
            let _tip = response.on_hover_ui_at_pointer(|ui| {
                // Wide enough for a name: a narrow tip wraps it word by word.
                ui.set_min_width(160.0);
                ui.strong(&node.name);
                if let Some(role) = &node.role {
                    ui.label(role);
                }
                ui.label(texts.node_kind(node.kind));
                ui.label(super::i18n::count(
                    texts.relations_count,
                    data.degree[i] as usize,
                ));
            });
        }
        events
    }

    /// Keys and wheel: arrows pan (while the pointer is over the map and no field has the
    /// keyboard; +, - and Home are commands, see `commands.rs`); the wheel zooms around the
    /// pointer, a touchpad's two fingers pan and its pinch zooms.
    fn handle_view_input(&mut self, ui: &Ui, response: &Response) {
        let pointer = response.hover_pos();
        let keyboard_free = !ui.ctx().egui_wants_keyboard_input() && response.hovered();
        let (zoom_delta, events, keys) = ui.input(|i| {
            let keys = keyboard_free.then(|| {
                (
                    i.key_down(Key::ArrowLeft),
                    i.key_down(Key::ArrowRight),
                    i.key_down(Key::ArrowUp),
                    i.key_down(Key::ArrowDown),
                )
            });
            (i.zoom_delta(), i.events.clone(), keys)
        });
        if let Some((left, right, up, down)) = keys {
            let step = 12.0;
            let mut pan = Vec2::ZERO;
            if left {
                pan.x += step;
            }
            if right {
                pan.x -= step;
            }
            if up {
                pan.y += step;
            }
            if down {
                pan.y -= step;
            }
            if pan != Vec2::ZERO {
                self.to_screen.translation += pan;
                self.moved_by_hand = true;
                ui.ctx().request_repaint();
            }
        }
        let Some(at) = pointer else {
            return;
        };
        if zoom_delta != 1.0 {
            self.zoom_at(at, zoom_delta);
            return;
        }
        for event in events {
            if let egui::Event::MouseWheel {
                unit,
                delta,
                modifiers,
                ..
            } = event
            {
                if modifiers.ctrl || modifiers.command {
                    continue;
                }
                match unit {
                    egui::MouseWheelUnit::Point => {
                        self.to_screen.translation += delta;
                        self.moved_by_hand = true;
                    }
                    egui::MouseWheelUnit::Line | egui::MouseWheelUnit::Page => {
                        self.zoom_at(at, 1.15f32.powf(delta.y));
                    }
                }
            }
        }
    }

    fn handle_pointer(
        &mut self,
        ui: &Ui,
        response: &Response,
        data: &MapData,
        visible: &Visibility,
        selection: &BTreeSet<usize>,
        events: &mut Vec<CanvasEvent>,
    ) {
        let modifiers: Modifiers = ui.input(|i| i.modifiers);
        self.hovered = response
            .hover_pos()
            .and_then(|p| self.node_at(data, visible, p));
        if response.clicked() {
            match response
                .interact_pointer_pos()
                .and_then(|p| self.node_at(data, visible, p))
            {
                Some(i) => events.push(CanvasEvent::Select {
                    nodes: vec![i],
                    add: modifiers.shift,
                }),
                None if !modifiers.shift => events.push(CanvasEvent::ClearSelection),
                None => {}
            }
        }
        if response.drag_started() {
            // Where the button went down, not where the pointer is once it has moved far
            // enough to count as a drag: that is what she took hold of.
            let start = ui
                .input(|i| i.pointer.press_origin())
                .or(response.interact_pointer_pos());
            let on = start.and_then(|p| self.node_at(data, visible, p));
            // Far out on a crowded map nearly every point is on a node: there a drag pans,
            // and only a selected node moves (select it first, then drag it).
            let zoom = self.to_screen.scaling;
            let always = self.always_drag_nodes;
            let crowded = |i: usize| {
                !always
                    && drawn_radius(data, visible, i, zoom) * zoom <= theme::MIN_NODE_PIXELS + 0.5
                    && !selection.contains(&i)
            };
            self.drag = Some(match (on, modifiers.shift) {
                (Some(i), true) => Drag::Link { from: i },
                (Some(i), false) if crowded(i) => Drag::Pan,
                (Some(i), false) => {
                    let nodes = if selection.contains(&i) {
                        selection.iter().copied().collect()
                    } else {
                        vec![i]
                    };
                    Drag::Nodes {
                        nodes,
                        moved: false,
                    }
                }
                (None, true) => Drag::Band {
                    start: start.unwrap_or_default(),
                },
                (None, false) => Drag::Pan,
            });
        }
        if response.dragged() {
            let delta = response.drag_delta();
            match &mut self.drag {
                Some(Drag::Pan) => {
                    self.to_screen.translation += delta;
                    self.moved_by_hand = true;
                    ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
                }
                Some(Drag::Nodes { moved, .. }) => {
                    *moved |= delta != Vec2::ZERO;
                    ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
                }
                _ => {}
            }
        }
        if response.drag_stopped() {
            let end = response.interact_pointer_pos().or(response.hover_pos());
            match self.drag.take() {
                Some(Drag::Nodes { nodes, moved: true }) => events.push(CanvasEvent::Moved(nodes)),
                Some(Drag::Link { from }) => {
                    if let Some(to) = end.and_then(|p| self.node_at(data, visible, p))
                        && to != from
                    {
                        events.push(CanvasEvent::Link(from, to));
                    }
                }
                Some(Drag::Band { start }) => {
                    if let Some(end) = end {
                        let band = Rect::from_two_pos(start, end);
                        let world = self.to_screen.inverse() * band;
                        let envelope = rstar::AABB::from_corners(
                            [world.min.x, world.min.y],
                            [world.max.x, world.max.y],
                        );
                        let mut nodes: Vec<usize> = self
                            .tree
                            .locate_in_envelope(&envelope)
                            .map(|item| item.data)
                            .filter(|&i| visible.nodes.get(i).copied().unwrap_or(false))
                            .collect();
                        nodes.sort_unstable();
                        events.push(CanvasEvent::Select { nodes, add: true });
                    }
                }
                _ => {}
            }
        }
    }

    /// The world position the nodes being dragged should move by this frame, if a node
    /// drag is going on.
    pub fn dragged_nodes(&self, ui: &Ui) -> Option<(Vec<usize>, Vec2)> {
        match &self.drag {
            Some(Drag::Nodes { nodes, .. }) => {
                let delta = ui.input(|i| i.pointer.delta()) / self.to_screen.scaling;
                Some((nodes.clone(), delta))
            }
            _ => None,
        }
    }

    /// Draws the map into `rect`.
    pub fn paint(&mut self, painter: &egui::Painter, rect: Rect, view: &MapView<'_>) {
        let MapView {
            data,
            visible,
            selection,
            colour_by,
            overlay,
        } = *view;
        self.rect = rect;
        self.refresh_importance(data);
        // The sector names are placed first: no node's name goes on them.
        self.labels.borrow_mut().clear();
        let painter = painter.with_clip_rect(rect);
        painter.rect_filled(rect, 0.0, theme::BACKGROUND);
        let centre = self.to_screen * Pos2::ZERO;
        for &r in &overlay.rings {
            painter.circle_stroke(
                centre,
                r * self.to_screen.scaling,
                Stroke::new(1.0, theme::RING_GUIDE),
            );
        }
        let outer = overlay.rings.iter().copied().fold(0.0, f32::max) * self.to_screen.scaling;
        if outer > 0.0 && overlay.sectors.len() == 4 {
            let quarter = std::f32::consts::FRAC_PI_2;
            for k in 0..4 {
                let a = -std::f32::consts::PI + k as f32 * quarter;
                let end = centre + vec2(a.cos(), a.sin()) * outer;
                painter.line_segment([centre, end], Stroke::new(1.0, theme::RING_GUIDE));
            }
            let mut inner = 0.0;
            for (r, name) in overlay.rings.iter().zip(&overlay.ring_names) {
                let outer_edge = r * self.to_screen.scaling;
                let at = centre + vec2(4.0, -(inner + outer_edge) / 2.0);
                inner = outer_edge;
                let taken = painter.text(
                    at,
                    egui::Align2::LEFT_CENTER,
                    name,
                    FontId::proportional(theme::LABEL_SIZE - 1.0),
                    theme::SECTOR_LABEL,
                );
                self.labels.borrow_mut().push(taken);
            }
            for (k, name) in overlay.sectors.iter().enumerate() {
                let a = -std::f32::consts::PI + (k as f32 + 0.5) * quarter;
                let at = centre + vec2(a.cos(), a.sin()) * (outer + 18.0);
                let taken = painter.text(
                    at,
                    egui::Align2::CENTER_CENTER,
                    name,
                    FontId::proportional(theme::LABEL_SIZE + 1.0),
                    theme::SECTOR_LABEL,
                );
                self.labels.borrow_mut().push(taken);
            }
        }
        let view = self.to_screen.inverse() * rect;
        // Many relations: drawn as one picture off the UI thread (see `raster.rs`), the
        // mesh holds the nodes only.
        if let Some(lines) = &overlay.ecogram {
            let t = self.to_screen;
            super::ecogram::paint(
                &painter,
                lines,
                |i| {
                    let p = data.positions.get(i)?;
                    Some(t * pos2(p[0], p[1]))
                },
                |i| drawn_radius(data, visible, i, t.scaling) * t.scaling + 2.0,
            );
        }
        let as_picture = overlay.ecogram.is_none()
            && visible.relations.iter().filter(|&&v| v).count() > theme::PICTURE_RELATIONS;
        if as_picture {
            self.relation_layer.poll(painter.ctx());
            let key = super::raster::Key {
                versions: (data.version, data.positions_version, visible.version),
                view: self.to_screen,
                area: rect,
            };
            let zoom = self.to_screen.scaling;
            let to_screen = self.to_screen;
            self.relation_layer
                .ask(key, painter.ctx().pixels_per_point(), || {
                    relation_lines(data, visible, to_screen, rect, zoom)
                });
            if self.relation_layer.is_drawing() {
                painter
                    .ctx()
                    .request_repaint_after(std::time::Duration::from_millis(30));
            }
            self.relation_layer.paint(&painter, self.to_screen);
        } else {
            self.relation_layer.clear();
        }
        let key = MeshKey {
            version: data.version,
            positions: data.positions_version,
            visibility: visible.version,
            colour_by,
            zoom_bucket: zoom_bucket(self.to_screen.scaling),
            relations: !as_picture && overlay.ecogram.is_none(),
        };
        let fresh = self
            .cache
            .as_ref()
            .is_some_and(|c| c.key == key && c.region.contains_rect(view));
        if !fresh {
            let region = view.expand2(view.size() * 0.5);
            let world = build_mesh(
                data,
                visible,
                colour_by,
                bucket_zoom(key.zoom_bucket),
                region,
                key.relations,
            );
            self.cache = Some(MeshCache {
                key,
                region,
                world: Arc::new(world),
                screen: None,
            });
        }
        if let Some(cache) = &mut self.cache {
            let screen = match &cache.screen {
                Some((t, mesh)) if *t == self.to_screen => Arc::clone(mesh),
                _ => {
                    let mut mesh = (*cache.world).clone();
                    let t = self.to_screen;
                    for v in &mut mesh.vertices {
                        v.pos = t * v.pos;
                    }
                    let mesh = Arc::new(mesh);
                    cache.screen = Some((t, Arc::clone(&mesh)));
                    mesh
                }
            };
            painter.add(Shape::mesh(screen));
        }
        self.paint_highlight(&painter, data, visible, overlay);
        self.paint_overlay(&painter, data, visible, selection, overlay);
    }

    /// Paths and marked nodes over a dimmed map.
    fn paint_highlight(
        &self,
        painter: &egui::Painter,
        data: &MapData,
        visible: &Visibility,
        overlay: &Overlay,
    ) {
        if overlay.paths.is_empty() && overlay.marked.is_empty() && overlay.changes.is_empty() {
            return;
        }
        painter.rect_filled(painter.clip_rect(), 0.0, theme::DIM);
        let t = self.to_screen;
        let screen = |i: usize| t * pos2(data.positions[i][0], data.positions[i][1]);
        let valid = |i: &usize| *i < data.nodes.len();
        // What changed: the lines, then their ends over them (ended lines under the rest).
        let mut changes: Vec<&ChangeLine> = overlay
            .changes
            .iter()
            .filter(|c| valid(&c.from) && valid(&c.to))
            .collect();
        changes.sort_by_key(|c| c.mark != ChangeMark::Ended);
        for change in &changes {
            let (a, b) = (screen(change.from), screen(change.to));
            let stroke = Stroke::new(theme::PATH_WIDTH - 1.0, change.mark.colour());
            if change.mark == ChangeMark::Ended {
                painter.extend(Shape::dashed_line(&[a, b], stroke, 7.0, 5.0));
            } else {
                painter.line_segment([a, b], stroke);
            }
        }
        let mut ends: Vec<usize> = changes.iter().flat_map(|c| [c.from, c.to]).collect();
        ends.sort_unstable();
        ends.dedup();
        for i in ends {
            let r = drawn_radius(data, visible, i, t.scaling) * t.scaling;
            painter.circle(
                screen(i),
                r + 1.0,
                node_colour(data, i, ColourBy::Kind),
                Stroke::new(1.5, theme::NODE_OUTLINE),
            );
        }
        // The first path on top: draw the others first.
        for (k, path) in overlay.paths.iter().enumerate().rev() {
            let colour = theme::PATHS[k % theme::PATHS.len()];
            let points: Vec<Pos2> = path
                .iter()
                .filter(|i| valid(i))
                .map(|&i| screen(i))
                .collect();
            painter.add(Shape::line(points, Stroke::new(theme::PATH_WIDTH, colour)));
            for &i in path.iter().filter(|i| valid(i)) {
                let r = drawn_radius(data, visible, i, t.scaling) * t.scaling;
                painter.circle(
                    screen(i),
                    r + 1.0,
                    node_colour(data, i, ColourBy::Kind),
                    Stroke::new(2.0, colour),
                );
            }
        }
        for (k, &i) in overlay.marked.iter().enumerate() {
            if !valid(&i) {
                continue;
            }
            let colour = overlay.marks.get(k).map_or(theme::MARKED, |m| m.colour());
            let r = drawn_radius(data, visible, i, t.scaling) * t.scaling;
            painter.circle(
                screen(i),
                r + 1.0,
                colour,
                Stroke::new(1.5, theme::NODE_OUTLINE),
            );
        }
    }

    /// Rings, the relation being drawn, the rubber band and the labels (screen space,
    /// every frame; small).
    fn paint_overlay(
        &self,
        painter: &egui::Painter,
        data: &MapData,
        visible: &Visibility,
        selection: &BTreeSet<usize>,
        overlay: &Overlay,
    ) {
        let t = self.to_screen;
        let screen = |i: usize| t * pos2(data.positions[i][0], data.positions[i][1]);
        // Her relations stand out: who she knows, at a glance (a few selected at most; a
        // band selection of hundreds would paint the map over).
        let mut highlighted = 0;
        // In the netwerkcirkel her lines are all drawn already, and red means belastend.
        let circle = overlay.ecogram.is_some();
        if !circle && !selection.is_empty() && selection.len() <= 20 {
            let stroke = Stroke::new(theme::SELECTED_RELATION_WIDTH, theme::SELECTED_RELATION);
            for (k, &(a, b)) in data.ends.iter().enumerate() {
                let shown = visible.relations.get(k).copied().unwrap_or(true);
                if shown
                    && (selection.contains(&a) || selection.contains(&b))
                    && a < data.nodes.len()
                    && b < data.nodes.len()
                {
                    painter.line_segment([screen(a), screen(b)], stroke);
                    highlighted += 1;
                }
            }
        }
        self.highlighted.set(highlighted);
        for &i in selection.iter().filter(|&&i| i < data.nodes.len()) {
            let r = drawn_radius(data, visible, i, t.scaling) * t.scaling + 3.0;
            painter.circle_stroke(
                screen(i),
                r.max(5.0),
                Stroke::new(
                    theme::RING,
                    if circle {
                        theme::SELECTED_IN_CIRCLE
                    } else {
                        theme::SELECTED
                    },
                ),
            );
        }
        if let Some(i) = self.hovered {
            let r = drawn_radius(data, visible, i, t.scaling) * t.scaling + 2.0;
            painter.circle_stroke(screen(i), r.max(4.0), Stroke::new(1.5, theme::HOVERED));
        }
        let pointer = painter.ctx().input(|i| i.pointer.hover_pos());
        match (&self.drag, pointer) {
            (Some(Drag::Link { from }), Some(p)) => {
                painter.line_segment([screen(*from), p], Stroke::new(2.0, theme::BAND_EDGE));
            }
            (Some(Drag::Band { start }), Some(p)) => {
                let band = Rect::from_two_pos(*start, p);
                painter.rect(
                    band,
                    0.0,
                    theme::BAND,
                    Stroke::new(1.0, theme::BAND_EDGE),
                    StrokeKind::Inside,
                );
            }
            _ => {}
        }
        self.paint_labels(painter, data, visible, selection, overlay);
    }

    /// Labels, most important first (selected, hovered, then by number of relations), each
    /// only where it overlaps no label placed before it.
    fn paint_labels(
        &self,
        painter: &egui::Painter,
        data: &MapData,
        visible: &Visibility,
        selection: &BTreeSet<usize>,
        overlay: &Overlay,
    ) {
        let t = self.to_screen;
        let rect = painter.clip_rect();
        let font = FontId::proportional(theme::LABEL_SIZE);
        let mut placed: Vec<Rect> = std::mem::take(&mut *self.labels.borrow_mut());
        let fixed = placed.len();
        // The two ends of each change drawn, named even when small or filtered out (their
        // lines are drawn regardless), as long as there are few enough to read.
        let mut change_ends: Vec<usize> = if overlay.changes.len() <= theme::NAMED_CHANGES {
            overlay
                .changes
                .iter()
                .flat_map(|c| [c.from, c.to])
                .collect()
        } else {
            Vec::new()
        };
        change_ends.sort_unstable();
        change_ends.dedup();
        let highlighted = overlay
            .paths
            .iter()
            .flatten()
            .chain(&overlay.marked)
            .chain(&change_ends)
            .copied();
        let first = selection
            .iter()
            .copied()
            .chain(self.hovered)
            .chain(highlighted);
        // Bounded: at most this many candidates are looked at per frame.
        let budget = 4 * theme::MAX_LABELS
            + selection.len()
            + overlay.marked.len()
            + change_ends.len()
            + overlay.paths.iter().map(Vec::len).sum::<usize>();
        // While paths, marked nodes or changes stand out, only they (and the selection)
        // are named.
        let focused =
            !overlay.paths.is_empty() || !overlay.marked.is_empty() || !overlay.changes.is_empty();
        let rest = self.importance.iter().copied().filter(|_| !focused);
        // A node is named once, however many lists it is in (selected and hovered...).
        let mut named = vec![false; data.nodes.len()];
        for i in first.chain(rest).take(budget) {
            if placed.len() >= theme::MAX_LABELS {
                break;
            }
            if i < named.len() {
                if named[i] {
                    continue;
                }
                named[i] = true;
            }
            let change_end = change_ends.binary_search(&i).is_ok();
            if i >= data.nodes.len()
                || !(change_end || visible.nodes.get(i).copied().unwrap_or(false))
            {
                continue;
            }
            let r = drawn_radius(data, visible, i, t.scaling) * t.scaling;
            let forced = selection.contains(&i) || self.hovered == Some(i) || change_end;
            if scaled_radius(data, visible, i) * t.scaling < theme::LOD_SIMPLE
                && !forced
                && visible.nodes.len() > theme::LOD_MANY
            {
                continue;
            }
            let p = t * pos2(data.positions[i][0], data.positions[i][1]);
            if !rect.expand(100.0).contains(p) {
                continue;
            }
            let galley = painter.layout_no_wrap(
                crate::model::limits::label(&data.nodes[i].name).into_owned(),
                font.clone(),
                theme::LABEL,
            );
            let size = galley.size();
            // Below the node, else above, right or left of it: the first place free of
            // every label already placed. Labels never cover each other; only the one
            // under the pointer is drawn whatever the others.
            let candidates = [
                pos2(p.x - size.x / 2.0, p.y + r + 2.0),
                pos2(p.x - size.x / 2.0, p.y - r - 2.0 - size.y),
                pos2(p.x + r + 3.0, p.y - size.y / 2.0),
                pos2(p.x - r - 3.0 - size.x, p.y - size.y / 2.0),
            ];
            let free = |label: &Rect| {
                !placed.iter().any(|other| other.intersects(*label))
                    && (forced || rect.contains_rect(*label))
            };
            let hovered = self.hovered == Some(i);
            let tries = if forced { candidates.len() } else { 2 };
            let label = candidates[..tries]
                .iter()
                .map(|&at| Rect::from_min_size(at, size).expand(1.0))
                .find(|label| free(label))
                .or_else(|| hovered.then(|| Rect::from_min_size(candidates[0], size).expand(1.0)));
            let Some(label) = label else {
                continue;
            };
            placed.push(label);
            painter.rect_filled(label, 2.0, theme::LABEL_BACKGROUND);
            painter.galley(label.min + vec2(1.0, 1.0), galley, theme::LABEL);
        }
        *self.labels.borrow_mut() = placed.split_off(fixed);
    }
}

/// The visible relations crossing `rect`, in screen points, as the relation picture draws
/// them (the mesh's widths, colours and dashes).
fn relation_lines(
    data: &MapData,
    visible: &Visibility,
    to_screen: TSTransform,
    rect: Rect,
    zoom: f32,
) -> Vec<super::raster::Line> {
    let shown = |i: usize| visible.nodes.get(i).copied().unwrap_or(false);
    let area = rect.expand(4.0);
    data.ends
        .iter()
        .enumerate()
        .filter(|&(r, &(a, b))| {
            visible.relations.get(r).copied().unwrap_or(false) && shown(a) && shown(b)
        })
        .filter_map(|(r, &(a, b))| {
            let pa = to_screen * pos2(data.positions[a][0], data.positions[a][1]);
            let pb = to_screen * pos2(data.positions[b][0], data.positions[b][1]);
            if (pb - pa).length_sq() < 1.0 {
                return None;
            }
            let (ca, cb) = super::mesh::clip(pa, pb, area)?;
            let relation = &data.relations[r];
            let strength = usize::from(relation.strength.get().clamp(1, 3)) - 1;
            let current = data.current[r];
            let arrow = (relation.kind == crate::model::RelationKind::RefersTo && cb == pb)
                .then(|| drawn_radius(data, visible, b, zoom) * zoom);
            Some(super::raster::Line {
                a: ca,
                b: cb,
                width: theme::EDGE_WIDTH[strength],
                colour: theme::relation_colour(current, data.stale[r]),
                dashed: !current || strength == 0,
                arrow,
            })
        })
        .collect()
}
