//! The help overlay: the keyboard shortcuts, made from the commands themselves, then what
//! the mouse does.

use egui::{Context, Id};

use crate::app::commands::Command;
use crate::app::i18n::Texts;

/// The shortcut list, made from the commands themselves (so it says what the keys do),
/// then what the mouse does; returns whether it stays open.
pub fn help(ctx: &Context, t: &Texts) -> bool {
    let mut open = true;
    let mut close = false;
    egui::Window::new(t.shortcuts)
        .id(Id::unique("help_overlay"))
        .open(&mut open)
        .collapsible(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for command in Command::ALL {
                    if let Some(keys) = command.keys_text(ctx) {
                        ui.strong(keys);
                        let what = match command {
                            Command::Help => t.this_list,
                            other => other.label(t).trim_end_matches('…'),
                        };
                        ui.label(what);
                        ui.end_row();
                    }
                }
                for (keys, what) in t.mouse_rows {
                    ui.strong(keys);
                    ui.label(what);
                    ui.end_row();
                }
            });
            ui.weak(t.keys_on_map);
            close = ui.button(t.close).clicked();
        });
    open && !close
}
