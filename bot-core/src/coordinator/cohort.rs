//! The coordinator's `/match`: a summary of the optimal proposal (the
//! table, the pins and publishing are on the command line).

use crate::matching::{Proposal, WaitReason};
use crate::message::Msg;

/// The summary of a proposal: pairs, total score, who waits and why, and
/// how to review and publish.
pub fn summary(programme_id: &str, p: &Proposal) -> Msg {
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
        let text = crate::i18n::Catalog::builtin().text(&summary("km", &p), crate::Lang::En, chrono_tz::UTC);
        assert!(text.contains("1 pair") && text.contains("2 mentees wait"), "{text}");
        assert!(text.contains("mentorbot match --programme km"), "{text}");
    }
}
