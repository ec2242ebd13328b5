//! The bars around the map: the menu, the toolbar (undo, redo, new, fit, colours, the
//! layout's pause), the window title and the legend. Part of [`WijkApp`], apart for size.

use egui::Ui;

use super::commands::Command;
use super::i18n::{Language, fill};
use super::session::LayoutState;
use super::{WijkApp, settings, theme};
use crate::model::NodeKind;

impl WijkApp {
    pub(super) fn legend(&self, ui: &Ui, rect: egui::Rect, overlay: &super::canvas::Overlay) {
        let Some(session) = &self.session else {
            return;
        };
        let t = self.texts();
        // What the colours mean at this moment: an answer's colours first.
        let mut answer: Vec<(String, egui::Color32)> = overlay
            .paths
            .iter()
            .enumerate()
            .map(|(k, _)| {
                let which = if k == 0 {
                    t.words.easiest.to_owned()
                } else {
                    fill(t.words.way_n, &[&(k + 1).to_string()])
                };
                (which, theme::PATHS[k % theme::PATHS.len()])
            })
            .collect();
        // Relations drawn faded: not confirmed for long.
        if session
            .data
            .stale
            .iter()
            .zip(&self.visibility.relations)
            .any(|(&s, &v)| s && v)
        {
            answer.push((t.legend_stale.to_owned(), theme::EDGE_STALE));
        }
        for mark in super::canvas::ChangeMark::ALL {
            if overlay.changes.iter().any(|c| c.mark == mark) {
                let name = t.words.casus.change_marks[mark as usize];
                answer.push((name.to_owned(), mark.colour()));
            }
        }
        for mark in [
            super::canvas::Mark::CutOff,
            super::canvas::Mark::Asks,
            super::canvas::Mark::Offers,
            super::canvas::Mark::FollowUp,
        ] {
            if overlay.marks.contains(&mark) {
                let name = match mark {
                    super::canvas::Mark::CutOff => t.legend_cut_off,
                    super::canvas::Mark::Asks => t.legend_asks,
                    super::canvas::Mark::Offers => t.legend_offers,
                    super::canvas::Mark::FollowUp => t.legend_follow_up,
                };
                answer.push((name.to_owned(), mark.colour()));
            }
        }
        let entries: Vec<(String, egui::Color32)> = match self.settings.colouring {
            settings::Colouring::Kind => [
                NodeKind::Person,
                NodeKind::Organisation,
                NodeKind::Initiative,
            ]
            .into_iter()
            .map(|k| (t.node_kind(k).to_owned(), theme::kind_colour(k)))
            .collect(),
            settings::Colouring::Community => {
                let kenners = self.answers.group_kenners(&session.data);
                session
                    .data
                    .group_sizes
                    .iter()
                    .take(theme::PALETTE.len() - 1)
                    .enumerate()
                    .map(|(g, size)| {
                        let names = kenners.get(g).map(|k| k.join(", ")).unwrap_or_default();
                        // A long name list would make the legend wide: the first names.
                        let names: String = names.chars().take(28).collect();
                        let group = fill(t.group, &[&(g + 1).to_string()]);
                        let text = if names.is_empty() {
                            format!("{group} ({size})")
                        } else {
                            format!("{group} ({size}): {names}")
                        };
                        (text, theme::group_colour(Some(g)))
                    })
                    .chain(std::iter::once((t.other.to_owned(), *theme::OTHER)))
                    .collect()
            }
            settings::Colouring::Theme => session
                .data
                .themes
                .iter()
                .take(theme::PALETTE.len() - 1)
                .enumerate()
                .map(|(i, name)| (name.clone(), theme::group_colour(Some(i))))
                .chain(std::iter::once((t.other.to_owned(), *theme::OTHER)))
                .collect(),
        };
        legend_window(ui, rect, t.legend, 280.0, |ui, max_height| {
            if !answer.is_empty() {
                for (name, colour) in &answer {
                    legend_row(ui, name, *colour);
                }
                ui.separator();
            }
            egui::ScrollArea::vertical()
                .max_height(max_height)
                .show(ui, |ui| {
                    for (name, colour) in &entries {
                        legend_row(ui, name, *colour);
                    }
                });
        });
    }

    /// The netwerkcirkel's legend, as on paper: the quadrants' colours, the line styles,
    /// the support letters and the arrow.
    pub(super) fn ego_legend(&self, ui: &Ui, rect: egui::Rect, scheme: crate::model::Scheme) {
        let t = self.texts();
        let w = &t.words.casus;
        let names = w.scheme(scheme);
        // Short and always the same: all of it at once, no scrolling.
        // Narrow, so that the circle beside it keeps its room (see `EgoView::new`).
        legend_window(ui, rect, t.legend, 205.0, |ui, _| {
            for (k, name) in names.sectors.iter().enumerate() {
                let colour = theme::group_colour(Some(crate::exchange::casus::SECTOR_PALETTE[k]));
                legend_row(ui, name, colour);
            }
            ui.separator();
            let qualities = [
                crate::model::Quality::Supportive,
                crate::model::Quality::Neutral,
                crate::model::Quality::Burdening,
            ];
            for (quality, name) in qualities.into_iter().zip(w.qualities) {
                legend_sample(ui, name, |painter, a, b| {
                    super::ecogram::paint_line(painter, a, b, quality, false);
                });
            }
            legend_sample(ui, w.arrow, |painter, a, b| {
                super::ecogram::paint_line(painter, a, b, crate::model::Quality::Supportive, false);
                super::ecogram::paint_arrow(painter, a, b, theme::ECOGRAM_INK);
            });
            for ((letter, _), name) in crate::layout::circle::support_letters()
                .into_iter()
                .zip(w.support_types)
            {
                ui.add(
                    egui::Label::new(egui::RichText::new(format!("{letter}  {name}")).size(12.0))
                        .truncate(),
                );
            }
        });
    }

    pub(super) fn update_title(&mut self, ui: &Ui) {
        let t = self.texts();
        let title = match &self.session {
            Some(s) => {
                let marks: Vec<&str> = [
                    (s.is_read_only(), t.read_only),
                    (s.store().is_encrypted(), t.encrypted_mark),
                ]
                .into_iter()
                .filter_map(|(on, mark)| on.then_some(mark))
                .collect();
                if marks.is_empty() {
                    format!("{} - wijkweb", s.path().display())
                } else {
                    format!("{} ({}) - wijkweb", s.path().display(), marks.join(", "))
                }
            }
            None => "wijkweb".to_owned(),
        };
        if title != self.title {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The window title (the open file).
    pub fn title(&self) -> &str {
        &self.title
    }

    /// A menu entry or toolbar button for `command`: its label, its keys beside it in a
    /// menu, greyed out when it cannot run.
    pub(super) fn command_button(&mut self, ui: &mut Ui, command: Command, in_menu: bool) -> bool {
        let t = self.texts();
        let mut button = egui::Button::new(command.label(t));
        let keys = command.menu_keys(ui.ctx());
        if in_menu && !keys.is_empty() {
            button = button.shortcut_text(keys);
        }
        let clicked = ui.add_enabled(self.can_run(command), button).clicked();
        if clicked {
            self.run_command(ui.ctx(), command);
            if in_menu {
                ui.close();
            }
        }
        clicked
    }

    pub(super) fn menu_bar(&mut self, ui: &mut Ui) {
        let t = self.texts();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(t.menu_file, |ui| {
                self.command_button(ui, Command::NewWijk, true);
                self.command_button(ui, Command::OpenWijk, true);
                ui.menu_button(t.recent_files, |ui| {
                    for path in self.settings.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.open(&path);
                        }
                    }
                });
                ui.separator();
                self.command_button(ui, Command::Import, true);
                self.command_button(ui, Command::Export, true);
                self.command_button(ui, Command::Print, true);
                self.command_button(ui, Command::Backup, true);
                self.command_button(ui, Command::FullCopy, true);
                self.command_button(ui, Command::Review, true);
                // The one of the two that fits the open wijk.
                let encrypted = self
                    .session
                    .as_ref()
                    .is_some_and(|s| s.store().is_encrypted());
                if self.session.is_some() {
                    let command = if encrypted {
                        Command::ChangePassphrase
                    } else {
                        Command::Encrypt
                    };
                    self.command_button(ui, command, true);
                }
                ui.separator();
                self.command_button(ui, Command::Quit, true);
            });
            ui.menu_button(t.menu_edit, |ui| {
                for command in [Command::Undo, Command::Redo] {
                    self.command_button(ui, command, true);
                }
                ui.separator();
                for command in [
                    Command::NewPerson,
                    Command::NewOrganisation,
                    Command::NewInitiative,
                    Command::Delete,
                ] {
                    self.command_button(ui, command, true);
                }
                ui.separator();
                self.command_button(ui, Command::Find, true);
            });
            ui.menu_button(t.menu_view, |ui| {
                self.colour_choice(ui);
                for command in [
                    Command::FitAll,
                    Command::Tidy,
                    Command::ZoomIn,
                    Command::ZoomOut,
                    Command::Messages,
                    Command::Changes,
                ] {
                    self.command_button(ui, command, true);
                }
            });
            // Its fields take typing: a click into one must not close the menu (egui's
            // default), which sent her name's letters to the shortcuts ('n' made a person).
            let stays_open = egui::containers::menu::MenuConfig::new()
                .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
            egui::containers::menu::MenuButton::new(t.menu_settings)
                .config(stays_open)
                .ui(ui, |ui| {
                    ui.label(t.language);
                    let mut language = self.settings.language;
                    ui.radio_value(&mut language, Language::Dutch, "Nederlands");
                    ui.radio_value(&mut language, Language::English, "English");
                    if language != self.settings.language {
                        self.set_language(language);
                    }
                    ui.separator();
                    let label = ui.label(t.your_name);
                    let mut name = self.settings.user_name.clone();
                    let field = ui
                        .add(egui::TextEdit::singleline(&mut name).char_limit(100))
                        .labelled_by(label.id);
                    ui.weak(t.your_name_hint);
                    ui.add_space(6.0);
                    if name != self.settings.user_name {
                        self.settings.user_name = name;
                    }
                    if field.lost_focus() {
                        self.save_settings();
                        self.apply_user_name();
                    }
                    let label = ui.label(t.your_organisation);
                    let mut organisation = self.settings.organisation.clone();
                    let field = ui
                        .add(egui::TextEdit::singleline(&mut organisation).char_limit(200))
                        .labelled_by(label.id);
                    ui.weak(t.your_organisation_hint);
                    if organisation != self.settings.organisation {
                        self.settings.organisation = organisation;
                    }
                    if field.lost_focus() {
                        self.save_settings();
                    }
                });
            ui.menu_button(t.menu_help, |ui| {
                self.command_button(ui, Command::Help, true);
            });
        });
    }

    pub(super) fn new_buttons(&mut self, ui: &mut Ui) {
        for command in [
            Command::NewPerson,
            Command::NewOrganisation,
            Command::NewInitiative,
        ] {
            self.command_button(ui, command, false);
        }
    }

    pub(super) fn colour_choice(&mut self, ui: &mut Ui) {
        let t = self.texts();
        let before = self.settings.colouring;
        let mut colouring = before;
        egui::ComboBox::from_label(t.colour_by)
            .selected_text(match colouring {
                settings::Colouring::Kind => t.colour_kind,
                settings::Colouring::Community => t.colour_community,
                settings::Colouring::Theme => t.colour_theme,
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut colouring, settings::Colouring::Kind, t.colour_kind);
                ui.selectable_value(
                    &mut colouring,
                    settings::Colouring::Community,
                    t.colour_community,
                );
                ui.selectable_value(&mut colouring, settings::Colouring::Theme, t.colour_theme);
            });
        if colouring != before {
            self.settings.colouring = colouring;
            self.save_settings();
        }
    }

    pub(super) fn toolbar(&mut self, ui: &mut Ui) {
        let t = self.texts();
        ui.horizontal(|ui| {
            // Nothing is undone on a map of the past, nor by a window that only reads.
            let (can_undo, can_redo) =
                self.session
                    .as_ref()
                    .filter(|s| !s.is_read_only())
                    .map_or((None, None), |s| {
                        (
                            s.store().next_undo().ok().flatten(),
                            s.store().next_redo().ok().flatten(),
                        )
                    });
            let undo_tip = can_undo.as_ref().map_or(t.nothing_to_undo.to_owned(), |s| {
                fill(t.undo_step, &[t.action(s.action), &s.name])
            });
            if ui
                .add_enabled(can_undo.is_some(), egui::Button::new(t.undo))
                .on_hover_text(undo_tip)
                .clicked()
            {
                self.undo();
            }
            let redo_tip = can_redo.as_ref().map_or(t.nothing_to_redo.to_owned(), |s| {
                fill(t.redo_step, &[t.action(s.action), &s.name])
            });
            if ui
                .add_enabled(can_redo.is_some(), egui::Button::new(t.redo))
                .on_hover_text(redo_tip)
                .clicked()
            {
                self.redo();
            }
            ui.separator();
            self.new_buttons(ui);
            ui.separator();
            self.command_button(ui, Command::FitAll, false);
            self.colour_choice(ui);
            self.past_control(ui);
            match self.layout_state {
                LayoutState::Running => {
                    if ui
                        .button(t.pause_layout)
                        .on_hover_text(t.layout_running)
                        .clicked()
                    {
                        self.toggle_layout();
                    }
                }
                LayoutState::Paused => {
                    if ui.button(t.resume_layout).clicked() {
                        self.toggle_layout();
                    }
                }
                LayoutState::Drawing | LayoutState::Idle => {}
            }
        });
    }

    pub(super) fn toggle_layout(&mut self) {
        if let Some(session) = self.session.as_mut() {
            session.toggle_layout_pause();
        }
    }

    pub(super) fn make_backup(&mut self) {
        let t = self.texts();
        let Some(session) = &self.session else {
            return;
        };
        match session.backup() {
            Ok(path) => self.inform(fill(t.backup_made, &[&path.display().to_string()])),
            Err(err) => self.fail_store(&err),
        }
    }
}

/// A legend in a small window of its own in the map's lower left corner, folded away
/// with a click when it covers the part of the map she is looking at; never more than a
/// corner: at most a third of the map's width (and `widest`) and 40% of its height (`contents` gets the
/// height its scrolling part may take).
fn legend_window(
    ui: &Ui,
    rect: egui::Rect,
    title: &str,
    widest: f32,
    contents: impl FnOnce(&mut Ui, f32),
) {
    let max = egui::vec2(
        (rect.width() / 3.0).clamp(140.0, widest),
        (rect.height() * 0.4).max(120.0),
    );
    egui::Area::new(egui::Id::unique("legend"))
        .order(egui::Order::Middle)
        .fixed_pos(rect.left_bottom() + egui::vec2(8.0, -8.0))
        .pivot(egui::Align2::LEFT_BOTTOM)
        .constrain_to(rect)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style())
                .fill(theme::LABEL_BACKGROUND)
                .inner_margin(4.0)
                .show(ui, |ui| {
                    ui.set_max_width(max.x);
                    egui::CollapsingHeader::new(title)
                        .default_open(true)
                        .show(ui, |ui| {
                            ui.spacing_mut().item_spacing.y = 0.0;
                            contents(ui, max.y);
                        });
                });
        });
}

/// One line of the legend: a sample line drawn by `draw` (from its left to its right
/// end) and `name`.
fn legend_sample(
    ui: &mut Ui,
    name: &str,
    draw: impl FnOnce(&egui::Painter, egui::Pos2, egui::Pos2),
) {
    ui.horizontal(|ui| {
        let (sample, _) = ui.allocate_exact_size(egui::vec2(40.0, 14.0), egui::Sense::hover());
        let y = sample.center().y;
        draw(
            ui.painter(),
            egui::pos2(sample.left() + 2.0, y),
            egui::pos2(sample.right() - 2.0, y),
        );
        ui.add(egui::Label::new(egui::RichText::new(name).size(12.0)).truncate());
    });
}

/// One line of the legend: a dot of `colour` and `name`.
fn legend_row(ui: &mut Ui, name: &str, colour: egui::Color32) {
    ui.horizontal(|ui| {
        let (dot, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
        ui.painter().circle_filled(dot.center(), 5.0, colour);
        ui.add(egui::Label::new(egui::RichText::new(name).size(12.0)).truncate());
    });
}
