//! The picture of a network for the casusoverleg: one drawing routine that writes SVG, and
//! PNG and PDF made from that same SVG (resvg and svg2pdf) with the font bundled in
//! `assets/`, so every machine draws the same picture.
//!
//! Shapes by kind (persons round, organisations square, initiatives diamond), colours by
//! community or theme, line width by strength, weak ties dashed, referrals with an arrow,
//! labels placed greedily so none overlaps another, a legend, a title, the date and the wijk.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use resvg::{tiny_skia, usvg};

use super::graphml::escape;
use crate::model::{Node, NodeId, NodeKind, Relation, RelationKind};

/// The font every picture uses, bundled so output is the same everywhere.
pub const FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// Its bold face, for titles, headings and the centre's name: without it resvg and svg2pdf
/// draw `font-weight="bold"` in the regular face.
pub const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
pub(crate) const FONT_FAMILY: &str = "DejaVu Sans";
/// The font an SVG asks for: ours, then what a machine without it has (Windows' Verdana and
/// Arial, then any sans-serif), so a browser or Inkscape never falls back to a serif.
pub(crate) const FONT_STACK: &str = "'DejaVu Sans', Verdana, Arial, sans-serif";

/// Colours for groups, chosen to stay apart on screen and on paper.
pub const PALETTE: [&str; 10] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#7f7f7f",
];
/// The colour of nodes outside the palette's groups.
pub const OTHER: &str = "#b0b0b0";
/// The colour of relations.
pub const EDGE: &str = "#8a8a8a";
const INK: &str = "#222222";
const PAPER: &str = "#ffffff";
const MUTED: &str = "#555555";
const RULE: &str = "#dddddd";

/// What gives a node its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ColourBy {
    /// Its community (group).
    #[default]
    Community,
    /// Its first theme.
    Theme,
    /// Its kind.
    Kind,
}

/// Everything a picture needs besides the network.
#[derive(Clone, Debug)]
pub struct PictureOptions {
    /// Width in pixels (the SVG's user units).
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The title at the top.
    pub title: String,
    /// The line under it: wijk, date, pseudonymised or not.
    pub subtitle: String,
    /// What the colours mean.
    pub colour_by: ColourBy,
    /// A group per node id (for [`ColourBy::Community`]).
    pub groups: HashMap<NodeId, usize>,
    /// The node in the centre of an ego picture, drawn larger.
    pub centre: Option<NodeId>,
    /// Physical size for print, e.g. `("297mm", "210mm")` for A4 landscape.
    pub physical: Option<(String, String)>,
    /// For an ego picture: the radii of its rings around the centre node (layout units),
    /// drawn as faint circles, and whether to mark the four netwerkcirkel sectors.
    pub rings: Option<(Vec<f64>, bool)>,
    /// The language of the legend, the sectors and the colour names.
    pub words: &'static crate::words::Words,
}

/// A node's colour key and its colour.
fn colour_of<'a>(
    node: &'a Node,
    options: &'a PictureOptions,
    themes: &HashMap<&str, usize>,
) -> (String, &'static str) {
    let w = options.words;
    match options.colour_by {
        ColourBy::Community => match options.groups.get(&node.id) {
            Some(&g) if g < PALETTE.len() - 1 => (
                crate::words::fill(w.group, &[&(g + 1).to_string()]),
                PALETTE[g],
            ),
            _ => (w.other.into(), OTHER),
        },
        ColourBy::Theme => match node.tags.first().or(node.offers.first()) {
            Some(t) => match themes.get(t.as_str()) {
                Some(&i) => (t.clone(), PALETTE[i]),
                None => (w.other.into(), OTHER),
            },
            None => (w.no_theme.into(), OTHER),
        },
        ColourBy::Kind => {
            let colour = match node.kind {
                NodeKind::Person => PALETTE[0],
                NodeKind::Organisation => PALETTE[3],
                NodeKind::Initiative => PALETTE[2],
            };
            ((w.node_kind)(node.kind).into(), colour)
        }
    }
}

/// The approximate width of `text` at `size` in DejaVu Sans.
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.6
}

/// Where things go on the page: the drawing area beside the legend and under the title,
/// and how layout positions map into it.
struct Frame {
    /// Page width and height.
    w: f64,
    h: f64,
    /// The legend's column on the right.
    legend_width: f64,
    /// The title's band at the top.
    header: f64,
    /// The title's font size.
    title_size: f64,
    /// The margin around the drawing.
    margin: f64,
    /// The drawing area: left, top, right, bottom.
    area: [f64; 4],
    /// A node's radius (the centre's is larger).
    radius: f64,
    /// Layout units to the page: the layout's top left corner, the scale and the offset.
    origin: [f64; 2],
    scale: f64,
    offset: [f64; 2],
}

impl Frame {
    /// Fits the `drawn` nodes' positions (and an ego picture's rings, whole) into the page.
    fn fit(
        drawn: &[&Node],
        positions: &HashMap<NodeId, [f64; 2]>,
        options: &PictureOptions,
    ) -> Self {
        let (w, h) = (f64::from(options.width), f64::from(options.height));
        let legend_width = (w * 0.22).clamp(180.0, 360.0);
        let header = (h * 0.09).clamp(50.0, 110.0);
        let title_size = (header * 0.38).clamp(16.0, 34.0);
        let margin = 24.0;
        let area = [
            margin,
            header + margin / 2.0,
            w - legend_width - margin,
            h - margin,
        ];
        // Fit the positions into the drawing area, keeping the aspect ratio.
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for n in drawn {
            let p = positions[&n.id];
            x0 = x0.min(p[0]);
            y0 = y0.min(p[1]);
            x1 = x1.max(p[0]);
            y1 = y1.max(p[1]);
        }
        // An ego picture shows its rings whole.
        if let (Some((radii, _)), Some(c)) = (
            &options.rings,
            options.centre.as_ref().and_then(|id| positions.get(id)),
        ) {
            let outer = radii.iter().copied().fold(0.0, f64::max) * 1.12;
            (x0, y0, x1, y1) = (
                x0.min(c[0] - outer),
                y0.min(c[1] - outer),
                x1.max(c[0] + outer),
                y1.max(c[1] + outer),
            );
        }
        let count = drawn.len().max(1) as f64;
        let radius = (360.0 / count.sqrt()).clamp(3.0, 14.0);
        let inner = [
            area[0] + radius * 2.0,
            area[1] + radius * 2.0,
            area[2] - radius * 2.0,
            area[3] - radius * 2.0,
        ];
        let scale = ((inner[2] - inner[0]) / (x1 - x0).max(1e-9))
            .min((inner[3] - inner[1]) / (y1 - y0).max(1e-9));
        let scale = if scale.is_finite() && scale > 0.0 {
            scale
        } else {
            1.0
        };
        let offset = [
            inner[0] + ((inner[2] - inner[0]) - (x1 - x0) * scale) / 2.0,
            inner[1] + ((inner[3] - inner[1]) - (y1 - y0) * scale) / 2.0,
        ];
        Self {
            w,
            h,
            legend_width,
            header,
            title_size,
            margin,
            area,
            radius,
            origin: [x0, y0],
            scale,
            offset,
        }
    }

    /// Where node `id` is on the page, if it has a position.
    fn at(&self, positions: &HashMap<NodeId, [f64; 2]>, id: &str) -> Option<[f64; 2]> {
        positions.get(id).map(|p| {
            [
                self.offset[0] + (p[0] - self.origin[0]) * self.scale,
                self.offset[1] + (p[1] - self.origin[1]) * self.scale,
            ]
        })
    }

    /// A node's radius on the page: the centre of an ego picture is drawn larger.
    fn node_radius(&self, n: &Node, options: &PictureOptions) -> f64 {
        if options.centre.as_deref() == Some(n.id.as_str()) {
            self.radius * 1.8
        } else {
            self.radius
        }
    }
}

/// Draws `nodes` at `positions` (by id; nodes without one are left out) with the
/// `relations` among them, as an SVG document.
pub fn svg(
    nodes: &[Node],
    relations: &[Relation],
    positions: &HashMap<NodeId, [f64; 2]>,
    options: &PictureOptions,
) -> String {
    let drawn: Vec<&Node> = nodes
        .iter()
        .filter(|n| positions.contains_key(&n.id))
        .collect();
    let frame = Frame::fit(&drawn, positions, options);
    let at = |id: &str| frame.at(positions, id);
    let mut out = String::new();
    page(&mut out, &frame, options);
    if let (Some((radii, sectors)), Some(c)) =
        (&options.rings, options.centre.as_deref().and_then(at))
    {
        rings(&mut out, &frame, radii, *sectors, c, options);
    }
    relation_lines(&mut out, &frame, relations, &at);
    let legend_colours = node_shapes(&mut out, &frame, &drawn, &at, options);
    labels(&mut out, &frame, &drawn, relations, &at, options);
    legend(
        &mut out,
        frame.w - frame.legend_width + 8.0,
        frame.header,
        frame.legend_width - 16.0,
        &legend_colours,
        options.colour_by,
        options.words,
    );
    out.push_str("</svg>\n");
    out
}

/// The document's head: its size, the arrow marker, the paper, the title and the line under
/// it.
fn page(out: &mut String, frame: &Frame, options: &PictureOptions) {
    let Frame {
        w,
        h,
        header,
        title_size,
        margin,
        ..
    } = *frame;
    let size = match &options.physical {
        Some((pw, ph)) => format!(r#"width="{pw}" height="{ph}""#),
        None => format!(r#"width="{w}" height="{h}""#),
    };
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" {size} viewBox="0 0 {w} {h}" font-family="{FONT_STACK}">"#
    );
    // Its name in a browser tab, a file manager's preview and a screen reader.
    let _ = writeln!(out, "<title>{}</title>", escape(&options.title));
    let _ = writeln!(
        out,
        r#"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{EDGE}"/></marker></defs>"#
    );
    let _ = writeln!(
        out,
        r#"<rect x="0" y="0" width="{w}" height="{h}" fill="{PAPER}"/>"#
    );
    let _ = writeln!(
        out,
        r#"<text x="{margin}" y="{:.1}" font-size="{title_size:.1}" font-weight="bold" fill="{INK}">{}</text>"#,
        header * 0.5,
        escape(&options.title)
    );
    let _ = writeln!(
        out,
        r#"<text x="{margin}" y="{:.1}" font-size="{:.1}" fill="{MUTED}">{}</text>"#,
        header * 0.85,
        title_size * 0.55,
        escape(&options.subtitle)
    );
}

/// An ego picture's rings (`radii` in layout units) around its centre `c`, and with
/// `sectors` the four netwerkcirkel sectors, faint, under everything.
fn rings(
    out: &mut String,
    frame: &Frame,
    radii: &[f64],
    sectors: bool,
    c: [f64; 2],
    options: &PictureOptions,
) {
    let (area, scale, title_size) = (frame.area, frame.scale, frame.title_size);
    let _ = writeln!(
        out,
        r#"<g id="rings" fill="none" stroke="{RULE}" stroke-width="1">"#
    );
    for r in radii {
        let _ = writeln!(
            out,
            r#"<circle cx="{:.1}" cy="{:.1}" r="{:.1}"/>"#,
            c[0],
            c[1],
            r * scale
        );
    }
    let outer = radii.iter().copied().fold(0.0, f64::max) * scale;
    if sectors && outer > 0.0 {
        for k in 0..4 {
            let a = std::f64::consts::FRAC_PI_2 * f64::from(k);
            let _ = writeln!(
                out,
                r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}"/>"#,
                c[0],
                c[1],
                c[0] + outer * a.cos(),
                c[1] + outer * a.sin()
            );
        }
        let _ = writeln!(out, "</g>");
        let _ = writeln!(
            out,
            r#"<g id="sectors" font-size="{:.1}" fill="{MUTED}" text-anchor="middle">"#,
            title_size * 0.55
        );
        for (k, label) in options.words.sectors.iter().enumerate() {
            let a = -std::f64::consts::PI + std::f64::consts::FRAC_PI_4 * (2.0 * k as f64 + 1.0);
            let (x, y) = (c[0] + outer * 1.08 * a.cos(), c[1] + outer * 1.08 * a.sin());
            let (x, y) = (
                x.clamp(area[0] + 80.0, area[2] - 80.0),
                y.clamp(area[1] + 10.0, area[3]),
            );
            let _ = writeln!(out, r#"<text x="{x:.1}" y="{y:.1}">{label}</text>"#);
        }
    }
    let _ = writeln!(out, "</g>");
}

/// The relations, under the nodes: width by strength, weak ones dashed, a referral with an
/// arrow that stops at the edge of its target.
fn relation_lines(
    out: &mut String,
    frame: &Frame,
    relations: &[Relation],
    at: &dyn Fn(&str) -> Option<[f64; 2]>,
) {
    let radius = frame.radius;
    let _ = writeln!(out, r#"<g id="relations" stroke="{EDGE}" fill="none">"#);
    for r in relations {
        let (Some(a), Some(b)) = (at(&r.source), at(&r.target)) else {
            continue;
        };
        let width = match r.strength.get() {
            1 => 0.7,
            2 => 1.3,
            _ => 2.4,
        };
        let dash = if r.strength.get() == 1 {
            r#" stroke-dasharray="5 4""#
        } else {
            ""
        };
        let (bx, by) = if r.kind == RelationKind::RefersTo {
            let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
            let d = (dx * dx + dy * dy).sqrt().max(1e-9);
            (b[0] - dx / d * radius, b[1] - dy / d * radius)
        } else {
            (b[0], b[1])
        };
        let marker = if r.kind == RelationKind::RefersTo {
            r#" marker-end="url(#arrow)""#
        } else {
            ""
        };
        let _ = writeln!(
            out,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{bx:.1}" y2="{by:.1}" stroke-width="{width}"{dash}{marker}/>"#,
            a[0], a[1]
        );
    }
    let _ = writeln!(out, "</g>");
}

/// The nodes, shaped by kind and coloured as `options` says; returns the legend's colours
/// (key, colour, how many nodes), in the order first met.
fn node_shapes(
    out: &mut String,
    frame: &Frame,
    drawn: &[&Node],
    at: &dyn Fn(&str) -> Option<[f64; 2]>,
    options: &PictureOptions,
) -> Vec<(String, &'static str, usize)> {
    let themes = ranked_themes(drawn);
    let _ = writeln!(out, r#"<g id="nodes" stroke="{PAPER}" stroke-width="1">"#);
    let mut legend_colours: Vec<(String, &'static str, usize)> = Vec::new();
    for n in drawn {
        let Some(p) = at(&n.id) else { continue };
        let (key, colour) = colour_of(n, options, &themes);
        match legend_colours.iter_mut().find(|(k, ..)| *k == key) {
            Some(entry) => entry.2 += 1,
            None => legend_colours.push((key, colour, 1)),
        }
        let _ = writeln!(
            out,
            "{}",
            shape(n.kind, p, frame.node_radius(n, options), colour)
        );
    }
    let _ = writeln!(out, "</g>");
    legend_colours
}

/// The most common first themes of the `drawn` nodes, each with its palette index (the
/// palette's last colour is kept for the rest).
fn ranked_themes<'a>(drawn: &[&'a Node]) -> HashMap<&'a str, usize> {
    let mut theme_count: HashMap<&str, usize> = HashMap::new();
    for n in drawn {
        if let Some(t) = n.tags.first().or(n.offers.first()) {
            *theme_count.entry(t.as_str()).or_default() += 1;
        }
    }
    let mut ranked: Vec<(&str, usize)> = theme_count.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked
        .iter()
        .take(PALETTE.len() - 1)
        .enumerate()
        .map(|(i, (t, _))| (*t, i))
        .collect()
}

/// The names: most connected first, each where it overlaps no other label and covers no
/// node; a name with no free place is left out.
fn labels(
    out: &mut String,
    frame: &Frame,
    drawn: &[&Node],
    relations: &[Relation],
    at: &dyn Fn(&str) -> Option<[f64; 2]>,
    options: &PictureOptions,
) {
    let (w, h, header, legend_width) = (frame.w, frame.h, frame.header, frame.legend_width);
    let mut degree: HashMap<&str, usize> = HashMap::new();
    for r in relations {
        *degree.entry(r.source.as_str()).or_default() += 1;
        *degree.entry(r.target.as_str()).or_default() += 1;
    }
    let mut order: Vec<&Node> = drawn.to_vec();
    order.sort_by(|a, b| {
        let centre = |n: &Node| options.centre.as_deref() == Some(n.id.as_str());
        centre(b)
            .cmp(&centre(a))
            .then(degree.get(b.id.as_str()).cmp(&degree.get(a.id.as_str())))
            .then(a.name.cmp(&b.name))
    });
    let font = (frame.radius * 1.3).clamp(9.0, 15.0);
    // Nodes are obstacles too: a label never covers another node.
    let mut placed: Vec<[f64; 4]> = drawn
        .iter()
        .filter_map(|n| {
            let p = at(&n.id)?;
            let r = frame.node_radius(n, options);
            Some([p[0] - r, p[1] - r, p[0] + r, p[1] + r])
        })
        .collect();
    let _ = writeln!(out, r#"<g id="labels" font-size="{font:.1}" fill="{INK}">"#);
    for n in order {
        let Some(p) = at(&n.id) else { continue };
        let radius = frame.node_radius(n, options);
        let name = crate::model::limits::label(&n.name);
        let tw = text_width(&name, font);
        let candidates = [
            (p[0] + radius + 2.0, p[1] + font * 0.35, "start"),
            (p[0] - radius - 2.0, p[1] + font * 0.35, "end"),
            (p[0], p[1] - radius - 3.0, "middle"),
            (p[0], p[1] + radius + font, "middle"),
        ];
        for (x, y, anchor) in candidates {
            let left = match anchor {
                "start" => x,
                "end" => x - tw,
                _ => x - tw / 2.0,
            };
            let rect = [left, y - font, left + tw, y + font * 0.25];
            let inside =
                rect[0] >= 0.0 && rect[2] <= w - legend_width && rect[1] >= header && rect[3] <= h;
            if inside && !placed.iter().any(|q| overlaps(q, &rect)) {
                placed.push(rect);
                let _ = writeln!(
                    out,
                    r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{anchor}">{}</text>"#,
                    escape(&name)
                );
                break;
            }
        }
    }
    let _ = writeln!(out, "</g>");
}

fn overlaps(a: &[f64; 4], b: &[f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// The SVG element of a node: circle, rounded square or diamond.
pub(crate) fn shape(kind: NodeKind, p: [f64; 2], r: f64, colour: &str) -> String {
    match kind {
        NodeKind::Person => format!(
            r#"<circle cx="{:.1}" cy="{:.1}" r="{r:.1}" fill="{colour}"/>"#,
            p[0], p[1]
        ),
        NodeKind::Organisation => format!(
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{:.1}" fill="{colour}"/>"#,
            p[0] - r,
            p[1] - r,
            2.0 * r,
            2.0 * r,
            r * 0.3
        ),
        NodeKind::Initiative => {
            let d = r * 1.25;
            format!(
                r#"<path d="M{:.1},{:.1} L{:.1},{:.1} L{:.1},{:.1} L{:.1},{:.1} Z" fill="{colour}"/>"#,
                p[0],
                p[1] - d,
                p[0] + d,
                p[1],
                p[0],
                p[1] + d,
                p[0] - d,
                p[1]
            )
        }
    }
}

fn legend(
    out: &mut String,
    x: f64,
    top: f64,
    width: f64,
    colours: &[(String, &'static str, usize)],
    by: ColourBy,
    words: &crate::words::Words,
) {
    let size = 13.0;
    let line = size * 1.7;
    let mut y = top + line;
    let _ = writeln!(out, r#"<g id="legend" font-size="{size}" fill="{INK}">"#);
    let _ = writeln!(
        out,
        r#"<rect x="{:.1}" y="{:.1}" width="{width:.1}" height="1" fill="{RULE}"/>"#,
        x, top
    );
    let heading = |out: &mut String, y: &mut f64, text: &str| {
        let _ = writeln!(
            out,
            r#"<text x="{x:.1}" y="{y:.1}" font-weight="bold">{text}</text>"#,
            y = *y
        );
        *y += line;
    };
    heading(out, &mut y, words.shapes);
    for kind in NodeKind::ALL {
        let label = (words.node_kind)(kind);
        let _ = writeln!(
            out,
            "{}",
            shape(kind, [x + 8.0, y - size * 0.35], 6.0, "#666666")
        );
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{y:.1}">{label}</text>"#,
            x + 22.0
        );
        y += line;
    }
    y += line * 0.3;
    heading(
        out,
        &mut y,
        match by {
            ColourBy::Community => words.colours_groups,
            ColourBy::Theme => words.colours_theme,
            ColourBy::Kind => words.colours_kind,
        },
    );
    let mut sorted: Vec<&(String, &str, usize)> = colours.iter().collect();
    sorted.sort_by_key(|a| natural(&a.0));
    for (label, colour, count) in sorted {
        let label = format!("{label} ({count})");
        let _ = writeln!(
            out,
            r#"<rect x="{:.1}" y="{:.1}" width="12" height="12" fill="{colour}"/><text x="{:.1}" y="{y:.1}">{}</text>"#,
            x + 2.0,
            y - size * 0.85,
            x + 22.0,
            escape(&label)
        );
        y += line;
    }
    y += line * 0.3;
    heading(out, &mut y, words.lines);
    for (strength, label) in [3usize, 2, 1].into_iter().zip(words.line_styles) {
        let width = [0.7, 1.3, 2.4][strength - 1];
        let dash = if strength == 1 {
            r#" stroke-dasharray="5 4""#
        } else {
            ""
        };
        let _ = writeln!(
            out,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{EDGE}" stroke-width="{width}"{dash}/><text x="{:.1}" y="{y:.1}">{label}</text>"#,
            x,
            y - size * 0.35,
            x + 16.0,
            y - size * 0.35,
            x + 22.0
        );
        y += line;
    }
    let _ = writeln!(
        out,
        r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{EDGE}" stroke-width="1.3" marker-end="url(#arrow)"/><text x="{:.1}" y="{y:.1}">{}</text>"#,
        x,
        y - size * 0.35,
        x + 16.0,
        y - size * 0.35,
        x + 22.0,
        words.refers
    );
    let _ = writeln!(out, "</g>");
}

/// Sorts "groep 10" after "groep 9".
fn natural(label: &str) -> (String, u64) {
    let digits: String = label.chars().filter(char::is_ascii_digit).collect();
    let text: String = label.chars().filter(|c| !c.is_ascii_digit()).collect();
    (text, digits.parse().unwrap_or(0))
}

/// Why a picture could not be made from its SVG.
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    /// The SVG could not be read back (a bug).
    #[error("the drawing could not be rendered: {0}")]
    Svg(String),
    /// The PNG could not be made.
    #[error("the PNG could not be made: {0}")]
    Png(String),
    /// The PDF could not be made.
    #[error("the PDF could not be made: {0}")]
    Pdf(String),
}

pub(crate) fn parse(svg: &str) -> Result<usvg::Tree, PictureError> {
    let mut options = usvg::Options::default();
    let mut fonts = usvg::fontdb::Database::new();
    fonts.load_font_data(FONT.to_vec());
    fonts.load_font_data(FONT_BOLD.to_vec());
    fonts.set_sans_serif_family(FONT_FAMILY);
    options.fontdb = Arc::new(fonts);
    usvg::Tree::from_str(svg, &options).map_err(|e| PictureError::Svg(e.to_string()))
}

/// The resolution of the SVG's own pixels, and of a PNG unless asked: 96 per inch.
pub const SCREEN_DPI: u32 = 96;

/// The most pixels a PNG is drawn with (400 MB of canvas): an A0 poster at 150 dpi.
pub const MAX_PNG_PIXELS: u64 = 100_000_000;

/// The pixel size of a PNG of the SVG at `dpi`: its own size at 96 dpi, 300/96 times as many
/// pixels each way at 300.
pub fn png_size(width: u32, height: u32, dpi: u32) -> (u32, u32) {
    let scale = f64::from(dpi) / f64::from(SCREEN_DPI);
    let side = |n: u32| (f64::from(n) * scale).round().max(1.0) as u32;
    (side(width), side(height))
}

/// Renders the SVG to a PNG at `dpi` ([`png_size`]), the resolution written in the file
/// (its `pHYs` chunk), so a word processor or a print shop places it at the size it was
/// drawn: 1600 pixels are 16.7 inches at 96 dpi, and as wide at 300 dpi with 5000 pixels.
pub fn png(svg: &str, dpi: u32) -> Result<Vec<u8>, PictureError> {
    let (w, h, data) = rgba(svg, dpi)?;
    let failed = |e: ::png::EncodingError| PictureError::Png(e.to_string());
    let mut out = Vec::new();
    let mut encoder = ::png::Encoder::new(&mut out, w, h);
    encoder.set_color(::png::ColorType::Rgba);
    encoder.set_depth(::png::BitDepth::Eight);
    let per_metre = (f64::from(dpi) / 0.0254).round() as u32;
    encoder.set_pixel_dims(Some(::png::PixelDimensions {
        xppu: per_metre,
        yppu: per_metre,
        unit: ::png::Unit::Meter,
    }));
    let mut writer = encoder.write_header().map_err(failed)?;
    writer.write_image_data(&data).map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(out)
}

/// wijkweb's icon (256 by 256), as the window, the desktop's menu and the package show it.
pub const ICON_SVG: &str = include_str!("../../assets/icon/wijkweb.svg");

/// The icon as a PNG of `size` by `size` pixels (a multiple of 8: 16, 24, 32… 512).
pub fn icon_png(size: u32) -> Result<Vec<u8>, PictureError> {
    png(ICON_SVG, icon_dpi(size))
}

/// The icon's pixels, RGBA, `size` by `size` (the window's icon).
pub fn icon_rgba(size: u32) -> Result<Vec<u8>, PictureError> {
    rgba(ICON_SVG, icon_dpi(size)).map(|(_, _, data)| data)
}

/// The resolution at which the 256-pixel icon is `size` pixels wide.
fn icon_dpi(size: u32) -> u32 {
    SCREEN_DPI * size / 256
}

/// The SVG's pixels at `dpi`, RGBA, with their width and height.
fn rgba(svg: &str, dpi: u32) -> Result<(u32, u32, Vec<u8>), PictureError> {
    let tree = parse(svg)?;
    let size = tree.size().to_int_size();
    let (w, h) = png_size(size.width(), size.height(), dpi);
    if u64::from(w) * u64::from(h) > MAX_PNG_PIXELS {
        return Err(PictureError::Png(format!(
            "{w}x{h} pixels at {dpi} dpi is more than {MAX_PNG_PIXELS}: choose a smaller \
             size or resolution"
        )));
    }
    let mut pixmap = tiny_skia::Pixmap::new(w, h)
        .ok_or_else(|| PictureError::Png(format!("no canvas of {w}x{h}")))?;
    let scale = w as f32 / size.width() as f32;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let mut data = Vec::with_capacity(pixmap.data().len());
    for pixel in pixmap.pixels() {
        let c = pixel.demultiply();
        data.extend_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
    }
    Ok((w, h, data))
}

/// What a PDF says about itself (its document information, which viewers show and search
/// by, and its language, which screen readers read it in).
#[derive(Clone, Debug)]
pub struct PdfInfo {
    /// The title.
    pub title: String,
    /// Who made it: the organisation (or the author and organisation) when given.
    pub author: Option<String>,
    /// The day it was made.
    pub day: crate::model::Date,
    /// The language of its words.
    pub language: crate::words::Language,
}

/// Converts the SVG to a one-page PDF of its physical size, with the font embedded.
pub fn pdf(svg: &str, info: &PdfInfo) -> Result<Vec<u8>, PictureError> {
    pdf_document(&[svg], info)
}

/// One PDF of `pages` (SVGs, each page its physical size), the font embedded, with its
/// title, author, date, creator and language.
pub fn pdf_document<S: AsRef<str>>(pages: &[S], info: &PdfInfo) -> Result<Vec<u8>, PictureError> {
    use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};
    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let tree_id = alloc.bump();
    let info_id = alloc.bump();
    let page_ids: Vec<Ref> = pages.iter().map(|_| alloc.bump()).collect();
    let mut pdf = Pdf::new();
    let language = match info.language {
        crate::words::Language::Dutch => "nl-NL",
        crate::words::Language::English => "en-GB",
    };
    pdf.catalog(catalog).pages(tree_id).lang(TextStr(language));
    pdf.pages(tree_id)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);
    {
        let mut document = pdf.document_info(info_id);
        document.title(TextStr(&info.title));
        if let Some(author) = &info.author {
            document.author(TextStr(author));
        }
        let day = info.day;
        let date = pdf_writer::Date::new(u16::try_from(day.year()).unwrap_or(2000))
            .month(u8::try_from(day.month()).unwrap_or(1))
            .day(u8::try_from(day.day()).unwrap_or(1));
        document
            .creator(TextStr("wijkweb"))
            .producer(TextStr("wijkweb"))
            .creation_date(date)
            .modified_date(date);
    }
    pdf.set_file_id((
        info.title.as_bytes().to_vec(),
        info.title.as_bytes().to_vec(),
    ));
    for (svg, &page_id) in pages.iter().zip(&page_ids) {
        let tree = parse(svg.as_ref())?;
        // usvg measures at 96 pixels per inch, a PDF in points (72 per inch).
        let size = tree.size();
        let (w, h) = (size.width() * 0.75, size.height() * 0.75);
        let (chunk, svg_id) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
            .map_err(|e| PictureError::Pdf(e.to_string()))?;
        let mut map = HashMap::new();
        let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
        let svg_id = map
            .get(&svg_id)
            .copied()
            .ok_or_else(|| PictureError::Pdf("the page's drawing went missing".into()))?;
        let content_id = alloc.bump();
        let name = Name(b"S1");
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, w, h));
        page.parent(tree_id);
        page.contents(content_id);
        page.resources().x_objects().pair(name, svg_id);
        page.finish();
        let mut content = Content::new();
        content.transform([w, 0.0, 0.0, h, 0.0, 0.0]).x_object(name);
        pdf.stream(content_id, &content.finish());
        pdf.extend(&chunk);
    }
    Ok(pdf.finish())
}
