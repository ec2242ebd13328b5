//! The desktop app, driven through egui_kittest by the labels a person reads.
//!
//! One test binary per topic group (docs/DESIGN.md, Tests): each binary links the whole
//! app, so fewer of them build faster.

#[path = "../util/mod.rs"]
mod util;

mod ui;
mod ui_answers;
mod ui_encryption;
mod ui_open;
mod ui_time;
mod ui_trial;
