//! A coordinator finds a mentee a new mentor in chat: from the alert that
//! a pair ended early (however it ended), from the answer to ending a pair
//! in `/pairs`, or from a waitlisted mentee under `/match`. The first press
//! shows the best free mentor with the score and its reasons; the second
//! confirms it.
//!
//! Decides: the buttons (`offer`, `waitlist`), whose mentee a coordinator
//! may rematch (their own programme's mentees only), what a press shows,
//! and that a confirmation matches only the mentor it was shown (anything
//! else is stale: answered as such, with what holds now).
//!
//! Must not know: the database, platforms, the clock. The shell finds the
//! mentee and runs the cohort's rematch (`matching::propose` over the
//! free mentors, earlier mentors excluded), then hands in what it found.

use crate::matching::{Reason, WaitReason};
use crate::message::{Arg, Button, Msg};
use crate::model::Role;
use crate::payload::{Payload, Rm};

/// The mentee a press is about, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mentee {
    pub id: i64,
    pub programme: String,
    pub role: Role,
    pub name: String,
}

/// What the press asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// Show the best free mentor.
    Propose,
    /// Match with this mentor, the one shown.
    Confirm(i64),
}

/// What the cohort's rematch found for the mentee now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The best free mentor.
    Mentor {
        id: i64,
        name: String,
        score: u32,
        reasons: Vec<Reason>,
    },
    /// No free mentor fits, for this reason.
    Waits(WaitReason),
    /// The mentee may not have a new mentor now (a pair under way, the
    /// programme over): the reason, in words.
    Refused(String),
}

/// What the shell does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Answer the coordinator, and change nothing.
    Reply(Vec<Msg>),
    /// Match the mentee with the mentor (through the guards), then answer.
    Match { mentee: i64, mentor: i64 },
}

/// The button on the alert that a pair ended early: it rematches that
/// pair's mentee (the message's pair tag says which pair).
pub fn offer() -> Button {
    Button::new("pairs-button-rematch", Payload::Rematch(Rm::Ended))
}

/// "Find a mentor" buttons for waitlisted mentees (id, name), at most
/// `max` of them, one a row.
pub fn waitlist(waiting: &[(i64, String)], max: usize) -> Vec<Button> {
    waiting
        .iter()
        .take(max)
        .map(|(id, name)| {
            Button::with_label(
                Msg::new("rematch-button-find").str("mentee", name.clone()),
                Payload::Rematch(Rm::Mentee(*id)),
            )
        })
        .collect()
}

/// Whether a coordinator of `mine` may rematch this mentee: only a mentee
/// of their own programme. Anyone else (unknown, another programme's, a
/// mentor) is answered alike, so nothing about them shows.
pub fn may(mine: &str, mentee: Option<&Mentee>) -> Result<(), Msg> {
    match mentee {
        Some(m) if m.programme == mine && m.role == Role::Mentee => Ok(()),
        _ => Err(Msg::new("rematch-unknown")),
    }
}

/// A press, given what the cohort's rematch found now for `mentee` (whom
/// [`may`] allowed).
pub fn press(mentee: &Mentee, ask: Ask, found: Found) -> Outcome {
    let answer = |found: Found| match found {
        Found::Mentor {
            id,
            name,
            score,
            reasons,
        } => Msg::new("rematch-proposal")
            .str("mentee", mentee.name.clone())
            .str("mentor", name)
            .num("score", score.into())
            .arg("reasons", Arg::Keys(reason_keys(&reasons)))
            .row(vec![Button::new(
                "rematch-button-confirm",
                Payload::Rematch(Rm::Confirm {
                    mentee: mentee.id,
                    mentor: id,
                }),
            )]),
        Found::Waits(_) => Msg::new("pair-rematch-none").str("mentee", mentee.name.clone()),
        Found::Refused(error) => Msg::new("pair-rematch-refused").str("error", error),
    };
    match (ask, found) {
        (Ask::Confirm(shown), Found::Mentor { id, .. }) if id == shown => Outcome::Match {
            mentee: mentee.id,
            mentor: id,
        },
        (Ask::Confirm(_), found) => Outcome::Reply(vec![
            Msg::new("rematch-stale").str("mentee", mentee.name.clone()),
            answer(found),
        ]),
        (Ask::Propose, found) => Outcome::Reply(vec![answer(found)]),
    }
}

/// The reasons as message keys, for a list in chat.
fn reason_keys(reasons: &[Reason]) -> Vec<String> {
    let keys: Vec<String> = reasons
        .iter()
        .map(|r| {
            match r {
                Reason::SameField(_) => "rematch-why-field",
                Reason::SharedInterests(_) => "rematch-why-interests",
                Reason::WishMet => "cohort-reason-wish",
                Reason::AgeWishMet => "cohort-reason-age-wish",
                Reason::SameFormat => "cohort-reason-format",
                Reason::Languages(_) => "rematch-why-language",
                Reason::Pinned => "cohort-reason-pinned",
            }
            .to_string()
        })
        .collect();
    if keys.is_empty() {
        vec!["rematch-why-none".into()]
    } else {
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Catalog;

    fn amira() -> Mentee {
        Mentee {
            id: 7,
            programme: "km".into(),
            role: Role::Mentee,
            name: "Amira".into(),
        }
    }

    fn eva() -> Found {
        Found::Mentor {
            id: 9,
            name: "Eva".into(),
            score: 45,
            reasons: vec![Reason::SameField("field-it".into()), Reason::SameFormat],
        }
    }

    fn text(m: &Msg, lang: crate::Lang) -> String {
        Catalog::builtin().text(m, lang, chrono_tz::UTC)
    }

    #[test]
    fn only_a_mentee_of_ones_own_programme_may_be_rematched() {
        assert!(may("km", Some(&amira())).is_ok());
        let other = Mentee {
            programme: "vs".into(),
            ..amira()
        };
        let mentor = Mentee {
            role: Role::Mentor,
            ..amira()
        };
        for m in [None, Some(&other), Some(&mentor)] {
            assert_eq!(may("km", m), Err(Msg::new("rematch-unknown")));
        }
    }

    #[test]
    fn the_first_press_shows_the_mentor_and_score_and_the_confirmation_matches() {
        let Outcome::Reply(msgs) = press(&amira(), Ask::Propose, eva()) else {
            panic!("a proposal matches nobody")
        };
        let t = text(&msgs[0], crate::Lang::En);
        assert!(t.contains("Eva") && t.contains("45") && t.contains("same field"), "{t}");
        let confirm = &msgs[0].buttons[0][0].payload;
        assert_eq!(confirm, &Payload::Rematch(Rm::Confirm { mentee: 7, mentor: 9 }));
        for lang in [crate::Lang::Da, crate::Lang::Nb] {
            let t = text(&msgs[0], lang);
            assert!(
                t.contains("Eva") && t.contains("45") && !t.contains("same field"),
                "{t}"
            );
        }
        assert_eq!(
            press(&amira(), Ask::Confirm(9), eva()),
            Outcome::Match { mentee: 7, mentor: 9 }
        );
    }

    #[test]
    fn a_stale_confirmation_matches_nobody_and_says_what_holds_now() {
        // Another mentor is best now: shown, not matched.
        let Outcome::Reply(msgs) = press(&amira(), Ask::Confirm(8), eva()) else {
            panic!("a stale press matched")
        };
        assert_eq!(msgs[0].key, "rematch-stale");
        assert_eq!(msgs[1].key, "rematch-proposal");
        // She has a mentor already, or nobody fits now.
        let refused = Found::Refused("Amira has a pair under way".into());
        let Outcome::Reply(msgs) = press(&amira(), Ask::Confirm(9), refused) else {
            panic!("a stale press matched")
        };
        assert_eq!(
            (&*msgs[0].key, &*msgs[1].key),
            ("rematch-stale", "pair-rematch-refused")
        );
        let Outcome::Reply(msgs) = press(&amira(), Ask::Confirm(9), Found::Waits(WaitReason::Full)) else {
            panic!("a stale press matched")
        };
        assert_eq!(msgs[1].key, "pair-rematch-none");
        assert!(text(&msgs[0], crate::Lang::En).contains("Amira"));
    }

    #[test]
    fn the_waitlist_buttons_name_each_mentee() {
        let b = waitlist(&[(3, "Bo".into()), (4, "Ida".into()), (5, "Ole".into())], 2);
        assert_eq!(b.len(), 2);
        assert_eq!(b[1].payload, Payload::Rematch(Rm::Mentee(4)));
        assert_eq!(text(&b[0].label, crate::Lang::En), "Find a mentor for Bo");
    }
}
