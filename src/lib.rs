//! mentorbot's shell: configuration, the CLI, the store, the engine, the
//! dispatcher and the runtime that wires them to the platforms. The
//! decisions live in `bot-core`; this crate does the I/O.

pub mod cli;
pub mod config;
pub mod dispatch;
pub mod engine;
pub mod report;
pub mod runtime;
pub mod store;

pub use engine::{Engine, Handled, Registration};
pub use store::Store;

use anyhow::{Context, Result};
use bot_core::Programme;
use bot_core::i18n::Catalog;
use std::path::Path;

/// Loads and validates a programme file.
pub fn load_programme(path: &Path) -> Result<(Programme, String)> {
    let source =
        std::fs::read_to_string(path).with_context(|| format!("cannot read programme file {}", path.display()))?;
    let p = Programme::parse(&path.display().to_string(), &source, Catalog::builtin())?;
    Ok((p, source))
}
