//! The command line as scripts and people use it.
//!
//! One test binary per topic group (docs/DESIGN.md, Tests): each binary links the whole
//! app, so fewer of them build faster.

#[path = "../util/mod.rs"]
mod util;

mod cli_analysis;
mod cli_trial;
mod commands;
mod shipping;
