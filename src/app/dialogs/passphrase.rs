//! The passphrase of an encrypted wijk: to open it, to create a wijk encrypted, to
//! encrypt the open one, or to change its passphrase.

use std::fmt;
use std::path::PathBuf;

use egui::{Context, Id, TextEdit};
use zeroize::Zeroizing;

use super::{Outcome, centred_window};
use crate::app::i18n::{Texts, fill};
use crate::store::Key;
use crate::store::crypt::MIN_NEW_CHARS;

/// A passphrase being typed: wiped from memory when the dialog goes, never printed.
#[derive(Clone, Default)]
pub struct Typed(Zeroizing<String>);

impl fmt::Debug for Typed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Typed(hidden)")
    }
}

/// What a passphrase is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PassphraseFor {
    /// Opening an encrypted wijk.
    Open,
    /// Creating a new wijk encrypted.
    Create,
    /// Encrypting the open, plain wijk.
    Encrypt,
    /// Changing the passphrase of the open, encrypted wijk.
    Change,
}

/// The passphrase dialog's state.
#[derive(Clone, Debug)]
pub struct PassphraseDialog {
    /// The database.
    pub path: PathBuf,
    /// What the passphrase is for.
    pub purpose: PassphraseFor,
    /// The passphrase in use (only when changing it).
    pub current: Typed,
    /// The passphrase (the new one, but when opening).
    pub text: Typed,
    /// A new passphrase typed a second time, to be sure (not when opening).
    pub again: Typed,
    /// Why the last try failed.
    pub error: Option<String>,
    /// The field (counted from the top) that still has to take the keyboard focus: the
    /// first as the dialog opens, the one that is wrong after a failed try.
    pub focus: Option<usize>,
}

impl PassphraseDialog {
    /// Asks for a passphrase for `path`, for `purpose`. `error` says why the last try
    /// failed.
    pub fn new(path: PathBuf, purpose: PassphraseFor, error: Option<String>) -> Self {
        Self {
            path,
            purpose,
            current: Typed::default(),
            text: Typed::default(),
            again: Typed::default(),
            error,
            focus: Some(0),
        }
    }

    /// Shows it; returns whether it stays open, and the outcome.
    pub(super) fn show(&mut self, ctx: &Context, t: &Texts) -> (bool, Outcome) {
        let mut outcome = Outcome::None;
        let mut open = true;
        let Self {
            path,
            purpose,
            current,
            text,
            again,
            error,
            focus,
        } = self;
        let purpose = *purpose;
        let (title, explain, button, first) = match purpose {
            PassphraseFor::Open => (
                t.passphrase_title,
                t.passphrase_explain,
                t.open_wijk,
                t.passphrase,
            ),
            PassphraseFor::Create => (
                t.passphrase_new_title,
                t.passphrase_new_explain,
                t.create,
                t.passphrase,
            ),
            PassphraseFor::Encrypt => (
                t.passphrase_encrypt_title,
                t.passphrase_encrypt_explain,
                t.encrypt,
                t.passphrase,
            ),
            PassphraseFor::Change => (
                t.passphrase_change_title,
                t.passphrase_change_explain,
                t.change,
                t.passphrase_new,
            ),
        };
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        centred_window(fill(title, &[&file]), "passphrase_dialog").show(ctx, |ui| {
            ui.set_max_width(380.0);
            ui.label(fill(explain, &[&MIN_NEW_CHARS.to_string()]));
            let mut fields: Vec<(&str, &mut Typed)> = Vec::with_capacity(3);
            if purpose == PassphraseFor::Change {
                fields.push((t.passphrase_current, &mut *current));
            }
            fields.push((first, &mut *text));
            if purpose != PassphraseFor::Open {
                fields.push((t.passphrase_again, &mut *again));
            }
            let last = fields.len() - 1;
            let mut enter = false;
            let mut next = focus.take();
            for (i, (label, typed)) in fields.into_iter().enumerate() {
                let label = ui.label(label);
                let field = ui
                    .add(
                        TextEdit::singleline(&mut *typed.0)
                            .password(true)
                            .id(Id::unique(("passphrase_field", i)))
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id);
                if next == Some(i) {
                    // Typing goes into the first field as the dialog opens, Enter
                    // moves on to the next one, and a failed try to the wrong one.
                    field.request_focus();
                }
                if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    if i == last {
                        enter = true;
                    } else {
                        next = Some(i + 1);
                    }
                }
            }
            if let Some(error) = error.as_ref() {
                ui.colored_label(ui.visuals().error_fg_color, error.as_str());
            }
            ui.horizontal(|ui| {
                if ui.button(button).clicked() || enter {
                    match check_passphrase(t, purpose, [&*current, &*text, &*again]) {
                        Ok((old, key)) => {
                            outcome = match purpose {
                                PassphraseFor::Open => Outcome::Unlock(path.clone(), key),
                                PassphraseFor::Create => {
                                    Outcome::CreateEncrypted(path.clone(), key)
                                }
                                PassphraseFor::Encrypt | PassphraseFor::Change => {
                                    Outcome::Protect {
                                        current: old,
                                        new: key,
                                    }
                                }
                            };
                            open = false;
                        }
                        Err((field, message)) => {
                            *error = Some(message);
                            // The field that is wrong, counted among those shown.
                            *focus = Some(match purpose {
                                PassphraseFor::Change => field,
                                _ => field.saturating_sub(1),
                            });
                        }
                    }
                }
                if ui.button(t.cancel).clicked() {
                    open = false;
                }
            });
        });
        (open, outcome)
    }
}

/// The keys a passphrase dialog gives (the one in use when changing it, and the one asked
/// for), from what was typed in its fields (in use, passphrase, once more); or which of the
/// three is wrong (0, 1 or 2), and how.
fn check_passphrase(
    t: &Texts,
    purpose: PassphraseFor,
    [current, text, again]: [&Typed; 3],
) -> Result<(Option<Key>, Key), (usize, String)> {
    let key = |typed: &Typed, field: usize| {
        if typed.0.trim().is_empty() {
            return Err((field, t.passphrase_empty.to_owned()));
        }
        Key::new(typed.0.as_str()).map_err(|e| (field, t.store_error(&e)))
    };
    let old = match purpose {
        PassphraseFor::Change => Some(key(current, 0)?),
        _ => None,
    };
    let new = key(text, 1)?;
    if purpose != PassphraseFor::Open {
        if text.0.chars().count() < MIN_NEW_CHARS {
            let message = fill(t.passphrase_too_short, &[&MIN_NEW_CHARS.to_string()]);
            return Err((1, message));
        }
        if *text.0 != *again.0 {
            return Err((2, t.passphrases_differ.to_owned()));
        }
    }
    Ok((old, new))
}
