//! The netwerkcirkel's lines on screen in ecogram style, as the casus pack prints them:
//! steunend thick and solid, neutraal thin and dotted, belastend a red zigzag; the support
//! letters on the line and an arrowhead at whoever is supported. The shapes come from the
//! core's `layout::ecogram`; this file only paints them.

use egui::{Color32, FontId, Painter, Pos2, Shape, Stroke, pos2, vec2};

use super::theme;
use crate::layout::ecogram;
use crate::model::Quality;

/// One line of the circle between two nodes (indexes into the ego view's data).
#[derive(Clone, Debug, PartialEq)]
pub struct EcogramLine {
    /// One end (the resident, for her own lines).
    pub from: usize,
    /// The other end.
    pub to: usize,
    /// Steunend, neutraal or belastend.
    pub quality: Quality,
    /// The support letters written on it ("PE"); empty: none.
    pub letters: String,
    /// Arrowheads at (`from`, `to`): the one the arrow points at is supported.
    pub arrows: (bool, bool),
    /// A line between two contacts: thinner and grey, under the resident's lines.
    pub faint: bool,
}

fn point(p: Pos2) -> ecogram::Point {
    [f64::from(p.x), f64::from(p.y)]
}

fn pos(p: ecogram::Point) -> Pos2 {
    pos2(p[0] as f32, p[1] as f32)
}

/// Paints the line from `a` to `b` (screen points, already clear of the nodes' shapes)
/// in the style of `quality`.
pub fn paint_line(painter: &Painter, a: Pos2, b: Pos2, quality: Quality, faint: bool) {
    let ink = if faint {
        theme::ECOGRAM_FAINT
    } else {
        theme::ECOGRAM_INK
    };
    match quality {
        Quality::Supportive => {
            let width = if faint { 1.6 } else { 3.2 };
            painter.line_segment([a, b], Stroke::new(width, ink));
        }
        Quality::Neutral => {
            painter.extend(Shape::dashed_line(&[a, b], Stroke::new(1.3, ink), 2.0, 3.0));
        }
        Quality::Burdening => {
            let points = ecogram::zigzag(point(a), point(b), 7.0, 4.0)
                .into_iter()
                .map(pos)
                .collect();
            let colour = if faint {
                theme::ECOGRAM_FAINT
            } else {
                theme::BURDENING
            };
            let width = if faint { 1.2 } else { 2.0 };
            painter.add(Shape::line(points, Stroke::new(width, colour)));
        }
    }
}

/// An arrowhead at `tip`, pointing away from `from`.
pub fn paint_arrow(painter: &Painter, from: Pos2, tip: Pos2, colour: Color32) {
    let corners = ecogram::arrowhead(point(from), point(tip), 11.0).map(pos);
    painter.add(Shape::convex_polygon(
        corners.to_vec(),
        colour,
        Stroke::NONE,
    ));
}

/// The support letters in a small white box at `at`, unless the box would cover one
/// already in `taken` (a crowded circle: zooming in shows them); the box is added to it.
pub fn paint_letters(painter: &Painter, at: Pos2, letters: &str, taken: &mut Vec<egui::Rect>) {
    let galley = painter.layout_no_wrap(
        letters.to_owned(),
        FontId::proportional(11.0),
        theme::ECOGRAM_INK,
    );
    let rect = egui::Rect::from_center_size(at, galley.size() + vec2(6.0, 2.0));
    if taken.iter().any(|t| t.intersects(rect)) {
        return;
    }
    taken.push(rect);
    painter.rect(
        rect,
        3.0,
        Color32::WHITE,
        Stroke::new(1.0, theme::RING_GUIDE),
        egui::StrokeKind::Inside,
    );
    painter.galley(
        rect.center() - galley.size() / 2.0,
        galley,
        theme::ECOGRAM_INK,
    );
}

/// Paints `lines` between the nodes at `screen(i)`, each kept `clear(i)` points off its
/// nodes, so that an arrowhead is seen beside the shape it points at. The faint lines
/// between contacts go first, under the resident's.
pub fn paint(
    painter: &Painter,
    lines: &[EcogramLine],
    screen: impl Fn(usize) -> Option<Pos2>,
    clear: impl Fn(usize) -> f32,
) {
    let ends = |line: &EcogramLine| {
        let (a, b) = (screen(line.from)?, screen(line.to)?);
        let start = pos(ecogram::towards(
            point(a),
            point(b),
            f64::from(clear(line.from)),
        ));
        let end = pos(ecogram::towards(
            point(b),
            point(a),
            f64::from(clear(line.to)),
        ));
        // Two nodes on top of each other: no line to see.
        ((end - start).dot(b - a) > 0.0).then_some((start, end))
    };
    let mut taken = Vec::new();
    for faint in [true, false] {
        for line in lines.iter().filter(|l| l.faint == faint) {
            let Some((start, end)) = ends(line) else {
                continue;
            };
            paint_line(painter, start, end, line.quality, line.faint);
            let colour = if line.quality == Quality::Burdening {
                theme::BURDENING
            } else {
                theme::ECOGRAM_INK
            };
            if line.arrows.1 {
                paint_arrow(painter, start, end, colour);
            }
            if line.arrows.0 {
                paint_arrow(painter, end, start, colour);
            }
            if !line.letters.is_empty() {
                let at = pos(ecogram::letters_at(point(start), point(end)));
                paint_letters(painter, at, &line.letters, &mut taken);
            }
        }
    }
}
