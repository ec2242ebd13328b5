//! The left panel: search (Ctrl+F) and the map's filters.

use egui::{Id, TextEdit, Ui};

use super::filters::Filters;
use super::i18n::Texts;
use super::search::Finder;
use super::session::MapData;
use crate::model::{NodeKind, RelationKind};

/// How many search results are listed.
const RESULTS: usize = 30;

/// The left panel's own state.
#[derive(Default)]
pub struct LeftPanel {
    query: String,
    finder: Option<(u64, Finder)>,
    results: Vec<usize>,
    results_for: (String, u64),
    focus: bool,
}

/// What the user did in the panel.
#[derive(Debug, Default)]
pub struct Action {
    /// Select and centre this node.
    pub select: Option<String>,
    /// A filter changed.
    pub filters_changed: bool,
}

impl LeftPanel {
    /// Puts the keyboard in the search field on the next frame.
    pub fn focus_search(&mut self) {
        self.focus = true;
    }

    /// Shows the panel.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        t: &Texts,
        data: Option<&MapData>,
        filters: &mut Filters,
    ) -> Action {
        let mut action = Action::default();
        let Some(data) = data else {
            return action;
        };
        ui.heading(t.search);
        let label = ui.label(t.search_hint);
        let search_id = Id::unique("search_field");
        let response = ui
            .add(
                TextEdit::singleline(&mut self.query)
                    .id(search_id)
                    .hint_text(t.search_hint)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if self.focus {
            response.request_focus();
            self.focus = false;
        }
        if self.results_for != (self.query.clone(), data.version) {
            let finder = match &mut self.finder {
                Some((version, finder)) if *version == data.version => finder,
                slot => &mut slot.insert((data.version, Finder::new(&data.nodes))).1,
            };
            self.results = finder.find(&self.query, RESULTS);
            self.results_for = (self.query.clone(), data.version);
        }
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if enter && let Some(first) = self.results.first().and_then(|&i| data.nodes.get(i)) {
            action.select = Some(first.id.to_string());
        }
        if !self.query.trim().is_empty() {
            if self.results.is_empty() {
                ui.weak(t.no_results);
            }
            egui::ScrollArea::vertical()
                .id_salt("results")
                .max_height(260.0)
                .show(ui, |ui| {
                    for node in self.results.iter().filter_map(|&i| data.nodes.get(i)) {
                        let text = match &node.role {
                            Some(role) => format!("{} · {role}", node.name),
                            None => node.name.clone(),
                        };
                        if ui.selectable_label(false, text).clicked() {
                            action.select = Some(node.id.to_string());
                        }
                    }
                });
        }
        ui.separator();
        ui.heading(t.filters);
        action.filters_changed = filter_widgets(ui, t, data, filters);
        action
    }
}

fn filter_widgets(ui: &mut Ui, t: &Texts, data: &MapData, filters: &mut Filters) -> bool {
    let before = filters.clone();
    ui.label(t.kinds);
    for (slot, kind) in [
        NodeKind::Person,
        NodeKind::Organisation,
        NodeKind::Initiative,
    ]
    .into_iter()
    .enumerate()
    {
        ui.checkbox(&mut filters.kinds[slot], t.node_kind(kind));
    }
    choice(ui, t.wijk, t.all, &data.wijken, &mut filters.wijk);
    choice(ui, t.theme, t.all, &data.themes, &mut filters.theme);
    ui.checkbox(&mut filters.show_ended, t.show_ended);
    egui::CollapsingHeader::new(t.relation_kinds).show(ui, |ui| {
        for kind in RelationKind::ALL {
            let mut shown = !filters.hidden_relations.contains(&kind);
            if ui
                .checkbox(&mut shown, t.relation_kind_name(kind))
                .changed()
            {
                if shown {
                    filters.hidden_relations.remove(&kind);
                } else {
                    filters.hidden_relations.insert(kind);
                }
            }
        }
    });
    *filters != before
}

/// A combo box of `options` with "all" first.
fn choice(ui: &mut Ui, label: &str, all: &str, options: &[String], value: &mut Option<String>) {
    egui::ComboBox::from_label(label)
        .selected_text(value.as_deref().unwrap_or(all))
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, all);
            for option in options {
                ui.selectable_value(value, Some(option.clone()), option);
            }
        });
}
