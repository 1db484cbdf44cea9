//! Matching mentees with mentors.
//!
//! Decides: whether a mentee may be matched at all (`guard.rs`).
//!
//! Must not know: the clock, the database, platforms.

mod guard;

pub use guard::{PairStatus, Refusal, may_match};
