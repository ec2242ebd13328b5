//! The core through its library and the binary: analyses, formats, the store, undo, layout,
//! privacy, encryption, faults, and the layers of the code.
//!
//! One test binary per topic group (docs/DESIGN.md, Tests): each binary links the whole
//! app, so fewer of them build faster.

#[path = "../util/mod.rs"]
mod util;

mod analysis;
mod as_of;
mod casework;
mod ecogram;
mod encryption;
mod exchange;
mod faults;
mod import_errors;
mod interop;
mod layers;
mod layout;
mod privacy;
mod snapshots;
mod store;
mod undo;
