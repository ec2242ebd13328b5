//! The ecogram's lines as shapes: the zigzag of a burdening relation, the arrowheads of
//! who supports whom and where the support letters go. The casus pack (SVG) and the
//! app's netwerkcirkel (egui) draw from these points, so paper and screen agree.

use crate::model::SupportDirection;

/// A point (x, y).
pub type Point = [f64; 2];

/// The point `d` along from `a` towards `b` (`a` itself when they coincide).
pub fn towards(a: Point, b: Point, d: f64) -> Point {
    let len = (b[0] - a[0]).hypot(b[1] - a[1]);
    if len < 1e-9 {
        return a;
    }
    [
        a[0] + (b[0] - a[0]) * d / len,
        a[1] + (b[1] - a[1]) * d / len,
    ]
}

/// The corners of a zigzag from `a` to `b`: a corner every `step` along the line,
/// `amplitude` to either side in turn; the ends are `a` and `b`.
pub fn zigzag(a: Point, b: Point, step: f64, amplitude: f64) -> Vec<Point> {
    let len = (b[0] - a[0]).hypot(b[1] - a[1]);
    if len < 1e-9 || step <= 0.0 || !len.is_finite() {
        return vec![a, b];
    }
    let (ux, uy) = ((b[0] - a[0]) / len, (b[1] - a[1]) / len);
    let (nx, ny) = (-uy, ux);
    // Bounded: a line a million steps long on a far zoom still has few corners.
    let steps = ((len / step).floor() as usize).clamp(2, 400);
    let mut points = Vec::with_capacity(steps + 1);
    points.push(a);
    for k in 1..steps {
        let t = len * k as f64 / steps as f64;
        let side = if k % 2 == 0 { -amplitude } else { amplitude };
        points.push([a[0] + ux * t + nx * side, a[1] + uy * t + ny * side]);
    }
    points.push(b);
    points
}

/// An arrowhead at `tip`, pointing away from `from`, `length` long: its three corners.
pub fn arrowhead(from: Point, tip: Point, length: f64) -> [Point; 3] {
    let back = towards(tip, from, length);
    let (dx, dy) = (tip[0] - back[0], tip[1] - back[1]);
    let (nx, ny) = (-dy * 0.45, dx * 0.45);
    [
        tip,
        [back[0] + nx, back[1] + ny],
        [back[0] - nx, back[1] - ny],
    ]
}

/// Which ends of a line from the resident to a contact carry an arrowhead, for who
/// supports whom: (at the resident, at the contact). The arrow points at the one who is
/// supported.
pub fn arrows(direction: Option<SupportDirection>) -> (bool, bool) {
    match direction {
        Some(SupportDirection::ToTarget) => (false, true),
        Some(SupportDirection::ToSource) => (true, false),
        Some(SupportDirection::Mutual) => (true, true),
        None => (false, false),
    }
}

/// Where the support letters of a line from `a` to `b` are written: a little past its
/// middle, away from the crowd at the resident.
pub fn letters_at(a: Point, b: Point) -> Point {
    towards(a, b, (b[0] - a[0]).hypot(b[1] - a[1]) * 0.55)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zigzag_runs_from_end_to_end_and_turns_to_both_sides() {
        let points = zigzag([0.0, 0.0], [70.0, 0.0], 7.0, 4.0);
        assert_eq!(points.first(), Some(&[0.0, 0.0]));
        assert_eq!(points.last(), Some(&[70.0, 0.0]));
        assert_eq!(points.len(), 11);
        assert!(points.iter().any(|p| p[1] > 3.9) && points.iter().any(|p| p[1] < -3.9));
        // Degenerate and absurd lines are still lines, and short.
        assert_eq!(zigzag([1.0, 1.0], [1.0, 1.0], 7.0, 4.0).len(), 2);
        assert!(zigzag([0.0, 0.0], [1e12, 0.0], 7.0, 4.0).len() <= 401);
        assert_eq!(zigzag([0.0, 0.0], [f64::INFINITY, 0.0], 7.0, 4.0).len(), 2);
    }

    #[test]
    fn an_arrow_points_at_the_one_who_is_supported() {
        let [tip, left, right] = arrowhead([0.0, 0.0], [100.0, 0.0], 10.0);
        assert_eq!(tip, [100.0, 0.0]);
        assert!((left[0] - 90.0).abs() < 1e-9 && (right[0] - 90.0).abs() < 1e-9);
        assert!(left[1] > 0.0 && right[1] < 0.0);
        // The resident supports the contact: the arrow is at the contact.
        assert_eq!(arrows(Some(SupportDirection::ToTarget)), (false, true));
        assert_eq!(arrows(Some(SupportDirection::ToSource)), (true, false));
        assert_eq!(arrows(Some(SupportDirection::Mutual)), (true, true));
        assert_eq!(arrows(None), (false, false));
    }
}
