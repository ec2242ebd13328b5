//! Design tokens: every colour, stroke width and size the app draws with, in one place.
//! The group and theme colours are the export pictures' palette, so the screen and the
//! printed casus picture agree.

use std::sync::LazyLock;

use egui::Color32;

use crate::exchange::picture;
use crate::model::NodeKind;

/// The palette of groups and themes, from [`picture::PALETTE`].
pub static PALETTE: LazyLock<Vec<Color32>> = LazyLock::new(|| {
    picture::PALETTE
        .iter()
        .map(|hex| Color32::from_hex(hex).unwrap_or(Color32::GRAY))
        .collect()
});

/// Nodes outside the palette's groups.
pub static OTHER: LazyLock<Color32> =
    LazyLock::new(|| Color32::from_hex(picture::OTHER).unwrap_or(Color32::GRAY));

/// The map's background.
pub const BACKGROUND: Color32 = Color32::from_rgb(250, 250, 247);
/// Relations.
pub const EDGE: Color32 = Color32::from_rgba_premultiplied(80, 80, 80, 170);
/// Ended relations, when shown.
pub const EDGE_ENDED: Color32 = Color32::from_rgba_premultiplied(170, 120, 120, 120);
/// Relations not confirmed for the stale period ("nog actueel?"): the same grey, faded.
pub const EDGE_STALE: Color32 = Color32::from_rgba_premultiplied(28, 28, 28, 60);

/// A relation's colour: ended, stale (holds, but not confirmed for long) or live.
pub fn relation_colour(current: bool, stale: bool) -> Color32 {
    match (current, stale) {
        (false, _) => EDGE_ENDED,
        (true, true) => EDGE_STALE,
        (true, false) => EDGE,
    }
}
/// A node's outline.
pub const NODE_OUTLINE: Color32 = Color32::from_rgb(60, 60, 60);
/// The ring around selected nodes.
pub const SELECTED: Color32 = Color32::from_rgb(230, 40, 40);
/// The relations of the selected node(s), over the others.
pub const SELECTED_RELATION: Color32 = Color32::from_rgba_premultiplied(200, 36, 36, 200);
/// Their width in points.
pub const SELECTED_RELATION_WIDTH: f32 = 1.8;
/// The ring around the hovered node.
pub const HOVERED: Color32 = Color32::from_rgb(20, 20, 20);
/// Label text.
pub const LABEL: Color32 = Color32::from_rgb(30, 30, 30);
/// Behind labels, so they read over lines.
pub const LABEL_BACKGROUND: Color32 = Color32::from_rgba_premultiplied(250, 250, 247, 210);
/// The rubber band.
pub const BAND: Color32 = Color32::from_rgba_premultiplied(40, 90, 200, 40);
/// The rubber band's edge and the line of a relation being drawn.
pub const BAND_EDGE: Color32 = Color32::from_rgb(40, 90, 200);
/// The demo banner.
pub const BANNER: Color32 = Color32::from_rgb(255, 243, 196);
/// The banner over a map of the past ("Kaart op datum"): another colour than today's.
pub const PAST_BANNER: Color32 = Color32::from_rgb(205, 225, 250);
/// The demo banner's text.
pub const BANNER_TEXT: Color32 = Color32::from_rgb(20, 20, 20);
/// Error messages.
pub const ERROR: Color32 = Color32::from_rgb(180, 30, 30);
/// A message's toast over the map.
pub const TOAST: Color32 = Color32::from_rgb(236, 244, 255);
/// A refusal's toast over the map.
pub const TOAST_ERROR: Color32 = Color32::from_rgb(255, 232, 228);
/// A toast's text.
pub const TOAST_TEXT: Color32 = Color32::from_rgb(20, 20, 20);

/// Over the map when paths or marked nodes stand out.
pub const DIM: Color32 = Color32::from_rgba_premultiplied(200, 200, 198, 160);
/// One colour per highlighted path: the best first.
pub const PATHS: [Color32; 5] = [
    Color32::from_rgb(214, 39, 40),
    Color32::from_rgb(31, 119, 180),
    Color32::from_rgb(44, 160, 44),
    Color32::from_rgb(148, 103, 189),
    Color32::from_rgb(255, 127, 14),
];
/// What changed, as on the casus pack's page 3 (`exchange::casus::CHANGE_COLOURS`): new,
/// ended, changed.
pub const CHANGES: [Color32; 3] = [
    Color32::from_rgb(0x2e, 0x7d, 0x32),
    Color32::from_rgb(0x8a, 0x8a, 0x8a),
    Color32::from_rgb(0xe0, 0x7b, 0x00),
];
/// Up to this many changes drawn on the map, the ends of each are named.
pub const NAMED_CHANGES: usize = 60;
/// Width of a highlighted path, screen pixels.
pub const PATH_WIDTH: f32 = 4.0;
/// Marked nodes: cut off when a 'Best Person' stops.
pub const MARKED: Color32 = Color32::from_rgb(255, 170, 0);
/// Marked nodes: asking for the chosen theme.
pub const MARK_ASKS: Color32 = Color32::from_rgb(170, 60, 200);
/// Marked nodes: offering the chosen theme.
pub const MARK_OFFERS: Color32 = Color32::from_rgb(40, 160, 70);
/// Someone to follow up.
pub const MARK_FOLLOW_UP: Color32 = Color32::from_rgb(0, 150, 170);
/// The netwerkcirkel's sector names.
pub const SECTOR_LABEL: Color32 = Color32::from_rgb(120, 120, 115);
/// The ego view's rings.
pub const RING_GUIDE: Color32 = Color32::from_rgb(200, 200, 195);
/// The netwerkcirkel's lines (steunend and neutraal), as on paper.
pub const ECOGRAM_INK: Color32 = Color32::from_rgb(34, 34, 34);
/// Its lines between contacts, drawn on request.
pub const ECOGRAM_FAINT: Color32 = Color32::from_rgb(154, 154, 154);
/// A belastend (burdening) relation: the genogram's red.
pub const BURDENING: Color32 = Color32::from_rgb(198, 40, 40);
/// The selection in the netwerkcirkel: blue, because red there means belastend.
pub const SELECTED_IN_CIRCLE: Color32 = Color32::from_rgb(40, 90, 200);

/// The largest radius of a node on the map, in world units: the layout's node radius, so
/// the layout's spacing keeps shapes apart.
pub const NODE_RADIUS: f32 = 10.0;
/// Relation widths in screen pixels for weak, normal and strong ties.
pub const EDGE_WIDTH: [f32; 3] = [0.8, 1.4, 2.4];
/// A dash and its gap for weak and ended ties, in screen pixels.
pub const DASH: f32 = 5.0;
/// Label text size in points.
pub const LABEL_SIZE: f32 = 12.5;
/// Below this on-screen radius a node of a large network is a plain quad without a label.
pub const LOD_SIMPLE: f32 = 2.5;
/// From this many visible nodes on, the level of detail above applies.
pub const LOD_MANY: usize = 2_000;
/// Node outlines from this on-screen radius on.
pub const OUTLINE_FROM: f32 = 6.0;
/// Up to this many relations in view they get dashes and arrowheads (level of detail).
pub const DETAIL_RELATIONS: usize = 3_000;
/// From this many visible relations on they are drawn as one picture off the UI thread
/// (see `raster.rs`): a software renderer draws that many lines slowly.
pub const PICTURE_RELATIONS: usize = 1_500;
/// The smallest radius a node is drawn with, in screen pixels.
pub const MIN_NODE_PIXELS: f32 = 4.0;
/// The largest radius a node is drawn with, in screen pixels, however far one zooms in.
pub const MAX_NODE_PIXELS: f32 = 13.0;
/// The most labels drawn in one frame.
pub const MAX_LABELS: usize = 250;
/// Selection ring width.
pub const RING: f32 = 2.5;
/// How far (screen pixels) around a node the pointer still hits it.
pub const HIT_SLOP: f32 = 4.0;
/// Width of the side panels.
pub const PANEL_WIDTH: f32 = 280.0;

/// The colour of a node kind (the same as the export pictures').
pub fn kind_colour(kind: NodeKind) -> Color32 {
    match kind {
        NodeKind::Person => PALETTE[0],
        NodeKind::Organisation => PALETTE[3],
        NodeKind::Initiative => PALETTE[2],
    }
}

/// The colour of group or theme number `i` (the last palette slot is "other").
pub fn group_colour(i: Option<usize>) -> Color32 {
    match i {
        Some(i) if i + 1 < PALETTE.len() => PALETTE[i],
        _ => *OTHER,
    }
}
