//! `/event` for coordinators: the coming events with their answers; the
//! RSVP reminders; what those invited are told when an event changes or
//! is cancelled.
//!
//! Decides: what the overview says (answers yes and no, invited people who
//! have not answered, who is coming) and its buttons (change, cancel, new
//! event); who gets which reminder when ([`reminders`]): anyone invited
//! who has not answered gets one before the deadline, those who said yes
//! one the day before. The shell counts and queues (each reminder with its
//! `once` key, so nobody gets one twice).
//!
//! Must not know: the database.

use crate::Ts;
use crate::message::{Attachment, Button, Msg};
use crate::payload::{Ev, Payload};
use crate::programme::{Event, Programme};
use chrono::Duration;

/// One coming event's answers, as the shell counted them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventAnswers {
    pub id: String,
    /// The event's name (a Fluent key).
    pub name_key: String,
    /// The title a coordinator wrote, if they made the event.
    pub label: Option<String>,
    pub starts: Ts,
    /// Who said yes, by name.
    pub coming: Vec<String>,
    pub not_coming: i64,
    /// People who said maybe.
    pub maybe: i64,
    /// People invited.
    pub invited: i64,
}

/// One message per coming event, or that there is none.
pub fn overview(events: &[EventAnswers]) -> Vec<Msg> {
    if events.is_empty() {
        return vec![Msg::new("event-none")];
    }
    events
        .iter()
        .map(|e| {
            let answered = e.coming.len() as i64 + e.not_coming + e.maybe;
            let msg = match &e.label {
                Some(l) => Msg::new("event-overview").str("event", l.clone()),
                None => Msg::new("event-overview").key("event", e.name_key.clone()),
            };
            msg.str("id", e.id.clone())
                .time("starts", e.starts)
                .num("yes", e.coming.len() as i64)
                .num("no", e.not_coming)
                .num("maybe", e.maybe)
                .num("open", (e.invited - answered).max(0))
                .str(
                    "coming",
                    if e.coming.is_empty() {
                        "–".into()
                    } else {
                        e.coming.join(", ")
                    },
                )
        })
        .collect()
}

/// `/event` in chat: the overview, each event with "Change" and "Cancel
/// event", then "New event".
pub fn overview_with_buttons(events: &[EventAnswers]) -> Vec<Msg> {
    let mut out: Vec<Msg> = if events.is_empty() {
        vec![]
    } else {
        overview(events)
            .into_iter()
            .zip(events)
            .map(|(m, e)| {
                m.row(vec![
                    Button::new("event-button-edit", Payload::Event(Ev::Edit(e.id.clone()))),
                    Button::new("event-button-cancel-event", Payload::Event(Ev::Drop(e.id.clone()))),
                ])
            })
            .collect()
    };
    let key = if events.is_empty() {
        "event-none-new"
    } else {
        "event-new"
    };
    out.push(Msg::new(key).row(vec![Button::new("event-button-new", Payload::Event(Ev::New))]));
    out
}

/// The `once` key of an event's invitation to a person.
pub fn invite_key(event: &str) -> String {
    format!("event:{event}")
}

/// What one invited person has had of an event so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitee {
    pub participant: i64,
    /// When their invitation was queued.
    pub invited_at: Ts,
    /// Their answer: yes, no (a "maybe" counts here as no: answered, so
    /// no reminder to answer, and not coming, so no day-before reminder),
    /// none.
    pub going: Option<bool>,
    /// The reminder to answer was queued.
    pub asked: bool,
    /// The day-before reminder was queued.
    pub told_tomorrow: bool,
}

/// A reminder about an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reminder {
    /// You have not answered.
    Answer,
    /// You said yes: it is tomorrow.
    Tomorrow,
}

impl Reminder {
    /// The `once` key of this reminder about `event`.
    pub fn once_key(self, event: &str) -> String {
        match self {
            Reminder::Answer => format!("event:{event}:ask"),
            Reminder::Tomorrow => format!("event:{event}:soon"),
        }
    }
}

/// When someone invited at `invited_at` who has not answered is reminded:
/// two days before the deadline, but never sooner than halfway from the
/// invitation to the deadline.
pub fn answer_reminder_at(invited_at: Ts, deadline: Ts) -> Ts {
    let halfway = invited_at + (deadline - invited_at) / 2;
    (deadline - Duration::days(2)).max(halfway)
}

/// The reminders due at `now` for event `e`: one to answer before the
/// deadline for those who have not, one the day before for those who said
/// yes. Each at most once (what was queued is in `asked`/`told_tomorrow`).
pub fn reminders(p: &Programme, e: &Event, invited: &[Invitee], now: Ts) -> Vec<(i64, Reminder)> {
    let starts = p.event_starts_at(e);
    let deadline = p.event_rsvp_deadline(e).min(starts);
    if now >= starts {
        return vec![];
    }
    let mut out = vec![];
    for i in invited {
        match i.going {
            None if !i.asked && now >= answer_reminder_at(i.invited_at, deadline) && now < deadline => {
                out.push((i.participant, Reminder::Answer))
            }
            Some(true) if !i.told_tomorrow && now >= starts - Duration::days(1) => {
                out.push((i.participant, Reminder::Tomorrow))
            }
            _ => {}
        }
    }
    out
}

/// When [`reminders`] will next have something for event `e` (for the
/// scheduler), if ever.
pub fn next_reminder_at(p: &Programme, e: &Event, invited: &[Invitee]) -> Option<Ts> {
    let starts = p.event_starts_at(e);
    let deadline = p.event_rsvp_deadline(e).min(starts);
    invited
        .iter()
        .filter_map(|i| match i.going {
            None if !i.asked => Some(answer_reminder_at(i.invited_at, deadline)).filter(|t| *t < deadline),
            Some(true) if !i.told_tomorrow => Some(starts - Duration::days(1)),
            _ => None,
        })
        .min()
}

fn rsvp_buttons(e: &Event) -> Vec<Button> {
    vec![
        Button::new(
            "button-rsvp-yes",
            Payload::Rsvp {
                event: e.id.clone(),
                answer: crate::payload::RsvpAnswer::Yes,
            },
        ),
        Button::new(
            "button-rsvp-no",
            Payload::Rsvp {
                event: e.id.clone(),
                answer: crate::payload::RsvpAnswer::No,
            },
        ),
        Button::new(
            "button-rsvp-maybe",
            Payload::Rsvp {
                event: e.id.clone(),
                answer: crate::payload::RsvpAnswer::Maybe,
            },
        ),
    ]
}

/// The reminder's message.
pub fn reminder(p: &Programme, e: &Event, r: Reminder) -> Msg {
    match r {
        Reminder::Answer => e
            .named(Msg::new("event-remind-answer"), "event")
            .time("starts", p.event_starts_at(e))
            .date("deadline", p.event_rsvp_deadline(e) - Duration::minutes(1))
            .row(rsvp_buttons(e)),
        Reminder::Tomorrow => e
            .named(Msg::new("event-remind-tomorrow"), "event")
            .time("starts", p.event_starts_at(e))
            .str("place", e.place.clone()),
    }
}

/// What everyone invited is told when event `e` changed (`version` counts
/// the changes: the `once` key of each is its own), with the new calendar
/// file.
pub fn changed(p: &Programme, e: &Event, version: i64) -> (Msg, String) {
    let msg = e
        .named(Msg::new("event-changed"), "event")
        .time("starts", p.event_starts_at(e))
        .str("ends", e.ends.format("%H:%M").to_string())
        .str("place", e.place.clone())
        .attach(Attachment::Calendar { event: e.id.clone() })
        .row(rsvp_buttons(e));
    (msg, format!("event:{}:v{version}", e.id))
}

/// What everyone invited is told when event `e` is cancelled, and its
/// `once` key.
pub fn cancelled(p: &Programme, e: &Event) -> (Msg, String) {
    let msg = e
        .named(Msg::new("event-cancelled"), "event")
        .time("starts", p.event_starts_at(e));
    (msg, format!("event:{}:cancelled", e.id))
}

/// An event's invitation: when and where, the `.ics` file, and the RSVP
/// buttons (yes, no, maybe). The same for a pair's members and for the
/// unmatched.
pub fn invitation(p: &Programme, e: &Event) -> Msg {
    e.named(Msg::new("event-invite"), "kind")
        .str("programme", p.name.clone())
        .time("starts", p.event_starts_at(e))
        .str("ends", e.ends.format("%H:%M").to_string())
        .str("place", e.place.clone())
        .attach(Attachment::Calendar { event: e.id.clone() })
        .row(rsvp_buttons(e))
}

/// Whether the unmatched are to be invited to `e` at `now`: an event for
/// them whose invitation day has come and which is still ahead. The
/// shell invites each unmatched person of the event's roles once (key
/// `event:ID`), so someone who registers later is invited on the next pass.
pub fn invites_unmatched(p: &Programme, e: &Event, now: Ts) -> bool {
    e.audience == crate::programme::Among::Unmatched && p.event_invite_at(e) <= now && p.event_starts_at(e) > now
}

/// The answer to an RSVP press by someone in no pair (an event for the
/// unmatched): the thanks if the event is still ahead, `None` (the
/// button has expired) otherwise.
pub fn rsvp_unpaired(p: &Programme, event: &str, answer: crate::payload::RsvpAnswer, now: Ts) -> Option<Msg> {
    use crate::payload::RsvpAnswer;
    let e = p.events.iter().find(|e| e.id == event)?;
    if e.audience != crate::programme::Among::Unmatched || p.event_starts_at(e) <= now {
        return None;
    }
    let key = match answer {
        RsvpAnswer::Yes => "rsvp-yes-thanks",
        RsvpAnswer::No => "rsvp-no-thanks",
        RsvpAnswer::Maybe => "rsvp-maybe-thanks",
    };
    Some(e.named(Msg::new(key), "event"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::Arg;
    use chrono::TimeZone;

    #[test]
    fn the_overview_counts_answers_and_names_who_is_coming() {
        let starts = chrono::Utc.with_ymd_and_hms(2030, 9, 5, 15, 0, 0).unwrap();
        let [m] = &overview(&[EventAnswers {
            id: "kickoff".into(),
            name_key: "event-kind-kickoff".into(),
            label: None,
            starts,
            coming: vec!["Amira".into(), "Lars".into()],
            not_coming: 1,
            maybe: 1,
            invited: 6,
        }])[..] else {
            panic!()
        };
        assert_eq!(m.get("open"), Some(&Arg::Num(2)));
        assert_eq!(m.get("maybe"), Some(&Arg::Num(1)));
        assert_eq!(m.get("coming"), Some(&Arg::Str("Amira, Lars".into())));
        assert_eq!(overview(&[]), vec![Msg::new("event-none")]);
    }
}
