//! The CPU part of a map frame without a window: the canvas builds its shapes and egui
//! tessellates them, for a laid-out network of 5,000 nodes and 20,000 relations (at "fit
//! all" and zoomed in to a street of about 50 nodes) and of 20,000 nodes and 60,000
//! relations at "fit all" (level of detail).
//!
//! Each case is measured twice: `redraw`, the frame after the network or its positions
//! changed (the layout runs, an edit), which rebuilds the batched mesh; and `pan`, a frame
//! while panning, which reuses it and only moves it to the screen.

use std::collections::BTreeSet;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::emath::TSTransform;
use egui::{Context, LayerId, Painter, RawInput, Rect, pos2, vec2};
use wijkweb::app::canvas::{Canvas, MapView, Overlay, Visibility};
use wijkweb::app::session::MapData;
use wijkweb::exchange::picture::ColourBy;
use wijkweb::graph::Network;
use wijkweb::layout::{ForceSettings, Start, layout, layout_graph};

const SCREEN: Rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(1280.0, 800.0));

/// A Barabási-Albert wijk laid out (a short layout: the drawing cost depends on how many
/// nodes and relations are on screen, not on the layout's polish).
fn wijk(n: usize, m: usize, iterations: usize) -> MapData {
    let (mut nodes, relations) = wijkweb::demo::barabasi_albert(n, m, 11);
    let network = Network::new(&nodes, &relations, wijkweb::model::today());
    let (order, graph) = layout_graph(&network);
    let positions = layout(
        &graph,
        &Start::Fresh { seed: 3 },
        ForceSettings::default(),
        iterations,
    );
    for (index, p) in order.iter().zip(&positions) {
        let id = &network.info(*index).unwrap().id;
        let node = nodes.iter_mut().find(|x| &x.id == id).unwrap();
        node.x = Some(p[0]);
        node.y = Some(p[1]);
    }
    MapData::new(nodes, relations)
}

/// One frame: the canvas paints, egui ends the pass and tessellates.
fn frame(ctx: &Context, canvas: &mut Canvas, data: &MapData, visible: &Visibility) -> usize {
    ctx.begin_pass(RawInput {
        screen_rect: Some(SCREEN),
        ..RawInput::default()
    });
    let painter = Painter::new(ctx.clone(), LayerId::background(), SCREEN);
    let view = MapView {
        data,
        visible,
        selection: &BTreeSet::new(),
        colour_by: ColourBy::Community,
        overlay: &Overlay::default(),
    };
    canvas.paint(&painter, SCREEN, &view);
    let output = ctx.end_pass();
    let primitives = ctx.tessellate(output.shapes, 1.0);
    primitives.len()
}

/// A view of about 50 nodes around the busiest node.
fn street(data: &MapData, canvas: &mut Canvas) {
    let busiest = (0..data.nodes.len())
        .max_by_key(|&i| data.degree[i])
        .unwrap_or(0);
    let p = data.positions[busiest];
    let mut d: Vec<f32> = data
        .positions
        .iter()
        .map(|q| ((q[0] - p[0]).powi(2) + (q[1] - p[1]).powi(2)).sqrt())
        .collect();
    d.sort_by(f32::total_cmp);
    let radius = d[50.min(d.len() - 1)].max(1.0);
    let scaling = SCREEN.height() / (2.0 * radius);
    canvas.to_screen = TSTransform::new(
        SCREEN.center().to_vec2() - vec2(p[0], p[1]) * scaling,
        scaling,
    );
}

fn bench_case(c: &mut Criterion, name: &str, data: &mut MapData, zoomed: bool) {
    let ctx = Context::default();
    let visible = Visibility::all(data);
    let mut canvas = Canvas::default();
    canvas.fit(data, SCREEN);
    if zoomed {
        street(data, &mut canvas);
    }
    // Warm up fonts and caches.
    frame(&ctx, &mut canvas, data, &visible);
    let mut group = c.benchmark_group(format!("frame/{name}"));
    group.sample_size(30);
    group.bench_function("redraw", |b| {
        b.iter(|| {
            data.positions_version += 1;
            frame(&ctx, &mut canvas, data, &visible)
        })
    });
    group.bench_function("pan", |b| {
        let mut step = 0.0f32;
        b.iter(|| {
            step = if step > 0.0 { -1.0 } else { 1.0 };
            canvas.to_screen.translation.x += step;
            frame(&ctx, &mut canvas, data, &visible)
        })
    });
    group.finish();
}

fn frames(c: &mut Criterion) {
    let mut medium = wijk(5_000, 4, 150);
    bench_case(c, "5k_nodes_20k_relations_fit_all", &mut medium, false);
    bench_case(c, "5k_nodes_20k_relations_street", &mut medium, true);
    let mut large = wijk(20_000, 3, 60);
    bench_case(c, "20k_nodes_60k_relations_fit_all", &mut large, false);
}

criterion_group!(benches, frames);
criterion_main!(benches);
