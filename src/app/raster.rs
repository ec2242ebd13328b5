//! The relations of a large wijk as one picture: drawn off the UI thread with tiny-skia
//! (the export pictures' rasteriser) at the view's own pixels, then shown as a single
//! texture. A software renderer (Mesa's llvmpipe, a remote desktop) spends a quarter of a
//! second drawing 15,000 thin lines as triangles; one texture costs it next to nothing.
//! While the view moves, or the layout moves the nodes, the last picture is shown moved
//! and scaled with the view, and a new one is drawn as soon as the one being drawn is done:
//! the map answers every frame, and the lines catch up within a few.

use std::sync::mpsc::{Receiver, TryRecvError};

use egui::emath::TSTransform;
use egui::{Color32, Pos2, Rect, pos2};
use resvg::tiny_skia;

/// One relation in screen points: its ends, width, colour and whether it is dashed (weak
/// or ended), and whether it ends in an arrowhead (a referral) of the given size.
#[derive(Clone, Copy, Debug)]
pub struct Line {
    /// From.
    pub a: Pos2,
    /// To.
    pub b: Pos2,
    /// Width in points.
    pub width: f32,
    /// Colour.
    pub colour: Color32,
    /// Dashed.
    pub dashed: bool,
    /// An arrowhead at `b`, set back by this many points (the target's radius).
    pub arrow: Option<f32>,
}

/// What a picture was drawn for: the data it shows and the view it was drawn in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Key {
    /// The data's version, its positions' and the filters'.
    pub versions: (u64, u64, u64),
    /// World to screen when it was drawn.
    pub view: TSTransform,
    /// The area it covers, in screen points.
    pub area: Rect,
}

struct Picture {
    key: Key,
    image: egui::ColorImage,
}

/// The relation layer: the picture shown and the one being drawn.
#[derive(Default)]
pub struct RelationLayer {
    shown: Option<(Key, egui::TextureHandle)>,
    drawing: Option<(Key, Receiver<Picture>)>,
    /// The key of the last picture asked for (drawn or being drawn).
    asked: Option<Key>,
}

impl RelationLayer {
    /// Whether a picture for exactly `key` is shown or on its way (then nothing is asked).
    fn has(&self, key: &Key) -> bool {
        self.asked.as_ref() == Some(key)
    }

    /// Asks for a picture for `key` of the lines `lines()` gives, unless one is being drawn
    /// (it is asked again when that one arrives) or this one is known already.
    pub fn ask(&mut self, key: Key, pixels_per_point: f32, lines: impl FnOnce() -> Vec<Line>) {
        if self.has(&key) || self.drawing.is_some() {
            return;
        }
        let lines = lines();
        let (send, receive) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("wijkweb-relations".into())
            .spawn(move || {
                let image = rasterise(&lines, key.area, pixels_per_point);
                let _ignored = send.send(Picture { key, image });
            });
        if spawned.is_ok() {
            self.drawing = Some((key, receive));
            self.asked = Some(key);
        }
    }

    /// Takes a finished picture into a texture. Returns whether one arrived.
    pub fn poll(&mut self, ctx: &egui::Context) -> bool {
        let Some((_, receive)) = &self.drawing else {
            return false;
        };
        match receive.try_recv() {
            Ok(picture) => {
                self.drawing = None;
                let options = egui::TextureOptions::LINEAR;
                match &mut self.shown {
                    Some((key, texture)) => {
                        texture.set(picture.image, options);
                        *key = picture.key;
                    }
                    None => {
                        let texture = ctx.load_texture("wijkweb-relations", picture.image, options);
                        self.shown = Some((picture.key, texture));
                    }
                }
                true
            }
            Err(TryRecvError::Empty) => false,
            Err(TryRecvError::Disconnected) => {
                self.drawing = None;
                self.asked = None;
                false
            }
        }
    }

    /// Whether a picture is being drawn.
    pub fn is_drawing(&self) -> bool {
        self.drawing.is_some()
    }

    /// Draws the picture shown, moved and scaled from the view it was drawn in to `view`.
    pub fn paint(&self, painter: &egui::Painter, view: TSTransform) {
        let Some((key, texture)) = &self.shown else {
            return;
        };
        // Screen then -> world -> screen now: a scale and a shift.
        let then_to_now = view * key.view.inverse();
        let rect = Rect::from_min_max(then_to_now * key.area.min, then_to_now * key.area.max);
        painter.image(
            texture.id(),
            rect,
            Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
            Color32::WHITE,
        );
    }

    /// Forgets the pictures (another wijk, or few enough relations to draw as lines).
    pub fn clear(&mut self) {
        *self = Self::default();
    }
}

/// Draws `lines` into an image of `area` (screen points) at `pixels_per_point`.
fn rasterise(lines: &[Line], area: Rect, pixels_per_point: f32) -> egui::ColorImage {
    let ppp = pixels_per_point.max(0.5);
    let w = ((area.width() * ppp).round() as u32).clamp(1, 8192);
    let h = ((area.height() * ppp).round() as u32).clamp(1, 8192);
    let Some(mut pixmap) = tiny_skia::Pixmap::new(w, h) else {
        return egui::ColorImage::new([1, 1], vec![Color32::TRANSPARENT]);
    };
    let to_pixels = |p: Pos2| ((p.x - area.min.x) * ppp, (p.y - area.min.y) * ppp);
    let mut paint = tiny_skia::Paint {
        anti_alias: true,
        ..tiny_skia::Paint::default()
    };
    for line in lines {
        let [r, g, b, a] = line.colour.to_srgba_unmultiplied();
        paint.set_color_rgba8(r, g, b, a);
        let (ax, ay) = to_pixels(line.a);
        let (bx, by) = to_pixels(line.b);
        let mut path = tiny_skia::PathBuilder::new();
        path.move_to(ax, ay);
        path.line_to(bx, by);
        let Some(path) = path.finish() else {
            continue;
        };
        let mut stroke = tiny_skia::Stroke {
            width: (line.width * ppp).max(0.5),
            ..tiny_skia::Stroke::default()
        };
        if line.dashed {
            stroke.dash = tiny_skia::StrokeDash::new(vec![5.0 * ppp, 5.0 * ppp], 0.0);
        }
        pixmap.stroke_path(
            &path,
            &paint,
            &stroke,
            tiny_skia::Transform::identity(),
            None,
        );
        if let Some(back) = line.arrow {
            let (dx, dy) = (bx - ax, by - ay);
            let len = (dx * dx + dy * dy).sqrt();
            let size = 4.0 * ppp;
            if len > back * ppp + 2.0 * size {
                let (ux, uy) = (dx / len, dy / len);
                let tip = (bx - ux * back * ppp, by - uy * back * ppp);
                let base = (tip.0 - ux * 2.0 * size, tip.1 - uy * 2.0 * size);
                let mut head = tiny_skia::PathBuilder::new();
                head.move_to(tip.0, tip.1);
                head.line_to(base.0 - uy * size, base.1 + ux * size);
                head.line_to(base.0 + uy * size, base.1 - ux * size);
                head.close();
                if let Some(head) = head.finish() {
                    pixmap.fill_path(
                        &head,
                        &paint,
                        tiny_skia::FillRule::Winding,
                        tiny_skia::Transform::identity(),
                        None,
                    );
                }
            }
        }
    }
    egui::ColorImage::from_rgba_premultiplied([w as usize, h as usize], pixmap.data())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_of_one_line_has_its_pixels_on_the_line_and_nowhere_else() {
        let area = Rect::from_min_max(pos2(0.0, 0.0), pos2(100.0, 50.0));
        let line = Line {
            a: pos2(10.0, 25.0),
            b: pos2(90.0, 25.0),
            width: 2.0,
            colour: Color32::BLACK,
            dashed: false,
            arrow: None,
        };
        let image = rasterise(&[line], area, 1.0);
        assert_eq!(image.size, [100, 50]);
        let at = |x: usize, y: usize| image.pixels[y * 100 + x];
        assert!(at(50, 25).a() > 200, "on the line");
        assert_eq!(at(50, 5).a(), 0, "beside it");
        assert_eq!(at(2, 25).a(), 0, "before its start");
    }
}
