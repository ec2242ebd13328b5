//! Time on the map. "Kaart op datum": the wijk as it was on a day of the past (the map,
//! the answers and the netwerkcirkel), read-only and marked as the past by a banner with
//! the way back to today. And what changed drawn on the map ("Toon op de kaart" in "Wat is
//! veranderd sinds…"): new relations green, ended grey and dashed, changed orange, as on
//! the casus pack's page 3.

use egui::{Id, RichText, TextEdit, Ui};

use super::canvas::{ChangeLine, ChangeMark};
use super::i18n::{Texts, fill};
use super::session::MapData;
use super::{WijkApp, theme};
use crate::graph::changes::Changes;
use crate::model::{Date, NodeId};

/// What the makelaar typed and was told in the "Kaart op datum" control.
#[derive(Clone, Debug, Default)]
pub struct PastControl {
    /// The day as typed.
    pub text: String,
    /// Why it cannot be shown.
    pub error: Option<String>,
}

/// What changed between two days, to be drawn on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangesOnMap {
    /// What it is ("Wat is veranderd van 1-6-2026 tot 2-12-2026: Naima").
    pub heading: String,
    /// The relations that changed, by their ends, and how.
    pub lines: Vec<(NodeId, NodeId, ChangeMark)>,
}

impl ChangesOnMap {
    /// The changes `found`, under `heading`.
    pub fn new(heading: String, found: &Changes) -> Self {
        let ends = |r: &crate::model::NamedRelation| (r.source.clone(), r.target.clone());
        let lines = found
            .added
            .iter()
            .map(|r| (ends(r), ChangeMark::Added))
            .chain(found.ended.iter().map(|r| (ends(r), ChangeMark::Ended)))
            .chain(
                found
                    .changed
                    .iter()
                    .map(|c| (ends(&c.relation), ChangeMark::Changed)),
            )
            .map(|((a, b), mark)| (a, b, mark))
            .collect();
        Self { heading, lines }
    }

    /// The lines on the map of `data`: those whose two ends are on it (an erased person's
    /// are not).
    pub fn overlay(&self, data: &MapData) -> Vec<ChangeLine> {
        self.lines
            .iter()
            .filter_map(|(a, b, mark)| {
                Some(ChangeLine {
                    from: *data.index.get(a)?,
                    to: *data.index.get(b)?,
                    mark: *mark,
                })
            })
            .collect()
    }
}

/// The day typed, read as the day of a map of the past: a day before today.
pub fn past_day(t: &Texts, text: &str, today: Date) -> Result<Date, String> {
    let day = crate::model::parse_date(text.trim()).ok_or_else(|| fill(t.not_a_date, &[text]))?;
    if day >= today {
        return Err(fill(t.past_not_before_today, &[&t.words.date(day)]));
    }
    Ok(day)
}

impl WijkApp {
    /// "Kaart op datum" in the toolbar: a day typed and shown, or the way back to today.
    pub(super) fn past_control(&mut self, ui: &mut Ui) {
        let t = self.texts();
        let Some(session) = &self.session else {
            return;
        };
        let as_of = session.data.as_of;
        let mut show = None;
        // It stays open while she types and is told what is wrong with the day.
        let config = egui::containers::menu::MenuConfig::new()
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
        egui::containers::menu::MenuButton::new(t.map_on_date)
            .config(config)
            .ui(ui, |ui| {
                ui.set_min_width(240.0);
                ui.horizontal(|ui| {
                    let label = ui.label(t.day_label);
                    let field = ui
                        .add(
                            TextEdit::singleline(&mut self.past.text)
                                .id(Id::unique("map_on_date"))
                                .hint_text(t.past_day_hint)
                                .desired_width(130.0),
                        )
                        .labelled_by(label.id);
                    let entered =
                        field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui.button(t.changes_show).clicked() || entered {
                        show = Some(past_day(t, &self.past.text, crate::model::today()).map(Some));
                    }
                });
                ui.weak(t.map_on_date_hint);
                if let Some(error) = &self.past.error {
                    ui.colored_label(ui.visuals().error_fg_color, error.as_str());
                }
                if as_of.is_some() && ui.button(t.back_to_today).clicked() {
                    show = Some(Ok(None));
                }
                if matches!(show, Some(Ok(_))) {
                    ui.close();
                }
            });
        match show {
            Some(Ok(day)) => {
                self.past.error = None;
                self.show_day(day);
            }
            Some(Err(error)) => self.past.error = Some(error),
            None => {}
        }
    }

    /// Shows the wijk as it was on `day` (none: today again); what was drawn of another
    /// day's changes goes.
    pub fn show_day(&mut self, day: Option<Date>) {
        let months = self.settings.stale_months;
        if let Some(session) = self.session.as_mut() {
            session.set_view(day, months);
            self.changes_on_map = None;
            // Who was not in the wijk that day is not on its map: not selected either.
            let data = &session.data;
            self.selection.retain(|id| {
                data.index
                    .get(id.as_str())
                    .is_some_and(|&i| data.present[i])
            });
            // The filters' and answers' caches are keyed by the data's version, which is
            // new: they are worked out again on this day.
            self.visibility_key = (u64::MAX, u64::MAX);
        }
    }

    /// The banners under the toolbar for a map of the past and for changes on the map,
    /// each with its way back.
    pub(super) fn time_banners(&mut self, ui: &mut Ui) {
        let t = self.texts();
        let as_of = self.session.as_ref().and_then(|s| s.data.as_of);
        let mut today = false;
        let mut clear = false;
        if let Some(day) = as_of {
            egui::Frame::new()
                .fill(theme::PAST_BANNER)
                .inner_margin(4.0)
                .show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(
                            RichText::new(fill(t.past_banner, &[&t.words.date(day)]))
                                .strong()
                                .color(theme::BANNER_TEXT),
                        );
                        today = ui.button(t.back_to_today).clicked();
                    });
                });
        }
        if let Some(changes) = &self.changes_on_map {
            ui.horizontal_wrapped(|ui| {
                ui.label(fill(t.changes_on_map_banner, &[&changes.heading]));
                clear = ui.button(t.changes_off_map).clicked();
            });
        }
        if today {
            self.show_day(None);
        }
        if clear {
            self.changes_on_map = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, NodeKind, Relation, RelationKind};

    fn node(id: &str, since: Option<&str>, until: Option<&str>) -> Node {
        let mut n = Node::new(NodeKind::Person, id.to_uppercase());
        n.id = id.into();
        n.since = since.map(|d| d.parse().unwrap());
        n.until = until.map(|d| d.parse().unwrap());
        n
    }

    #[test]
    fn the_map_of_a_day_holds_what_held_then_and_faded_ties_only_today() {
        let day = |d: &str| -> Date { d.parse().unwrap() };
        let nodes = vec![
            node("a", None, None),
            node("b", None, Some("2024-01-01")),
            node("c", Some("2025-01-01"), None),
        ];
        let mut ab = Relation::with_id("r1", "a", "b", RelationKind::Knows);
        ab.since = Some(day("2020-01-01"));
        ab.confirmed = Some(day("2020-01-01"));
        let mut ac = Relation::with_id("r2", "a", "c", RelationKind::Knows);
        ac.since = Some(day("2025-02-01"));
        ac.confirmed = Some(crate::model::today());
        let mut past = MapData::on(
            nodes.clone(),
            vec![ab.clone(), ac.clone()],
            Some(day("2023-06-01")),
            12,
        );
        assert_eq!(past.present, vec![true, true, false]);
        assert_eq!(past.current, vec![true, false]);
        assert_eq!(
            past.stale,
            vec![false, false],
            "nothing is stale in the past"
        );
        assert_eq!(past.network.node_count(), 2);
        assert_eq!(past.network.relation_count(), 1);
        let now = MapData::on(nodes, vec![ab, ac], None, 12);
        assert_eq!(now.present, vec![true, false, true]);
        // Her tie with B ended when B left; the one with C holds, confirmed today.
        assert_eq!(now.current, vec![false, true]);
        assert_eq!(now.stale, vec![false, false]);
        // Confirmed in 2020 and still holding: stale today.
        past.relations[0].until = None;
        let nodes = vec![node("a", None, None), node("b", None, None)];
        let now = MapData::on(nodes, vec![past.relations[0].clone()], None, 12);
        assert_eq!(now.stale, vec![true]);
        let filters = super::super::filters::Filters::default();
        assert_eq!(filters.apply(&now, 1).relations, vec![true]);
    }

    #[test]
    fn who_left_the_wijk_is_placed_beside_whom_she_knew_not_piled_on_one_point() {
        let mut a = node("a", None, None);
        (a.x, a.y) = (Some(100.0), Some(0.0));
        let mut b = node("b", None, None);
        (b.x, b.y) = (Some(0.0), Some(100.0));
        let gone = |id: &str| node(id, Some("2020-01-01"), Some("2023-01-01"));
        let relations = vec![
            Relation::with_id("r1", "g1", "a", RelationKind::Knows),
            Relation::with_id("r2", "g1", "b", RelationKind::Knows),
            Relation::with_id("r3", "g2", "a", RelationKind::Knows),
            Relation::with_id("r4", "g2", "b", RelationKind::Knows),
            // She knew only someone who left too.
            Relation::with_id("r5", "g3", "g1", RelationKind::Knows),
            // A and B know each other today: the layout placed them.
            Relation::with_id("r6", "a", "b", RelationKind::Knows),
        ];
        let data = MapData::on(
            vec![a, b, gone("g1"), gone("g2"), gone("g3")],
            relations,
            Some("2022-01-01".parse().unwrap()),
            12,
        );
        let at = |id: &str| data.positions[data.index[id]];
        let near = |p: [f32; 2], q: [f32; 2], most: f32| {
            let d = ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt();
            d > 1.0 && d <= most
        };
        assert_eq!(at("a"), [100.0, 0.0], "a stored place stays");
        assert!(near(at("g1"), [50.0, 50.0], 100.0), "{:?}", at("g1"));
        assert!(near(at("g2"), [50.0, 50.0], 100.0), "{:?}", at("g2"));
        assert_ne!(at("g1"), at("g2"), "two of the same neighbours apart");
        assert!(near(at("g3"), at("g1"), 100.0), "{:?}", at("g3"));
    }

    #[test]
    fn a_day_of_the_past_must_be_a_day_before_today() {
        let t = super::super::i18n::texts(super::super::i18n::Language::Dutch);
        let today: Date = "2026-12-03".parse().unwrap();
        assert_eq!(
            past_day(t, " 1-3-2024 ", today),
            Ok("2024-03-01".parse().unwrap())
        );
        assert!(past_day(t, "2026-12-03", today).unwrap_err().contains("3"));
        assert!(
            past_day(t, "gisteren", today)
                .unwrap_err()
                .contains("gisteren")
        );
    }
}
