//! mentorbot's shell: configuration, the CLI, the store, the engine, the
//! dispatcher and the runtime that wires them to the platforms. The
//! decisions live in `bot-core`; this crate does the I/O.

pub mod broadcast_cli;
pub mod cli;
pub mod cohort;
pub mod config;
pub mod demo;
pub mod dispatch;
pub mod engine;
pub mod evaluation_report;
pub mod event_cli;
pub mod ics;
pub mod ops;
pub mod pairs_cli;
pub mod report;
pub mod runtime;
pub mod schedule_cli;
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

/// Runs one item's future and turns a panic in it into an error (with the
/// panic's message), so one bad item never stops a loop.
pub async fn caught<T>(fut: impl std::future::Future<Output = anyhow::Result<T>>) -> anyhow::Result<T> {
    use futures_util::FutureExt;
    match std::panic::AssertUnwindSafe(fut).catch_unwind().await {
        Ok(r) => r,
        Err(panic) => Err(anyhow::anyhow!("panicked: {}", panic_message(&*panic))),
    }
}

/// The message of a caught panic.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into())
}
