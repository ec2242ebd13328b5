//! What the map shows when there is nothing to show yet: no wijk open (the way in: open
//! one, make one, or look at the demo), or a wijk without anyone in it (what to do first:
//! a new person, a list to import, the demo).

use egui::{RichText, Ui};

use super::i18n::Texts;

/// What the person chose on the welcome screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Nothing yet.
    None,
    /// Open a wijk file.
    Open,
    /// Make a new wijk.
    New,
    /// A new person in the empty wijk.
    NewPerson,
    /// Import a list.
    Import,
    /// Open the demo wijk.
    Demo,
}

/// Shows the welcome in the middle of `ui`: for no wijk open (`empty` false) or for an
/// empty wijk (`empty` true). The demo is offered when `demo` is.
pub fn show(ui: &mut Ui, t: &Texts, empty: bool, demo: bool) -> Choice {
    let mut choice = Choice::None;
    ui.vertical_centered(|ui| {
        ui.add_space((ui.available_height() * 0.25).min(160.0));
        egui::Frame::group(ui.style())
            .inner_margin(16.0)
            .show(ui, |ui| {
                ui.set_max_width(420.0);
                if empty {
                    ui.heading(t.empty_wijk);
                    ui.label(t.empty_wijk_what_first);
                } else {
                    ui.heading(t.welcome);
                    ui.label(t.welcome_what_first);
                }
                ui.add_space(8.0);
                let buttons: &[(Choice, &str, &str)] = if empty {
                    &[
                        (Choice::NewPerson, t.new_person, t.empty_new_person_hint),
                        (Choice::Import, t.import_a_list, t.import_a_list_hint),
                        (Choice::Demo, t.look_at_demo, t.look_at_demo_hint),
                    ]
                } else {
                    &[
                        (Choice::Open, t.open_database, ""),
                        (Choice::New, t.new_database, ""),
                        (Choice::Demo, t.look_at_demo, t.look_at_demo_hint),
                    ]
                };
                for &(what, label, hint) in buttons {
                    if what == Choice::Demo && !demo {
                        continue;
                    }
                    if ui.button(RichText::new(label).size(15.0)).clicked() {
                        choice = what;
                    }
                    if !hint.is_empty() {
                        ui.weak(hint);
                    }
                    ui.add_space(4.0);
                }
            });
    });
    choice
}
