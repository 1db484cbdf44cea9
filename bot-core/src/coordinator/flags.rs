//! Flags: what a mentee or mentor raises about their pair, and what a
//! coordinator does with it.
//!
//! Decides: the one line of text a flag "something else" asks for (read
//! from the stored `flag-note` dialogue); the coordinator's buttons under
//! a flag; what Acknowledge, Resolve and Call me change and whom they tell
//! (the flagger, never the other side of the pair); who may press them
//! (a coordinator of the flag's own programme); and when an unacknowledged
//! flag is raised again.
//!
//! Must not know: the database, platforms, the clock (time is `now`).

use crate::Ts;
use crate::message::{Button, Msg};
use crate::model::Role;
use crate::payload::{FlagAct, FlagReason, Payload};
use crate::routing::Said;
use chrono::Duration;
use serde::{Deserialize, Serialize};

/// The stored dialogue's kind while a flag waits for its line of text.
pub const NOTE_DIALOGUE: &str = "flag-note";
/// The longest note kept (characters).
pub const NOTE_MAX_CHARS: usize = 300;
/// An unacknowledged flag is raised again this long after it was last raised.
pub const RERAISE_AFTER_DAYS: i64 = 3;
/// A question for a note left unanswered this long is dropped: later text
/// goes where it would have gone.
pub const NOTE_EXPIRES_HOURS: i64 = 24;

/// The `flag-note` dialogue: which pair, which side, since when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteDialogue {
    pub pair_id: i64,
    pub role: Role,
    pub asked_at: Ts,
}

/// What became of text typed while a note was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteOutcome {
    /// The note, cleaned: the shell ends the dialogue and hands it to the
    /// pair (`pair::Input::FlagNote`).
    Note(String),
    /// Nothing usable: ask again, keep the dialogue.
    AskAgain(Msg),
    /// The question is stale: end the dialogue; the text goes elsewhere.
    Expired,
}

/// Reads the line of text for a flag "something else".
pub fn note(d: &NoteDialogue, said: &Said, now: Ts) -> NoteOutcome {
    if now - d.asked_at > Duration::hours(NOTE_EXPIRES_HOURS) {
        return NoteOutcome::Expired;
    }
    let Said::Text(text) = said else {
        return NoteOutcome::AskAgain(Msg::new("flag-note-empty"));
    };
    // One line: line breaks and control characters become spaces, runs of
    // spaces one, and the length is capped.
    let line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let line: String = line.chars().take(NOTE_MAX_CHARS).collect();
    if line.is_empty() {
        NoteOutcome::AskAgain(Msg::new("flag-note-empty"))
    } else {
        NoteOutcome::Note(line)
    }
}

/// The coordinator's copy of a flag, with its buttons.
pub fn alert(msg: Msg, id: i64) -> Msg {
    let b = |key: &'static str, act| Button::new(key, Payload::FlagAct { id, act });
    msg.row(vec![
        b("flag-button-ack", FlagAct::Acknowledge),
        b("flag-button-resolve", FlagAct::Resolve),
        b("flag-button-call", FlagAct::CallMe),
    ])
}

/// A flag as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub id: i64,
    pub programme_id: String,
    /// `flag` for a participant's flag; other kinds are alerts.
    pub kind: String,
    pub reason: Option<String>,
    pub note: Option<String>,
    /// The flagger, unless they were forgotten.
    pub flagger: Option<i64>,
    pub created_at: Ts,
    pub acknowledged: bool,
    pub resolved: bool,
    /// When it was last raised again, if ever.
    pub raised_at: Option<Ts>,
}

impl Flag {
    /// A participant's flag still to be handled.
    pub fn open(&self) -> bool {
        self.kind == "flag" && !self.resolved
    }
}

/// The coordinator who pressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handler {
    pub programme_id: String,
    pub name: String,
    /// Their contact details, if they gave any.
    pub contact: Option<String>,
}

/// What the shell must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Store the flag as acknowledged by the handler at `now`.
    Acknowledge,
    /// Store the flag as resolved at `now` (`flags.resolved_at`).
    Resolve,
    /// Tell the flagger (only them).
    TellFlagger(Msg),
    /// Answer the coordinator.
    Reply(Msg),
}

/// A coordinator pressed a flag's button. A flag that does not exist, is
/// not a participant's flag, or belongs to another programme gets the same
/// answer, and nothing changes.
pub fn act(flag: Option<&Flag>, by: &Handler, act: FlagAct) -> Vec<Effect> {
    let Some(f) = flag.filter(|f| f.programme_id == by.programme_id && f.kind == "flag") else {
        return vec![Effect::Reply(Msg::new("flag-unknown"))];
    };
    if f.resolved {
        return vec![Effect::Reply(Msg::new("flag-already-resolved"))];
    }
    let told_ack = |fx: &mut Vec<Effect>| {
        if !f.acknowledged {
            fx.push(Effect::Acknowledge);
            if f.flagger.is_some() {
                fx.push(Effect::TellFlagger(
                    Msg::new("flag-acknowledged").str("coordinator", by.name.clone()),
                ));
            }
        }
    };
    let mut fx = vec![];
    match act {
        FlagAct::Acknowledge => {
            if f.acknowledged {
                return vec![Effect::Reply(Msg::new("flag-already-acknowledged"))];
            }
            told_ack(&mut fx);
            fx.push(Effect::Reply(Msg::new("flag-acknowledged-done")));
        }
        FlagAct::Resolve => {
            told_ack(&mut fx);
            fx.push(Effect::Resolve);
            fx.push(Effect::Reply(Msg::new("flag-resolved-done")));
        }
        FlagAct::CallMe => {
            let Some(contact) = by.contact.clone() else {
                return vec![Effect::Reply(Msg::new("flag-call-no-contact"))];
            };
            if f.flagger.is_none() {
                return vec![Effect::Reply(Msg::new("flag-flagger-gone"))];
            }
            if !f.acknowledged {
                fx.push(Effect::Acknowledge);
            }
            fx.push(Effect::TellFlagger(
                Msg::new("flag-call-me")
                    .str("coordinator", by.name.clone())
                    .str("contact", contact),
            ));
            fx.push(Effect::Reply(Msg::new("flag-call-done")));
        }
    }
    fx
}

/// Whether an unacknowledged flag is raised again at `now`: not once the
/// pair ended, nor once the flagger was forgotten.
pub fn reraise_due(f: &Flag, pair_ended: bool, now: Ts) -> bool {
    f.open()
        && !f.acknowledged
        && f.flagger.is_some()
        && !pair_ended
        && now >= f.raised_at.unwrap_or(f.created_at) + Duration::days(RERAISE_AFTER_DAYS)
}

/// The reminder of an unacknowledged flag, with its buttons.
pub fn reraise(f: &Flag, by: &str, mentee: &str, mentor: &str, now: Ts) -> Msg {
    let reason = f
        .reason
        .as_deref()
        .and_then(|r| FlagReason::ALL.into_iter().find(|x| x.code() == r))
        .unwrap_or(FlagReason::Other);
    let msg = Msg::new(if f.note.is_some() {
        "flag-reraise-note"
    } else {
        "flag-reraise"
    })
    .str("by", by.to_string())
    .str("mentee", mentee.to_string())
    .str("mentor", mentor.to_string())
    .key("reason", format!("flag-reason-{}", reason.code()))
    .str("note", f.note.clone().unwrap_or_default())
    .num("days", (now - f.created_at).num_days());
    alert(msg, f.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(d: u32, h: u32) -> Ts {
        chrono::Utc.with_ymd_and_hms(2030, 9, d, h, 0, 0).unwrap()
    }

    fn flag() -> Flag {
        Flag {
            id: 7,
            programme_id: "km".into(),
            kind: "flag".into(),
            reason: Some("no-answer".into()),
            note: None,
            flagger: Some(3),
            created_at: t(1, 10),
            acknowledged: false,
            resolved: false,
            raised_at: None,
        }
    }

    fn karen() -> Handler {
        Handler {
            programme_id: "km".into(),
            name: "Karen".into(),
            contact: Some("+45 12 34 56 78".into()),
        }
    }

    #[test]
    fn a_note_is_one_clean_line_and_empty_text_is_asked_again() {
        let d = NoteDialogue {
            pair_id: 1,
            role: Role::Mentee,
            asked_at: t(1, 10),
        };
        let said = Said::Text("My mentor\nkeeps   cancelling\u{7}.".into());
        assert_eq!(
            note(&d, &said, t(1, 11)),
            NoteOutcome::Note("My mentor keeps cancelling .".into())
        );
        assert!(matches!(
            note(&d, &Said::Text(" \n ".into()), t(1, 11)),
            NoteOutcome::AskAgain(_)
        ));
        let long = Said::Text("x".repeat(1000));
        let NoteOutcome::Note(n) = note(&d, &long, t(1, 11)) else {
            panic!()
        };
        assert_eq!(n.chars().count(), NOTE_MAX_CHARS);
        assert_eq!(note(&d, &said, t(2, 11)), NoteOutcome::Expired);
    }

    #[test]
    fn acknowledging_tells_the_flagger_once() {
        let fx = act(Some(&flag()), &karen(), FlagAct::Acknowledge);
        assert_eq!(fx[0], Effect::Acknowledge);
        assert!(matches!(&fx[1], Effect::TellFlagger(m) if m.key == "flag-acknowledged"));
        let acked = Flag {
            acknowledged: true,
            ..flag()
        };
        let again = act(Some(&acked), &karen(), FlagAct::Acknowledge);
        assert!(matches!(&again[..], [Effect::Reply(m)] if m.key == "flag-already-acknowledged"));
        // Resolving an acknowledged flag tells the flagger nothing new.
        let fx = act(Some(&acked), &karen(), FlagAct::Resolve);
        assert!(!fx.iter().any(|e| matches!(e, Effect::TellFlagger(_))));
        assert!(fx.contains(&Effect::Resolve));
    }

    #[test]
    fn another_programmes_coordinator_changes_nothing() {
        let other = Handler {
            programme_id: "other".into(),
            ..karen()
        };
        for a in FlagAct::ALL {
            let fx = act(Some(&flag()), &other, a);
            assert!(matches!(&fx[..], [Effect::Reply(m)] if m.key == "flag-unknown"));
        }
        let alert_row = Flag {
            kind: "stalled".into(),
            ..flag()
        };
        let fx = act(Some(&alert_row), &karen(), FlagAct::Resolve);
        assert!(matches!(&fx[..], [Effect::Reply(m)] if m.key == "flag-unknown"));
    }

    #[test]
    fn call_me_shares_the_contact_or_says_there_is_none() {
        let fx = act(Some(&flag()), &karen(), FlagAct::CallMe);
        assert!(fx.iter().any(|e| matches!(e, Effect::TellFlagger(m)
            if m.get("contact") == Some(&crate::message::Arg::Str("+45 12 34 56 78".into())))));
        let none = Handler {
            contact: None,
            ..karen()
        };
        let fx = act(Some(&flag()), &none, FlagAct::CallMe);
        assert!(matches!(&fx[..], [Effect::Reply(m)] if m.key == "flag-call-no-contact"));
    }

    #[test]
    fn raised_again_after_three_days_until_handled_ended_or_forgotten() {
        let f = flag();
        assert!(!reraise_due(&f, false, t(4, 9)));
        assert!(reraise_due(&f, false, t(4, 10)));
        assert!(!reraise_due(&f, true, t(4, 10)));
        let raised = Flag {
            raised_at: Some(t(4, 10)),
            ..flag()
        };
        assert!(!reraise_due(&raised, false, t(6, 10)));
        assert!(reraise_due(&raised, false, t(7, 10)));
        for f in [
            Flag {
                acknowledged: true,
                ..flag()
            },
            Flag {
                resolved: true,
                ..flag()
            },
            Flag {
                flagger: None,
                ..flag()
            },
        ] {
            assert!(!reraise_due(&f, false, t(9, 10)));
        }
    }
}
