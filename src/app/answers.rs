//! The map's answers to the makelaar's questions, in the left panel's tabs: a referral path
//! (van, naar, niet via), the kenners, the 'Best Persons' and isolated residents, and vraag
//! en aanbod. The work is the core's, done in the background by [`Analyst`]; this file
//! only asks and shows, and says what the map should highlight.

use std::time::Duration;

use egui::{Id, RichText, TextEdit, Ui};

use super::analyst::{
    Analyst, KennerAsk, PathQuery, find_kenners, find_needs, find_paths, find_risks,
};
use super::canvas::{Mark, Overlay};
use super::i18n::{Texts, count, fill};
use super::search::Finder;
use super::session::MapData;
use super::theme;
use crate::graph::paths::{PathError, Target};
use crate::model::{Node, NodeKind};

/// The kenners asked for unless the makelaar chooses otherwise: persons, without the
/// professionals and herself.
pub const DEFAULT_KENNERS: KennerAsk = (Some(NodeKind::Person), true);

/// The left panel's tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    /// Search and filters.
    #[default]
    Map,
    /// The path finder.
    Way,
    /// The kenners.
    Kenners,
    /// 'Best Persons' and isolated residents.
    Risks,
    /// Vraag en aanbod.
    Needs,
    /// Who to follow up (opvolgen).
    FollowUp,
}

/// Picking one node by typing part of its name.
#[derive(Default)]
struct Picker {
    query: String,
    chosen: Option<String>,
}

impl Picker {
    /// Shows the picker; returns whether the choice changed.
    fn show(
        &mut self,
        ui: &mut Ui,
        t: &Texts,
        label: &str,
        data: &MapData,
        finder: &mut Finder,
    ) -> bool {
        let mut changed = false;
        if let Some(id) = self.chosen.clone() {
            ui.horizontal(|ui| {
                ui.label(format!("{label}:"));
                ui.strong(data.node(&id).map_or(id.as_str(), |n| n.name.as_str()));
                if ui.small_button(t.clear).clicked() {
                    self.chosen = None;
                    changed = true;
                }
            });
            return changed;
        }
        let caption = ui.label(label);
        let field = ui
            .add(
                TextEdit::singleline(&mut self.query)
                    .id(Id::unique(("picker", label)))
                    .hint_text(t.search_hint)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(caption.id);
        let found: Vec<&Node> = finder
            .find(&self.query, 6)
            .into_iter()
            .filter_map(|i| data.nodes.get(i))
            .collect();
        // Enter takes the first suggestion, as in the search on the left.
        if field.lost_focus()
            && ui.input(|i| i.key_pressed(egui::Key::Enter))
            && let Some(first) = found.first()
        {
            self.chosen = Some(first.id.to_string());
            self.query.clear();
            return true;
        }
        for node in found {
            if ui
                .selectable_label(false, format!("» {}", node.name))
                .clicked()
            {
                self.chosen = Some(node.id.to_string());
                self.query.clear();
                changed = true;
            }
        }
        changed
    }
}

/// The answers' own state.
pub struct Answers {
    /// A stale relation she answered in the follow-up tab: its id, and whether it still
    /// holds ("Klopt nog") or ended ("Beëindigd"); the app stores it.
    pub tie_answer: Option<(crate::model::RelationId, bool)>,
    /// The follow-up tab's lists, made again when the wijk or the day changes (not every
    /// frame: they are shown, and marked on the map, every frame).
    follow_up: Option<FollowUpLists>,
    /// The wijk's referrals and the generation they were read at (the app reads them
    /// from the store when the Opvolgen tab asks: [`Answers::wants_referrals`]).
    pub referrals: Option<((u64, u64), Vec<crate::model::casework::Referral>)>,
    /// Counts the app's referral writes, so the list is read again after one.
    pub referrals_generation: u64,
    /// A referral's outcome clicked in the Opvolgen tab, for the app to store.
    pub referral_answer: Option<(String, crate::model::casework::ReferralStatus)>,
    /// "Doorverwijzen via deze weg" clicked: the resident and where to, for the app to store.
    pub refer: Option<(String, String)>,
    /// The follow-up periods in months, as she sets them in the Opvolgen tab (the app
    /// keeps them in its settings): not spoken to, and a relation not confirmed.
    pub periods: (u32, u32),
    /// The open tab.
    pub tab: Tab,
    /// The background work.
    pub analyst: Analyst,
    from: Picker,
    to: Picker,
    to_theme: Option<String>,
    theme_target: bool,
    avoid: Picker,
    avoided: Vec<String>,
    allow_sensitive: bool,
    allow_burdening: bool,
    k: usize,
    asked: Option<PathQuery>,
    kenner_ask: KennerAsk,
    /// Whether node sizes follow the kenner score.
    pub size_by_kenner: bool,
    focus_risk: Option<String>,
    focus_theme: Option<String>,
    finder: Option<(u64, Finder)>,
}

impl Default for Answers {
    fn default() -> Self {
        Self {
            tie_answer: None,
            follow_up: None,
            referrals: None,
            referrals_generation: 0,
            referral_answer: None,
            refer: None,
            periods: (
                super::settings::CONTACT_MONTHS,
                crate::model::followup::STALE_MONTHS,
            ),
            tab: Tab::Map,
            analyst: Analyst::default(),
            from: Picker::default(),
            to: Picker::default(),
            to_theme: None,
            theme_target: false,
            avoid: Picker::default(),
            avoided: Vec::new(),
            allow_sensitive: false,
            allow_burdening: false,
            k: 3,
            asked: None,
            kenner_ask: DEFAULT_KENNERS,
            size_by_kenner: false,
            focus_risk: None,
            focus_theme: None,
            finder: None,
        }
    }
}

fn working(ui: &mut Ui, t: &Texts, busy: Option<Duration>) {
    if let Some(elapsed) = busy {
        ui.label(fill(t.working, &[&elapsed.as_secs().to_string()]));
    }
}

impl Answers {
    /// Whether the Opvolgen tab is open and its referrals are older than the wijk's
    /// `version` or the last referral written; then [`Answers::referrals_key`] is the key
    /// to store them under.
    pub fn wants_referrals(&self, version: u64) -> bool {
        self.tab == Tab::FollowUp
            && self
                .referrals
                .as_ref()
                .is_none_or(|(key, _)| *key != self.referrals_key(version))
    }

    /// The key of the referrals read for the wijk's `version`.
    pub fn referrals_key(&self, version: u64) -> (u64, u64) {
        (version, self.referrals_generation)
    }

    /// Opens the path finder from node `id`.
    pub fn way_from(&mut self, id: &str) {
        self.tab = Tab::Way;
        self.from.chosen = Some(id.to_owned());
    }

    /// Opens the path finder and asks for the ways from `from` to `to`, as its button
    /// does once both ends are chosen.
    pub fn find_way(&mut self, from: &str, to: Target) {
        self.tab = Tab::Way;
        self.from.chosen = Some(from.to_owned());
        match &to {
            Target::Node(id) => {
                self.theme_target = false;
                self.to.chosen = Some(id.clone());
            }
            Target::Offers(theme) => {
                self.theme_target = true;
                self.to_theme = Some(theme.clone());
            }
        }
        self.asked = Some(PathQuery {
            from: from.to_owned(),
            to,
            k: self.k,
            avoid: self.avoided.clone(),
            allow_sensitive: self.allow_sensitive,
            allow_burdening: self.allow_burdening,
        });
    }

    /// Opens the path finder to node `id`.
    pub fn way_to(&mut self, id: &str) {
        self.tab = Tab::Way;
        self.theme_target = false;
        self.to.chosen = Some(id.to_owned());
    }

    /// Asks for whatever the open tab needs (in the background) and takes finished
    /// answers. Returns whether an answer arrived.
    pub fn update(&mut self, data: &MapData) -> bool {
        let (network, version) = (&data.network, data.version);
        match self.tab {
            Tab::Kenners => {
                self.analyst
                    .kenners
                    .ask(&self.kenner_ask, network, version, find_kenners)
            }
            Tab::Risks => self.analyst.risks.ask(&(), network, version, find_risks),
            Tab::Needs => self.analyst.needs.ask(&(), network, version, find_needs),
            Tab::Way => {
                if let Some(query) = &self.asked {
                    self.analyst.paths.ask(query, network, version, find_paths);
                }
            }
            // Worked out as it is shown: a pass over the persons, no graph.
            Tab::Map | Tab::FollowUp => {}
        }
        if self.size_by_kenner {
            self.analyst
                .kenners
                .ask(&self.kenner_ask, network, version, find_kenners);
        }
        self.analyst.poll()
    }

    /// Shows the open tab (not the map tab: the app shows search and filters there).
    /// Returns a node to select and centre.
    pub fn show(&mut self, ui: &mut Ui, t: &Texts, data: &MapData) -> Option<String> {
        let mut finder = match self.finder.take() {
            Some((version, finder)) if version == data.version => finder,
            _ => Finder::new(&data.nodes),
        };
        let select = match self.tab {
            Tab::Map => None,
            Tab::Way => self.way(ui, t, data, &mut finder),
            Tab::Kenners => self.kenners(ui, t, data),
            Tab::Risks => self.risks(ui, t),
            Tab::Needs => self.needs(ui, t),
            Tab::FollowUp => {
                let (generation, referrals) = self
                    .referrals
                    .as_ref()
                    .map_or((0, &[][..]), |((_, g), list)| (*g, list.as_slice()));
                let key = (
                    data.version,
                    crate::model::today(),
                    generation,
                    self.periods,
                );
                if self.follow_up.as_ref().is_none_or(|l| l.key != key) {
                    self.follow_up = Some(FollowUpLists::of(data, key, referrals));
                }
                periods(ui, t, &mut self.periods);
                match &self.follow_up {
                    Some(lists) => follow_up(
                        ui,
                        t,
                        lists,
                        &mut self.tie_answer,
                        &mut self.referral_answer,
                    ),
                    None => None,
                }
            }
        };
        self.finder = Some((data.version, finder));
        select
    }

    fn way(
        &mut self,
        ui: &mut Ui,
        t: &Texts,
        data: &MapData,
        finder: &mut Finder,
    ) -> Option<String> {
        self.from.show(ui, t, t.from, data, finder);
        ui.horizontal(|ui| {
            ui.label(t.to);
            ui.radio_value(&mut self.theme_target, false, t.to_node);
            ui.radio_value(&mut self.theme_target, true, t.to_theme);
        });
        if self.theme_target {
            egui::ComboBox::from_label(t.theme)
                .selected_text(self.to_theme.as_deref().unwrap_or("…"))
                .show_ui(ui, |ui| {
                    for theme in &data.offered {
                        ui.selectable_value(&mut self.to_theme, Some(theme.clone()), theme);
                    }
                });
        } else {
            self.to.show(ui, t, t.to, data, finder);
        }
        if self.avoid.show(ui, t, t.avoid, data, finder)
            && let Some(id) = self.avoid.chosen.take()
            && !self.avoided.contains(&id)
        {
            self.avoided.push(id);
        }
        let mut remove = None;
        for (k, id) in self.avoided.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.label(format!(
                    "{}: {}",
                    t.avoid,
                    data.node(id).map_or(id.as_str(), |n| n.name.as_str())
                ));
                if ui.small_button(t.clear).clicked() {
                    remove = Some(k);
                }
            });
        }
        if let Some(k) = remove {
            self.avoided.remove(k);
        }
        ui.add(egui::Slider::new(&mut self.k, 1..=5).text(t.ways));
        ui.checkbox(&mut self.allow_sensitive, t.allow_sensitive);
        ui.checkbox(&mut self.allow_burdening, t.allow_burdening);
        let target = if self.theme_target {
            self.to_theme.clone().map(Target::Offers)
        } else {
            self.to.chosen.clone().map(Target::Node)
        };
        let ready = self.from.chosen.is_some() && target.is_some();
        if ui
            .add_enabled(ready, egui::Button::new(t.find_way))
            .clicked()
            && let (Some(from), Some(to)) = (self.from.chosen.clone(), target)
        {
            self.asked = Some(PathQuery {
                from,
                to,
                k: self.k,
                avoid: self.avoided.clone(),
                allow_sensitive: self.allow_sensitive,
                allow_burdening: self.allow_burdening,
            });
        }
        ui.separator();
        let query = self.asked.clone()?;
        working(ui, t, self.analyst.paths.busy());
        let answer = self.analyst.paths.answer(&query)?;
        let mut select = None;
        match answer {
            Err(err) => {
                let (template, id) = match err {
                    PathError::UnknownNode(id) => (t.way_unknown_node, id),
                    PathError::AvoidedEnd(id) => (t.way_avoided_end, id),
                };
                let name = data.node(id).map_or(id.as_str(), |n| n.name.as_str());
                ui.colored_label(theme::ERROR, fill(template, &[name]));
            }
            Ok(paths) if paths.is_empty() => {
                ui.label(t.no_way);
            }
            Ok(paths) => {
                for (k, path) in paths.iter().enumerate() {
                    let colour = theme::PATHS[k % theme::PATHS.len()];
                    ui.label(
                        RichText::new(t.words.way_title(k, path))
                            .color(colour)
                            .strong(),
                    );
                    ui.label(t.words.explain(path));
                    ui.horizontal_wrapped(|ui| {
                        for step in &path.nodes {
                            // A step never wraps: a wrapped button's box would cover its
                            // neighbours.
                            let button = egui::Button::new(&step.name)
                                .small()
                                .wrap_mode(egui::TextWrapMode::Extend);
                            if ui.add(button).clicked() {
                                select = Some(step.id.to_string());
                            }
                        }
                    });
                    if let (Some(first), Some(last)) = (path.nodes.first(), path.nodes.last())
                        && first.id != last.id
                        && ui
                            .button(t.refer_this_way)
                            .on_hover_text(fill(t.refer_hint, &[&first.name, &last.name]))
                            .clicked()
                    {
                        self.refer = Some((first.id.to_string(), last.id.to_string()));
                    }
                    ui.add_space(6.0);
                }
            }
        }
        select
    }

    fn kenners(&mut self, ui: &mut Ui, t: &Texts, data: &MapData) -> Option<String> {
        let (mut kind, mut without) = self.kenner_ask;
        egui::ComboBox::from_label(t.kind)
            .selected_text(kind.map_or(t.all, |k| t.node_kind(k)))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut kind, None, t.all);
                for k in [
                    NodeKind::Person,
                    NodeKind::Organisation,
                    NodeKind::Initiative,
                ] {
                    ui.selectable_value(&mut kind, Some(k), t.node_kind(k));
                }
            });
        if kind.is_none_or(|k| k == NodeKind::Person) {
            ui.checkbox(&mut without, t.without_professionals);
        }
        self.kenner_ask = (kind, without);
        ui.checkbox(&mut self.size_by_kenner, t.size_by_kenner);
        ui.weak(t.words.kenner_order);
        working(ui, t, self.analyst.kenners.busy());
        let list = self.analyst.kenners.answer(&self.kenner_ask)?;
        let mut select = None;
        egui::ScrollArea::vertical()
            .id_salt("kenners")
            .show(ui, |ui| {
                for (rank, kenner) in list.iter().take(50).enumerate() {
                    if ui
                        .selectable_label(false, format!("{}. {}", rank + 1, kenner.name))
                        .clicked()
                    {
                        select = Some(kenner.id.to_string());
                    }
                    ui.weak(t.words.kenner_reason(kenner));
                }
            });
        let _unused = data;
        select
    }

    fn risks(&mut self, ui: &mut Ui, t: &Texts) -> Option<String> {
        working(ui, t, self.analyst.risks.busy());
        let risks = self.analyst.risks.answer(&())?;
        let mut select = None;
        egui::ScrollArea::vertical()
            .id_salt("risks")
            .show(ui, |ui| {
                ui.strong(t.best_persons);
                if risks.articulation_points.is_empty() {
                    ui.weak(t.none_found);
                }
                for best in risks.articulation_points.iter().take(40) {
                    let text = format!("{} · {}", best.name, count(t.cuts_off, best.cut_off));
                    let focused = self.focus_risk.as_deref() == Some(best.id.as_str());
                    if ui.selectable_label(focused, text).clicked() {
                        self.focus_risk = Some(best.id.to_string());
                        select = Some(best.id.to_string());
                    }
                    if let Some(takeover) = &best.takeover {
                        ui.weak(fill(t.takeover, &[&takeover.name]));
                    }
                }
                ui.separator();
                ui.strong(t.isolated);
                if risks.isolated.is_empty() {
                    ui.weak(t.none_found);
                }
                for person in &risks.isolated {
                    if ui.selectable_label(false, &person.name).clicked() {
                        self.focus_risk = None;
                        select = Some(person.id.to_string());
                    }
                }
            });
        select
    }

    fn needs(&mut self, ui: &mut Ui, t: &Texts) -> Option<String> {
        working(ui, t, self.analyst.needs.busy());
        let report = self.analyst.needs.answer(&())?;
        let mut select = None;
        // Who asks for what is sensitive (debts, loneliness): the askers of a theme are
        // named only when the makelaar opens that theme.
        ui.weak(t.askers_on_request);
        egui::ScrollArea::vertical()
            .id_salt("needs")
            .show(ui, |ui| {
                for theme in &report.themes {
                    let focused = self.focus_theme.as_deref() == Some(theme.theme.as_str());
                    if ui
                        .selectable_label(focused, RichText::new(&theme.theme).strong())
                        .clicked()
                    {
                        self.focus_theme = Some(theme.theme.clone());
                    }
                    let names = |list: &[crate::graph::risks::NodeRef]| {
                        list.iter()
                            .map(|n| n.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    if !theme.asked_by.is_empty() {
                        if focused {
                            ui.label(fill(t.asked_by, &[&names(&theme.asked_by)]));
                        } else {
                            let count = theme.asked_by.len().to_string();
                            ui.label(fill(t.asked_by_count, &[&count]));
                        }
                    }
                    if !theme.offered_by.is_empty() {
                        ui.weak(fill(t.offered_by, &[&names(&theme.offered_by)]));
                    }
                    if focused {
                        ui.label(count(t.can_reach, theme.can_reach.len()));
                        for reach in &theme.can_reach {
                            if ui
                                .link(format!(
                                    "{} » {} ({})",
                                    reach.name, reach.offer.name, reach.steps
                                ))
                                .clicked()
                            {
                                select = Some(reach.id.to_string());
                            }
                        }
                        ui.label(count(t.cannot_reach, theme.cannot_reach.len()));
                        for person in &theme.cannot_reach {
                            if ui.link(&person.name).clicked() {
                                select = Some(person.id.to_string());
                            }
                        }
                    }
                    ui.add_space(4.0);
                }
                if !report.unmet.is_empty() {
                    ui.separator();
                    ui.strong(t.unmet);
                    ui.label(report.unmet.join(", "));
                }
            });
        select
    }

    /// What the map highlights for the open tab.
    pub fn overlay(&self, data: &MapData) -> Overlay {
        let index = |id: &str| data.index.get(id).copied();
        let mut overlay = Overlay::default();
        match self.tab {
            Tab::Way => {
                if let Some(query) = &self.asked
                    && let Some(Ok(paths)) = self.analyst.paths.answer(query)
                {
                    overlay.paths = paths
                        .iter()
                        .map(|p| p.nodes.iter().filter_map(|n| index(&n.id)).collect())
                        .collect();
                }
            }
            Tab::Risks => {
                if let (Some(focus), Some(risks)) =
                    (&self.focus_risk, self.analyst.risks.answer(&()))
                    && let Some(best) = risks.articulation_points.iter().find(|b| &b.id == focus)
                {
                    overlay.marked = best
                        .cut_off_nodes
                        .iter()
                        .filter_map(|id| index(id))
                        .collect();
                    overlay.marks = vec![Mark::CutOff; overlay.marked.len()];
                }
            }
            Tab::Needs => {
                if let (Some(focus), Some(report)) =
                    (&self.focus_theme, self.analyst.needs.answer(&()))
                    && let Some(theme) = report.themes.iter().find(|th| &th.theme == focus)
                {
                    for (list, mark) in [
                        (&theme.asked_by, Mark::Asks),
                        (&theme.offered_by, Mark::Offers),
                    ] {
                        for i in list.iter().filter_map(|n| index(&n.id)) {
                            overlay.marked.push(i);
                            overlay.marks.push(mark);
                        }
                    }
                }
            }
            Tab::FollowUp => {
                let Some(lists) = &self.follow_up else {
                    return overlay;
                };
                for item in lists.due.overdue.iter().chain(&lists.due.this_week) {
                    if let Some(i) = index(&item.id) {
                        overlay.marked.push(i);
                        overlay.marks.push(Mark::FollowUp);
                    }
                }
            }
            Tab::Map | Tab::Kenners => {}
        }
        overlay
    }

    /// Each node's importance by kenner score (0 to 1: the best kenner 1), when sizes
    /// by kenner score are asked and known.
    pub fn scale(&self, data: &MapData) -> Vec<f32> {
        if !self.size_by_kenner {
            return Vec::new();
        }
        let Some((_, list)) = self.analyst.kenners.latest() else {
            return Vec::new();
        };
        let top = list
            .first()
            .map_or(0.0, |k| k.betweenness)
            .max(f64::EPSILON);
        let mut scale = vec![0.0; data.nodes.len()];
        for kenner in list {
            if let Some(&i) = data.index.get(&kenner.id) {
                scale[i] = (kenner.betweenness / top).sqrt() as f32;
            }
        }
        scale
    }

    /// The best kenners (persons) of each community, for the legend: up to two names.
    pub fn group_kenners(&self, data: &MapData) -> Vec<Vec<String>> {
        let mut groups = vec![Vec::new(); data.group_sizes.len()];
        if let Some(list) = self.analyst.kenners.answer(&DEFAULT_KENNERS) {
            for kenner in list {
                if let Some(g) = data.index.get(&kenner.id).and_then(|&i| data.group[i])
                    && groups[g].len() < 2
                {
                    groups[g].push(kenner.name.clone());
                }
            }
        }
        groups
    }
}

/// The "Opvolgen" tab: who to follow up, overdue first, then this week, then who was not
/// spoken to for three months; a click selects her.
/// Who to follow up and which relations to ask about, on one day of one version of the
/// wijk.
struct FollowUpLists {
    /// The wijk's version, the day they were made for, the referrals' generation and the
    /// periods (not spoken to, not confirmed) in months.
    key: (u64, crate::model::Date, u64, (u32, u32)),
    /// Overdue, this week, not contacted for three months.
    due: crate::model::followup::Due,
    /// Relations not confirmed for a year.
    stale: Vec<crate::model::followup::StaleTie>,
}

impl FollowUpLists {
    fn of(
        data: &MapData,
        key: (u64, crate::model::Date, u64, (u32, u32)),
        referrals: &[crate::model::casework::Referral],
    ) -> Self {
        let today = key.1;
        let (contact, stale) = key.3;
        let mut due = crate::model::followup::due(&data.nodes, today, Some(contact));
        crate::model::followup::add_referrals(&mut due, &data.nodes, referrals, today);
        Self {
            key,
            due,
            stale: crate::model::followup::stale(&data.nodes, &data.relations, today, stale),
        }
    }
}

/// The follow-up periods she sets: after how many months without a contact someone is
/// listed, and after how many a relation not confirmed is asked about (and faded).
fn periods(ui: &mut Ui, t: &Texts, periods: &mut (u32, u32)) {
    let max = crate::model::followup::MAX_MONTHS;
    for (label, months) in [
        (t.contact_months, &mut periods.0),
        (t.stale_months, &mut periods.1),
    ] {
        ui.horizontal(|ui| {
            let label = ui.label(label);
            ui.add(egui::DragValue::new(months).range(1..=max).speed(0.2))
                .labelled_by(label.id);
        });
    }
    ui.separator();
}

fn follow_up(
    ui: &mut Ui,
    t: &Texts,
    lists: &FollowUpLists,
    tie_answer: &mut Option<(crate::model::RelationId, bool)>,
    referral_answer: &mut Option<(String, crate::model::casework::ReferralStatus)>,
) -> Option<String> {
    let due = &lists.due;
    let w = &t.words.follow_up;
    let mut select = None;
    egui::ScrollArea::vertical()
        .id_salt("follow_up")
        .show(ui, |ui| {
            if due.is_empty() {
                ui.weak(w.nobody);
                ui.weak(t.follow_up_hint);
            }
            for (heading, items, not_contacted) in [
                (w.overdue, &due.overdue, false),
                (w.this_week, &due.this_week, false),
                (w.not_contacted, &due.not_contacted, true),
            ] {
                if items.is_empty() {
                    continue;
                }
                ui.strong(heading);
                for item in items {
                    let line = t.words.due_line(item, not_contacted);
                    if ui.selectable_label(false, line).clicked() {
                        select = Some(item.id.to_string());
                    }
                }
                ui.separator();
            }
            // Referrals without an outcome: did she go?
            if !due.referrals.is_empty() {
                ui.strong(w.referrals);
            }
            for r in &due.referrals {
                if ui
                    .selectable_label(false, t.words.referral_line(r))
                    .clicked()
                {
                    select = Some(r.resident.to_string());
                }
                ui.horizontal(|ui| {
                    use crate::model::casework::ReferralStatus;
                    for status in [ReferralStatus::Started, ReferralStatus::Stopped] {
                        if ui
                            .button(t.words.status(status))
                            .on_hover_text(&r.target_name)
                            .clicked()
                        {
                            *referral_answer = Some((r.id.clone(), status));
                        }
                    }
                });
            }
            if !due.referrals.is_empty() {
                ui.separator();
            }
            // Relations not confirmed for a year: still so?
            let stale = &lists.stale;
            if !stale.is_empty() {
                ui.strong(t.words.follow_up.stale);
            }
            for tie in stale.iter().take(50) {
                let line = fill(
                    t.words.follow_up.stale_line,
                    &[
                        &(t.words.step)(tie.kind, true, &tie.source_name, &tie.target_name),
                        &tie.day.map(|d| t.words.date(d)).unwrap_or_default(),
                    ],
                );
                if ui.selectable_label(false, line).clicked() {
                    select = Some(tie.source.to_string());
                }
                ui.horizontal(|ui| {
                    if ui
                        .button(t.still_holds)
                        .on_hover_text(&tie.target_name)
                        .clicked()
                    {
                        *tie_answer = Some((tie.id.clone(), true));
                    }
                    if ui.button(t.has_ended).clicked() {
                        *tie_answer = Some((tie.id.clone(), false));
                    }
                });
            }
        });
    select
}
