//! "Wat is veranderd sinds…": what changed in the wijk, or in one resident's network,
//! between two days, as lines a person reads (the core's `graph::changes`, worded by
//! `words`). The app works it out; the dialog shows it and asks for other days.

use egui::{Context, Id, TextEdit};

use super::Outcome;
use crate::app::i18n::Texts;

/// The dialog's state.
#[derive(Clone, Debug)]
pub struct ChangesDialog {
    /// Whose network (her id), or none: the whole wijk.
    pub ego: Option<String>,
    /// The earlier day, as typed.
    pub since: String,
    /// The later day, as typed (empty: today).
    pub until: String,
    /// Its heading ("Wat is er veranderd van 1-6-2026 tot 2-12-2026 bij Naima").
    pub heading: String,
    /// The changes, one line each.
    pub lines: Vec<String>,
    /// Why the days typed cannot be used.
    pub error: Option<String>,
    /// Her moments (number and line), the newest first, to ask what changed since one.
    pub moments: Vec<(i64, String)>,
    /// The changes to draw on the map ("Toon op de kaart"), when there are any.
    pub on_map: Option<crate::app::time::ChangesOnMap>,
}

impl ChangesDialog {
    /// Shows it; returns whether it stays open, and the outcome (other days to show).
    pub(super) fn show(&mut self, ctx: &Context, t: &Texts) -> (bool, Outcome) {
        let mut outcome = Outcome::None;
        let mut open = true;
        egui::Window::new(t.changes_since.trim_end_matches('…'))
            .id(Id::unique("changes_dialog"))
            .collapsible(false)
            .open(&mut open)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.set_max_width(560.0);
                let mut asked = false;
                ui.horizontal(|ui| {
                    for (label, text, id) in [
                        (t.since, &mut self.since, "changes_since"),
                        (t.until, &mut self.until, "changes_until"),
                    ] {
                        let label = ui.label(label);
                        let field = ui
                            .add(
                                TextEdit::singleline(text)
                                    .id(Id::unique(id))
                                    .desired_width(96.0),
                            )
                            .labelled_by(label.id);
                        asked |=
                            field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    }
                    asked |= ui.button(t.changes_show).clicked();
                });
                ui.weak(t.date_hint);
                if !self.moments.is_empty() {
                    ui.label(t.moments_heading);
                    ui.horizontal_wrapped(|ui| {
                        for (number, line) in self.moments.iter().take(8) {
                            if ui.small_button(line).clicked() {
                                outcome = Outcome::ChangesSinceMoment(*number);
                            }
                        }
                    });
                }
                if let Some(error) = &self.error {
                    ui.colored_label(ui.visuals().error_fg_color, error.as_str());
                }
                ui.separator();
                ui.horizontal_wrapped(|ui| {
                    ui.strong(&self.heading);
                    if let Some(on_map) = self.on_map.as_ref().filter(|m| !m.lines.is_empty())
                        && ui.button(t.show_changes_on_map).clicked()
                    {
                        outcome = Outcome::ChangesOnMap(on_map.clone());
                    }
                });
                if self.lines.is_empty() {
                    ui.label(t.words.changes.nothing);
                }
                egui::ScrollArea::vertical()
                    .max_height(420.0)
                    .show(ui, |ui| {
                        for line in &self.lines {
                            ui.label(line);
                        }
                    });
                if asked {
                    outcome = Outcome::Changes {
                        ego: self.ego.clone(),
                        since: self.since.clone(),
                        until: self.until.clone(),
                    };
                }
            });
        (open, outcome)
    }
}
