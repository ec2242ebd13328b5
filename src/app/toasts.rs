//! Messages after an action (undo, import, export, a refusal): a toast at the foot of
//! the map (where it covers none of the map's own buttons) that fades by itself and never
//! pushes the window down, and the list of every
//! message of this session (Beeld > Berichten…), so one that faded can be read again.

use std::time::{Duration, Instant};

use egui::{Align2, Context, Id, RichText};

use super::i18n::Texts;
use super::theme;

/// How long a toast stays: long enough to read a sentence twice; a refusal longer.
const INFO_FOR: Duration = Duration::from_secs(6);
const ERROR_FOR: Duration = Duration::from_secs(20);
/// How long a message with "Ongedaan maken" stays: long enough to read it and decide.
const UNDO_FOR: Duration = Duration::from_secs(20);
/// The last part of its time it fades.
const FADE: Duration = Duration::from_millis(800);
/// How many messages the list keeps.
const LOG: usize = 200;

/// A message to the person at the laptop.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    /// The text.
    pub text: String,
    /// Whether it reports a failure.
    pub error: bool,
    /// Whether it offers to take back what it reports (a removed relation).
    pub undo: bool,
}

/// The toast and the list.
#[derive(Default)]
pub struct Messages {
    current: Option<(Message, Instant)>,
    log: Vec<(String, Message)>,
    /// Whether the list is open.
    pub log_open: bool,
}

/// What was clicked in the toast.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastAction {
    /// Nothing.
    None,
    /// "Ongedaan maken".
    Undo,
}

impl Messages {
    /// Shows `message` now, and keeps it in the list.
    pub fn push(&mut self, message: Message) {
        let time = jiff::Zoned::now().strftime("%H:%M:%S").to_string();
        self.log.push((time, message.clone()));
        if self.log.len() > LOG {
            self.log.remove(0);
        }
        self.current = Some((message, Instant::now()));
    }

    /// The last message, until it is dismissed (also once its toast has faded).
    pub fn latest(&self) -> Option<&Message> {
        self.current.as_ref().map(|(m, _)| m)
    }

    /// Every message of this session, oldest first, with the time it came.
    pub fn log(&self) -> &[(String, Message)] {
        &self.log
    }

    /// Draws the toast at the foot of `map` while it lasts, fading at the end.
    pub fn show_toast(&mut self, ctx: &Context, t: &Texts, map: egui::Rect) -> ToastAction {
        let Some((message, since)) = &self.current else {
            return ToastAction::None;
        };
        let life = life(message);
        let age = since.elapsed();
        if age >= life {
            return ToastAction::None;
        }
        let left = life - age;
        let opacity = (left.as_secs_f32() / FADE.as_secs_f32()).min(1.0);
        ctx.request_repaint_after(if left > FADE {
            left - FADE
        } else {
            Duration::from_millis(40)
        });
        let mut action = ToastAction::None;
        let mut dismiss = false;
        let shown = egui::Area::new(Id::unique("toast"))
            .order(egui::Order::Foreground)
            .pivot(Align2::CENTER_BOTTOM)
            .fixed_pos(map.center_bottom() - egui::vec2(0.0, 12.0))
            .constrain_to(map)
            .show(ctx, |ui| {
                ui.set_opacity(opacity);
                egui::Frame::popup(ui.style())
                    .fill(if message.error {
                        theme::TOAST_ERROR
                    } else {
                        theme::TOAST
                    })
                    .show(ui, |ui| {
                        ui.set_max_width((map.width() - 40.0).clamp(200.0, 640.0));
                        // Long messages (a file's whole path) wrap, never cut off.
                        ui.horizontal_wrapped(|ui| {
                            let text = if message.error {
                                format!("{}: {}", t.error, message.text)
                            } else {
                                message.text.clone()
                            };
                            ui.label(RichText::new(text).color(theme::TOAST_TEXT));
                            if message.undo && ui.button(t.undo).clicked() {
                                action = ToastAction::Undo;
                                dismiss = true;
                            }
                            dismiss |= ui.small_button("×").on_hover_text(t.dismiss).clicked();
                        });
                    });
            });
        if dismiss {
            self.current = None;
        } else if shown.response.contains_pointer()
            && let Some((_, since)) = &mut self.current
        {
            // Under the pointer a message never fades: she is reading it or about to click.
            *since = Instant::now();
        }
        action
    }

    /// Forgets the message shown (the list keeps it).
    pub fn dismiss(&mut self) {
        self.current = None;
    }

    /// Draws the list while it is open.
    pub fn show_log(&mut self, ctx: &Context, t: &Texts) {
        if !self.log_open {
            return;
        }
        let mut open = true;
        egui::Window::new(t.messages.trim_end_matches('…'))
            .id(Id::unique("messages_window"))
            .open(&mut open)
            .collapsible(false)
            .default_width(520.0)
            // Below the menu bar, never over it.
            .default_pos(egui::pos2(80.0, 60.0))
            .constrain_to(
                ctx.content_rect()
                    .shrink2(egui::vec2(0.0, 30.0))
                    .translate(egui::vec2(0.0, 15.0)),
            )
            .show(ctx, |ui| {
                if self.log.is_empty() {
                    ui.weak(t.no_messages);
                }
                egui::ScrollArea::vertical()
                    .max_height(400.0)
                    .show(ui, |ui| {
                        for (time, message) in self.log.iter().rev() {
                            ui.horizontal_wrapped(|ui| {
                                ui.weak(time);
                                if message.error {
                                    ui.colored_label(theme::ERROR, &message.text);
                                } else {
                                    ui.label(&message.text);
                                }
                            });
                        }
                    });
            });
        self.log_open = open;
    }
}

/// How long `message` stays on screen (not counting the time the pointer rests on it).
fn life(message: &Message) -> Duration {
    if message.error {
        ERROR_FOR
    } else if message.undo {
        UNDO_FOR
    } else {
        INFO_FOR
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_with_ongedaan_maken_stays_long_enough_to_decide() {
        let message = |error, undo| Message {
            text: String::new(),
            error,
            undo,
        };
        assert!(life(&message(false, true)) >= Duration::from_secs(15));
        assert!(life(&message(true, false)) >= Duration::from_secs(15));
        assert!(life(&message(false, false)) < life(&message(false, true)));
    }
}
