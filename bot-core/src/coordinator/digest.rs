//! The weekly digest to coordinators.
//!
//! Decides: its schedule by default (Monday 09:00 in the programme's zone)
//! and what it says, from what the shell counted: pairs at risk, open
//! flags, survey response rates, RSVPs for coming events, dead letters.
//!
//! Must not know: the database, when it is (the schedule says).

use crate::message::Msg;

/// Monday at 09:00, as a 5-field cron expression.
pub const DEFAULT_CRON: &str = "0 9 * * 1";

/// The schedule's kind in the shell's `schedules` table.
pub const KIND: &str = "digest";

/// What the shell counted for a programme.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Digest {
    /// Pairs at risk: (mentee, mentor).
    pub at_risk: Vec<(String, String)>,
    pub open_flags: i64,
    /// Per survey: (survey, finished, opened).
    pub surveys: Vec<(String, i64, i64)>,
    /// Per coming event: (event, yes, no).
    pub events: Vec<(String, i64, i64)>,
    /// Messages given up on.
    pub dead_letters: i64,
}

/// The digest as one message.
pub fn message(d: &Digest) -> Msg {
    let join = |items: Vec<String>| {
        if items.is_empty() {
            "–".to_string()
        } else {
            items.join("; ")
        }
    };
    let pairs = join(d.at_risk.iter().map(|(a, b)| format!("{a} & {b}")).collect());
    let surveys = join(
        d.surveys
            .iter()
            .map(|(s, done, of)| format!("{s} {done}/{of} ({}%)", if *of > 0 { done * 100 / of } else { 0 }))
            .collect(),
    );
    let events = join(
        d.events
            .iter()
            .map(|(e, yes, no)| format!("{e} ✅ {yes} ❌ {no}"))
            .collect(),
    );
    Msg::new("digest")
        .num("at-risk", d.at_risk.len() as i64)
        .str("pairs", pairs)
        .num("flags", d.open_flags)
        .str("surveys", surveys)
        .str("events", events)
        .num("dead", d.dead_letters)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::Arg;

    #[test]
    fn the_digest_lists_risks_rates_and_rsvps() {
        let m = message(&Digest {
            at_risk: vec![("Amira".into(), "Lars".into())],
            open_flags: 2,
            surveys: vec![("midterm".into(), 3, 4)],
            events: vec![("kickoff".into(), 5, 1)],
            dead_letters: 1,
        });
        assert_eq!(m.get("pairs"), Some(&Arg::Str("Amira & Lars".into())));
        assert_eq!(m.get("surveys"), Some(&Arg::Str("midterm 3/4 (75%)".into())));
        assert_eq!(m.get("events"), Some(&Arg::Str("kickoff ✅ 5 ❌ 1".into())));
        assert_eq!(message(&Digest::default()).get("pairs"), Some(&Arg::Str("–".into())));
    }
}
