//! mentorbot's core: pure domain logic with no I/O.
//!
//! Time is an input: nothing here reads the clock, sleeps, or sends. Every
//! decision is a function of (state, input, now) that returns the new state
//! and a list of [`pair::Effect`]s for the shell to carry out.

pub mod account;
pub mod adapter;
pub mod command;
pub mod coordinator;
pub mod evaluation;
pub mod i18n;
pub mod import;
pub mod matching;
pub mod message;
pub mod model;
pub mod pair;
pub mod payload;
pub mod profile;
pub mod profile_chat;
pub mod programme;
pub mod quiet;
pub mod registration;
pub mod relay;
pub mod retry;
pub mod routing;
pub mod schedule;
pub mod sim;
pub mod survey;

/// A point in time. The core never asks the clock for one.
pub type Ts = chrono::DateTime<chrono::Utc>;

pub use model::{Lang, Phase, Role};
pub use programme::Programme;
