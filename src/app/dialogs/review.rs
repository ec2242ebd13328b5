//! What is due for review (retention, consent, legal basis), and the retention periods.

use egui::{Context, Id, TextEdit};

use super::Outcome;
use crate::app::i18n::{Texts, fill};
use crate::privacy::ReviewItem;
use crate::store::privacy::Retention;

/// The review dialog's state.
#[derive(Clone, Debug)]
pub struct ReviewDialog {
    /// The items, persons first.
    pub items: Vec<ReviewItem>,
    /// The retention periods in months as typed (persons, organisations, initiatives,
    /// ended relations, casus moments); empty is none.
    pub periods: [String; 5],
    /// Why the periods typed cannot be kept.
    pub error: Option<String>,
}

impl ReviewDialog {
    /// The list of what is due for review, with the retention periods to change.
    pub fn new(items: Vec<ReviewItem>, retention: Retention) -> Self {
        let text = |m: Option<u32>| m.map(|m| m.to_string()).unwrap_or_default();
        Self {
            items,
            periods: [
                text(retention.person),
                text(retention.organisation),
                text(retention.initiative),
                text(retention.relation),
                text(retention.moment),
            ],
            error: None,
        }
    }

    /// Shows it; returns whether it stays open, and the outcome.
    pub(super) fn show(&mut self, ctx: &Context, t: &Texts) -> (bool, Outcome) {
        let mut outcome = Outcome::None;
        let mut open = true;
        let Self {
            items,
            periods,
            error,
        } = self;
        egui::Window::new(t.review.trim_end_matches('…'))
            .id(Id::unique("review_dialog"))
            .collapsible(false)
            .open(&mut open)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.set_max_width(520.0);
                ui.strong(t.retention);
                egui::Grid::new(Id::unique("retention_grid")).show(ui, |ui| {
                    for (k, (label, text)) in
                        t.retention_kinds.iter().zip(periods.iter_mut()).enumerate()
                    {
                        let label = ui.label(*label);
                        ui.add(
                            TextEdit::singleline(text)
                                .id(Id::unique(("retention_field", k)))
                                .desired_width(60.0),
                        )
                        .labelled_by(label.id);
                        ui.label(t.months);
                        ui.end_row();
                    }
                });
                if let Some(error) = error.as_ref() {
                    ui.colored_label(ui.visuals().error_fg_color, error.as_str());
                }
                if ui.button(t.keep_retention).clicked() {
                    match parse_periods(periods) {
                        Some(retention) => outcome = Outcome::Retention(retention),
                        None => *error = Some(t.retention_invalid.to_owned()),
                    }
                }
                ui.separator();
                if items.is_empty() {
                    ui.label(t.review_nothing);
                    return;
                }
                ui.strong(fill(t.review_count, &[&items.len().to_string()]));
                ui.weak(t.review_hint);
                egui::ScrollArea::vertical()
                    .max_height(420.0)
                    .show(ui, |ui| {
                        for item in items.iter() {
                            if ui.link(&item.name).clicked() {
                                outcome = Outcome::Select(match &item.ends {
                                    Some((a, b)) => vec![a.clone(), b.clone()],
                                    None => vec![item.id.clone()],
                                });
                            }
                            for reason in &item.reasons {
                                ui.label(format!("· {}", t.review_reason(*reason)));
                            }
                            if let Some(number) = item.moment
                                && ui.button(t.delete_moment).clicked()
                            {
                                outcome = Outcome::DeleteMoment(number);
                            }
                            ui.add_space(4.0);
                        }
                    });
            });
        if matches!(outcome, Outcome::Select(_) | Outcome::Retention(_)) {
            open = false;
        }
        (open, outcome)
    }
}

/// Retention periods from what was typed: whole months, 1 or more; empty (or 0) is none.
fn parse_periods(periods: &[String; 5]) -> Option<Retention> {
    let month = |text: &String| -> Option<Option<u32>> {
        match text.trim() {
            "" | "0" => Some(None),
            t => t.parse::<u32>().ok().map(Some),
        }
    };
    Some(Retention {
        person: month(&periods[0])?,
        organisation: month(&periods[1])?,
        initiative: month(&periods[2])?,
        relation: month(&periods[3])?,
        moment: month(&periods[4])?,
    })
}
