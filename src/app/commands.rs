//! Every action a person can start from a menu, the toolbar or a key, once: its label,
//! its keys and when the keys count. The menus, the toolbar, the shortcut list (F1) and
//! the key handling are all made from [`Command`], so a key can never do what the help
//! does not say.
//!
//! A key without Ctrl (N, Delete, Home, +, -, ?) acts only while no text field has the
//! keyboard and the pointer is over the map, and never while a dialog is open: a name
//! being typed after a mis-click must not make a person called "ssen".

use egui::{Key, KeyboardShortcut, Modifiers};

use super::i18n::Texts;
use super::{WijkApp, answers, dialogs};
use crate::model::NodeKind;
use egui::Ui;

const fn bare(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const FIND: KeyboardShortcut = ctrl(Key::F);
const UNDO: KeyboardShortcut = ctrl(Key::Z);
const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
const REDO_Y: KeyboardShortcut = ctrl(Key::Y);
const NEW_PERSON: KeyboardShortcut = bare(Key::N);
const DELETE: KeyboardShortcut = bare(Key::Delete);
const FIT_ALL: KeyboardShortcut = bare(Key::Home);
const ZOOM_IN: KeyboardShortcut = bare(Key::Plus);
const ZOOM_IN_EQUALS: KeyboardShortcut = bare(Key::Equals);
const ZOOM_OUT: KeyboardShortcut = bare(Key::Minus);
const PRINT: KeyboardShortcut = ctrl(Key::P);
const HELP: KeyboardShortcut = bare(Key::F1);
const HELP_QUESTION: KeyboardShortcut = bare(Key::Questionmark);
const QUIT: KeyboardShortcut = ctrl(Key::Q);

/// An action of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// A new, empty wijk (asks for its name).
    NewWijk,
    /// Open a wijk file (asks which).
    OpenWijk,
    /// Import files into the open wijk (asks which).
    Import,
    /// Export the wijk (asks the format and where).
    Export,
    /// A verified backup now.
    Backup,
    /// The lossless backup snapshot for herself (asks where).
    FullCopy,
    /// What is due for review (retention, consent).
    Review,
    /// What changed between two days, in the wijk or the open network circle.
    Changes,
    /// Encrypt the open, plain wijk with a passphrase (asks it).
    Encrypt,
    /// Give the open, encrypted wijk another passphrase (asks both).
    ChangePassphrase,
    /// Put the keyboard in the search field.
    Find,
    /// Take back the last edit.
    Undo,
    /// Do the last undone edit again.
    Redo,
    /// A new person in the middle of the map.
    NewPerson,
    /// A new organisation.
    NewOrganisation,
    /// A new initiative.
    NewInitiative,
    /// Delete the selected node (asks first).
    Delete,
    /// Show the whole wijk.
    FitAll,
    /// Lay the map out again from where everyone is (edits keep the map as it is).
    Tidy,
    /// Zoom in around the middle.
    ZoomIn,
    /// Zoom out around the middle.
    ZoomOut,
    /// The map or network circle on paper (a PDF, opened in the desktop's viewer).
    Print,
    /// The messages shown so far.
    Messages,
    /// The shortcut list.
    Help,
    /// Close the window.
    Quit,
}

/// When a command's keys count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Always (with Ctrl: never typed by accident).
    Anywhere,
    /// When no text field has the keyboard (a field has its own undo).
    NotTyping,
    /// When no text field has the keyboard, no dialog is open and the pointer is over the
    /// map (keys without Ctrl).
    OnMap,
}

impl Command {
    /// Every command, in the order of the shortcut list.
    pub const ALL: [Self; 25] = [
        Self::NewWijk,
        Self::OpenWijk,
        Self::Import,
        Self::Export,
        Self::Backup,
        Self::FullCopy,
        Self::Review,
        Self::Changes,
        Self::Encrypt,
        Self::ChangePassphrase,
        Self::Find,
        Self::Undo,
        Self::Redo,
        Self::NewPerson,
        Self::NewOrganisation,
        Self::NewInitiative,
        Self::Delete,
        Self::FitAll,
        Self::Tidy,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::Print,
        Self::Messages,
        Self::Help,
        Self::Quit,
    ];

    /// The command's keys, the first the one menus show.
    pub fn keys(self) -> &'static [KeyboardShortcut] {
        match self {
            Self::Find => &[FIND],
            Self::Undo => &[UNDO],
            Self::Redo => &[REDO, REDO_Y],
            Self::NewPerson => &[NEW_PERSON],
            Self::Delete => &[DELETE],
            Self::FitAll => &[FIT_ALL],
            Self::ZoomIn => &[ZOOM_IN, ZOOM_IN_EQUALS],
            Self::ZoomOut => &[ZOOM_OUT],
            Self::Print => &[PRINT],
            Self::Help => &[HELP, HELP_QUESTION],
            Self::Quit => &[QUIT],
            Self::NewOrganisation
            | Self::NewInitiative
            | Self::Messages
            | Self::Tidy
            | Self::NewWijk
            | Self::OpenWijk
            | Self::Import
            | Self::Export
            | Self::Backup
            | Self::FullCopy
            | Self::Review
            | Self::Changes
            | Self::Encrypt
            | Self::ChangePassphrase => &[],
        }
    }

    /// When the keys count.
    pub fn scope(self) -> Scope {
        match self {
            Self::Find | Self::Print | Self::Quit => Scope::Anywhere,
            // No keys: menu entries only.
            Self::NewWijk
            | Self::OpenWijk
            | Self::Import
            | Self::Export
            | Self::Backup
            | Self::FullCopy
            | Self::Review
            | Self::Changes
            | Self::Encrypt
            | Self::ChangePassphrase => Scope::Anywhere,
            Self::Undo | Self::Redo => Scope::NotTyping,
            // F1 is no letter: it may open the help from anywhere; `?` only on the map.
            Self::Help => Scope::NotTyping,
            Self::NewPerson
            | Self::NewOrganisation
            | Self::NewInitiative
            | Self::Delete
            | Self::FitAll
            | Self::Tidy
            | Self::ZoomIn
            | Self::ZoomOut
            | Self::Messages => Scope::OnMap,
        }
    }

    /// The label of its button or menu entry.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Self::NewWijk => t.new_database,
            Self::OpenWijk => t.open_database,
            Self::Import => t.import,
            Self::Export => t.export,
            Self::Backup => t.make_backup,
            Self::FullCopy => t.full_copy,
            Self::Review => t.review,
            Self::Changes => t.changes_since,
            Self::Encrypt => t.encrypt_wijk,
            Self::ChangePassphrase => t.change_passphrase,
            Self::Find => t.search,
            Self::Undo => t.undo,
            Self::Redo => t.redo,
            Self::NewPerson => t.new_person,
            Self::NewOrganisation => t.new_organisation,
            Self::NewInitiative => t.new_initiative,
            Self::Delete => t.delete,
            Self::FitAll => t.fit_all,
            Self::Tidy => t.tidy_map,
            Self::ZoomIn => t.zoom_in,
            Self::ZoomOut => t.zoom_out,
            Self::Print => t.print,
            Self::Messages => t.messages,
            Self::Help => t.shortcuts,
            Self::Quit => t.quit,
        }
    }

    /// Its keys as the shortcut list and the menus write them ("Ctrl+Z / Ctrl+Y").
    pub fn keys_text(self, ctx: &egui::Context) -> Option<String> {
        let keys = self.keys();
        if keys.is_empty() {
            return None;
        }
        let mut texts: Vec<String> = Vec::new();
        for k in keys {
            // `=` is the unshifted `+` on most keyboards: one entry for both.
            if k.logical_key == Key::Equals {
                continue;
            }
            texts.push(ctx.format_shortcut(k));
        }
        Some(texts.join(" / "))
    }

    /// The first key, as a menu shows it beside the label.
    pub fn menu_keys(self, ctx: &egui::Context) -> String {
        self.keys()
            .first()
            .map(|k| ctx.format_shortcut(k))
            .unwrap_or_default()
    }
}

/// Where the keyboard and pointer are, for [`pressed`].
#[derive(Clone, Copy, Debug)]
pub struct Focus {
    /// A text field has the keyboard.
    pub typing: bool,
    /// A dialog (or the shortcut list) is open.
    pub dialog: bool,
    /// The pointer is over the map.
    pub on_map: bool,
}

impl Focus {
    fn allows(self, scope: Scope) -> bool {
        match scope {
            Scope::Anywhere => true,
            Scope::NotTyping => !self.typing,
            Scope::OnMap => !self.typing && !self.dialog && self.on_map,
        }
    }
}

/// The commands whose keys were pressed this frame and count where the keyboard and the
/// pointer are; their key presses are taken, so no widget acts on them too.
pub fn pressed(input: &mut egui::InputState, focus: Focus) -> Vec<Command> {
    let mut keys: Vec<(Command, Scope, KeyboardShortcut)> = Command::ALL
        .iter()
        .flat_map(|&command| {
            command.keys().iter().map(move |&key| {
                let scope = match (command, key.logical_key) {
                    (Command::Help, Key::Questionmark) => Scope::OnMap,
                    _ => command.scope(),
                };
                (command, scope, key)
            })
        })
        .collect();
    // egui matches a shortcut also when Shift or Alt is held besides: the most specific
    // first, so Ctrl+Shift+Z is redo and never also undo.
    let specificity = |k: &KeyboardShortcut| {
        let m = k.modifiers;
        u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl)
    };
    keys.sort_by_key(|(.., k)| std::cmp::Reverse(specificity(k)));
    let mut out = Vec::new();
    for (command, scope, key) in keys {
        if focus.allows(scope) && input.consume_shortcut(&key) && !out.contains(&command) {
            out.push(command);
        }
    }
    out
}

// What each command does, and whether it can run now: the handlers the menus, the toolbar,
// the shortcut list and the keys share.
impl WijkApp {
    /// Runs the commands whose keys were pressed this frame, where they count.
    pub(super) fn shortcuts(&mut self, ui: &Ui) {
        let ctx = ui.ctx();
        let pointer = ui.input(|i| i.pointer.hover_pos());
        // Over the map itself, not over a window or the legend floating on it.
        let on_map = pointer.is_some_and(|p| {
            self.map_rect.contains(p)
                && ctx
                    .layer_id_at(p)
                    .is_none_or(|layer| layer.order == egui::Order::Background)
        });
        let focus = Focus {
            typing: ctx.egui_wants_keyboard_input(),
            dialog: self.dialog.is_some() || self.help_open || self.messages.log_open,
            on_map,
        };
        let pressed = ui.input_mut(|i| pressed(i, focus));
        for command in pressed {
            self.run_command(ctx, command);
        }
    }

    /// Whether `command` can run now (its button is greyed out otherwise).
    pub fn can_run(&self, command: Command) -> bool {
        let open = self.session.is_some();
        let writable = self.session.as_ref().is_some_and(|s| !s.is_read_only());
        match command {
            Command::Undo | Command::Redo => writable,
            Command::NewPerson | Command::NewOrganisation | Command::NewInitiative => writable,
            Command::Delete => writable && self.selection.len() == 1 && self.ego.is_none(),
            Command::FitAll | Command::ZoomIn | Command::ZoomOut | Command::Print => open,
            Command::Tidy => writable && self.ego.is_none(),
            Command::Find | Command::Messages | Command::Help | Command::Quit => true,
            Command::NewWijk
            | Command::OpenWijk
            | Command::Import
            | Command::Export
            | Command::Backup => true,
            Command::FullCopy | Command::Review | Command::Changes => open,
            Command::Encrypt | Command::ChangePassphrase => {
                let encrypted = self
                    .session
                    .as_ref()
                    .is_some_and(|s| s.store().is_encrypted());
                writable && encrypted == (command == Command::ChangePassphrase)
            }
        }
    }

    /// Runs `command`, from a key, a menu or the toolbar.
    pub fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        if !self.can_run(command) {
            return;
        }
        match command {
            Command::NewWijk => self.dialog = Some(dialogs::Dialog::new_wijk()),
            Command::OpenWijk => {
                self.dialog = Some(dialogs::Dialog::file(dialogs::FilePurpose::Open));
            }
            Command::Import => {
                self.dialog = Some(dialogs::Dialog::file(dialogs::FilePurpose::Import));
            }
            Command::Export => {
                self.dialog = Some(dialogs::Dialog::file(dialogs::FilePurpose::Export));
            }
            Command::Backup => self.make_backup(),
            Command::FullCopy => {
                self.dialog = Some(dialogs::Dialog::file(dialogs::FilePurpose::FullCopy));
            }
            Command::Review => self.open_review(),
            Command::Changes => {
                let ego = self.ego.as_ref().map(|e| e.centre.clone());
                self.open_changes(ego.as_deref());
            }
            Command::Encrypt | Command::ChangePassphrase => {
                if let Some(session) = &self.session {
                    let purpose = if command == Command::Encrypt {
                        dialogs::PassphraseFor::Encrypt
                    } else {
                        dialogs::PassphraseFor::Change
                    };
                    let path = session.path().to_path_buf();
                    self.dialog = Some(dialogs::Dialog::passphrase(path, purpose, None));
                }
            }
            Command::Find => {
                self.answers.tab = answers::Tab::Map;
                self.left.focus_search();
            }
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::NewPerson => self.new_node(NodeKind::Person),
            Command::NewOrganisation => self.new_node(NodeKind::Organisation),
            Command::NewInitiative => self.new_node(NodeKind::Initiative),
            Command::Delete => {
                if let Some(id) = self.selection.first().cloned() {
                    self.dialog = Some(dialogs::Dialog::Delete { id });
                }
            }
            Command::FitAll => self.active_canvas().request_fit(),
            Command::Tidy => {
                if let Some(session) = self.session.as_mut() {
                    session.tidy_layout();
                }
            }
            Command::ZoomIn => self.active_canvas().zoom_middle(1.25),
            Command::ZoomOut => self.active_canvas().zoom_middle(0.8),
            Command::Print => self.open_print(),
            Command::Messages => self.messages.log_open = !self.messages.log_open,
            Command::Help => self.help_open = !self.help_open,
            Command::Quit => {
                self.quit_requested = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_without_ctrl_never_act_while_typing_or_off_the_map() {
        for command in Command::ALL {
            for key in command.keys() {
                if key.modifiers.is_none() && command != Command::Help {
                    assert_eq!(command.scope(), Scope::OnMap, "{command:?}");
                }
            }
        }
        let typing = Focus {
            typing: true,
            dialog: false,
            on_map: true,
        };
        assert!(!typing.allows(Scope::OnMap));
        assert!(!typing.allows(Scope::NotTyping));
        assert!(typing.allows(Scope::Anywhere));
        let off_map = Focus {
            typing: false,
            dialog: false,
            on_map: false,
        };
        assert!(!off_map.allows(Scope::OnMap));
        let in_dialog = Focus {
            typing: false,
            dialog: true,
            on_map: true,
        };
        assert!(!in_dialog.allows(Scope::OnMap));
    }
}
