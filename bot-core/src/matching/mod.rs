//! Matching mentees with mentors.
//!
//! Decides: whether a mentee may be matched at all (`guard.rs`); the
//! optimal proposal under hard constraints with soft weights, its scores,
//! reasons and waitlist (`optimum.rs`, over the min-cost assignment with
//! capacities in `flow.rs`).
//!
//! Must not know: the clock, the database, platforms.

mod flow;
mod guard;
mod optimum;
#[cfg(test)]
mod tests;

pub use guard::{PairStatus, Refusal, may_match};
pub use optimum::{Decisions, Mentee, Mentor, Proposal, Proposed, Reason, WaitReason, feasible, propose, score};
