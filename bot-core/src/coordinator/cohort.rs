//! The coordinator's `/match`: a summary of the optimal proposal (the
//! table, the pins and publishing are on the command line).

use crate::matching::{Proposal, WaitReason};
use crate::message::Msg;
use std::collections::HashMap;

/// Waitlisted mentees offered a "Find a mentor" button under `/match`.
pub const WAITLIST_BUTTONS: usize = 10;

/// The summary of a proposal: pairs, total score, who waits and why, and
/// how to review and publish; under it a "Find a mentor" button for each
/// of the first waitlisted mentees (`names`: everyone's name by id).
pub fn summary(programme_id: &str, p: &Proposal, names: &HashMap<i64, String>) -> Msg {
    let count = |r: WaitReason| p.waitlist.iter().filter(|(_, w)| *w == r).count() as i64;
    Msg::new("cohort-chat-summary")
        .num("pairs", p.pairs.len() as i64)
        .num("total", p.total() as i64)
        .num("waiting", p.waitlist.len() as i64)
        .num("full", count(WaitReason::Full))
        .num("format", count(WaitReason::NoFormat))
        .num("language", count(WaitReason::NoLanguage))
        .num("forbidden", count(WaitReason::Forbidden))
        .str("programme", programme_id.to_string())
        .column(super::rematch::waitlist(
            &p.waitlist
                .iter()
                .map(|(id, _)| (*id, names.get(id).cloned().unwrap_or_default()))
                .collect::<Vec<_>>(),
            WAITLIST_BUTTONS,
        ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::Proposed;

    #[test]
    fn the_summary_counts_pairs_and_why_people_wait() {
        let p = Proposal {
            pairs: vec![Proposed {
                mentee: 1,
                mentor: 2,
                score: 45,
                reasons: vec![],
            }],
            waitlist: vec![(3, WaitReason::Full), (4, WaitReason::NoLanguage)],
        };
        let names = HashMap::from([(3, "Bo".to_string()), (4, "Ida".to_string())]);
        let msg = summary("km", &p, &names);
        let text = crate::i18n::Catalog::builtin().text(&msg, crate::Lang::En, chrono_tz::UTC);
        assert!(text.contains("1 pair") && text.contains("2 mentees wait"), "{text}");
        // Each waitlisted mentee can be given a mentor from here.
        let find: Vec<_> = msg.buttons.concat().into_iter().map(|b| b.payload).collect();
        assert_eq!(
            find,
            [3, 4].map(|m| crate::payload::Payload::Rematch(crate::payload::Rm::Mentee(m)))
        );
        assert!(text.contains("mentorbot match --programme km"), "{text}");
    }
}
