//! wijkweb: map the social network of a wijk (neighbourhood) on a laptop.
//!
//! The core (model, store, exchange, privacy, graph, layout) knows nothing of any screen;
//! the command line in [`cli`] and the desktop app in [`app`] are thin layers over it. See `docs/DESIGN.md` for the
//! architecture.

#![warn(missing_docs)]

pub mod app;
pub mod cli;
pub mod demo;
pub mod diagnostics;
pub mod error;
pub mod exchange;
pub mod graph;
pub mod layout;
pub mod model;
pub mod privacy;
pub mod records;
pub mod rng;
pub mod store;
pub mod words;

pub use error::{InputError, Location, Problem, Rule, StoreError};
pub use model::{Node, NodeId, NodeKind, Relation, RelationId, RelationKind, Strength};
pub use store::{OpenMode, Store};
