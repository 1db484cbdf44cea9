//! `/event` → "New event" or "Change": the coordinator's guided event
//! dialogue, and the checks `mentorbot event create` / `edit` share.
//!
//! Decides: the questions in order (kind, title, start, end, place or
//! link, who is invited, the RSVP deadline), what a typed answer must look
//! like (a bad one is answered and changes nothing), the preview, the new
//! event's id, and confirming a cancellation. An event made here is the
//! same [`Event`] a programme file declares; its title is the
//! coordinator's own words (`label`), not a key.
//!
//! Must not know: the database, platforms. The shell stores the [`Draft`]
//! in `dialogues` (kind [`KIND`]) and carries out [`Effect::Create`],
//! [`Effect::Change`] and [`Effect::Cancel`] (tell those invited, once).

use crate::Ts;
use crate::coordinator::broadcast::Audience;
use crate::message::{Button, Msg};
use crate::model::Role;
use crate::payload::{Ev, Payload};
use crate::programme::{Among, Event, EventKind, Programme};
use chrono::{Duration, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// The kind stored in `dialogues` for an event being written.
pub const KIND: &str = "event";

/// The longest title and place accepted.
pub const MAX_TEXT: usize = 200;

/// Where the dialogue is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    #[default]
    Kind,
    Title,
    Start,
    End,
    Place,
    Audience,
    Deadline,
    Confirm,
}

/// An event being written or changed, as stored between messages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The event being changed; `None`: a new one.
    pub editing: Option<String>,
    pub step: Step,
    pub kind: Option<EventKind>,
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    pub starts: Option<NaiveTime>,
    pub ends: Option<NaiveTime>,
    pub place: Option<String>,
    pub roles: Option<Vec<Role>>,
    /// Which of them (the unmatched, pairs at risk); `None`: every pair.
    #[serde(default)]
    pub among: Option<Among>,
    pub rsvp_by: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Press(Ev),
    Text(String),
}

/// What the shell must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Reply(Msg),
    Save(Draft),
    Clear,
    /// Add this event to the programme; its invitations go out now.
    Create(Event),
    /// Replace the event of the same id; tell everyone invited.
    Change(Event),
    /// Cancel the event; tell everyone invited.
    Cancel(String),
}

/// The audience an event may have: the roles it invites, and which of
/// them (every pair, the unmatched, pairs at risk).
pub fn roles_of(a: &Audience) -> Option<(Vec<Role>, Among)> {
    let both = vec![Role::Mentee, Role::Mentor];
    match a {
        Audience::Everyone => Some((both, Among::Pairs)),
        Audience::Mentees => Some((vec![Role::Mentee], Among::Pairs)),
        Audience::Mentors => Some((vec![Role::Mentor], Among::Pairs)),
        Audience::Unmatched => Some((both, Among::Unmatched)),
        Audience::AtRisk => Some((both, Among::AtRisk)),
        _ => None,
    }
}

/// The audiences offered for an event.
pub const AUDIENCES: [Audience; 5] = [
    Audience::Everyone,
    Audience::Mentees,
    Audience::Mentors,
    Audience::Unmatched,
    Audience::AtRisk,
];

fn audience_of(roles: &[Role], among: Among) -> Audience {
    match (among, roles.contains(&Role::Mentee), roles.contains(&Role::Mentor)) {
        (Among::Unmatched, ..) => Audience::Unmatched,
        (Among::AtRisk, ..) => Audience::AtRisk,
        (_, true, false) => Audience::Mentees,
        (_, false, true) => Audience::Mentors,
        _ => Audience::Everyone,
    }
}

/// Reads "2030-09-05" or "5.9.2030".
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .ok()
}

/// Reads "17:00" or "17.00".
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    NaiveTime::parse_from_str(s, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H.%M"))
        .ok()
}

/// Reads "2030-09-05 17:00" (or "5.9.2030 17:00").
pub fn parse_start(s: &str) -> Option<(NaiveDate, NaiveTime)> {
    let (d, t) = s.trim().split_once(char::is_whitespace)?;
    Some((parse_date(d)?, parse_time(t)?))
}

/// A title or place as written: trimmed, without control characters,
/// not empty, at most [`MAX_TEXT`] characters.
pub fn clean_text(s: &str) -> Option<String> {
    let t: String = s.trim().chars().filter(|c| !c.is_control()).collect();
    (!t.is_empty() && t.chars().count() <= MAX_TEXT).then_some(t)
}

/// Why an event cannot be as given (a Fluent key), checked at `now`.
pub fn check(p: &Programme, e: &Event, now: Ts) -> Result<(), &'static str> {
    if p.event_starts_at(e) <= now {
        return Err("event-bad-start-past");
    }
    if e.ends <= e.starts {
        return Err("event-bad-end");
    }
    let today = now.with_timezone(&p.time_zone).date_naive();
    match e.rsvp_by {
        Some(by) if by > e.date => Err("event-bad-deadline-after"),
        Some(by) if by < today => Err("event-bad-deadline-past"),
        _ => Ok(()),
    }
}

/// A new event's id: its kind and day (`workshop-0905`), with `-2`, `-3`…
/// if taken.
pub fn new_id(kind: EventKind, date: NaiveDate, taken: &[String]) -> String {
    let base = format!("{}-{}", kind.code(), date.format("%m%d"));
    (1..)
        .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
        .find(|id| !taken.contains(id))
        .expect("an id is free")
}

/// The event a finished draft describes. A new event's invitation is due
/// at once; a changed one keeps its invitation day.
pub fn event_of(p: &Programme, d: &Draft, now: Ts) -> Option<Event> {
    let today = now.with_timezone(&p.time_zone).date_naive();
    let date = d.date?;
    let old = d.editing.as_ref().and_then(|id| p.events.iter().find(|e| &e.id == id));
    let id = match old {
        Some(e) => e.id.clone(),
        None => new_id(
            d.kind?,
            date,
            &p.events.iter().map(|e| e.id.clone()).collect::<Vec<_>>(),
        ),
    };
    // A new event's invitation day is today, or yesterday while today's
    // send time is still ahead: either way it is due now.
    let days = (date - today).num_days() + i64::from(p.at_send_time(today) > now);
    let invite_days_before = match old {
        Some(e) => e.invite_days_before,
        None => days.clamp(0, 365) as u32,
    };
    Some(Event {
        id,
        kind: d.kind?,
        // A file's event keeps its title key unless a title is written.
        title: old.and_then(|e| e.title.clone()),
        date,
        starts: d.starts?,
        ends: d.ends?,
        place: d.place.clone()?,
        invite_days_before,
        roles: d.roles.clone()?,
        audience: d.among.unwrap_or_default(),
        rsvp_by: d.rsvp_by,
        label: d.title.clone(),
    })
}

/// The draft that changes `e`: every answer filled in, to keep or replace.
pub fn draft_of(e: &Event, title: Option<String>) -> Draft {
    Draft {
        editing: Some(e.id.clone()),
        step: Step::Kind,
        kind: Some(e.kind),
        title: e.label.clone().or(title),
        date: Some(e.date),
        starts: Some(e.starts),
        ends: Some(e.ends),
        place: Some(e.place.clone()),
        roles: Some(e.roles.clone()),
        among: Some(e.audience),
        rsvp_by: Some(e.rsvp_by.unwrap_or(e.date - Duration::days(2))),
    }
}

fn cancel() -> Button {
    Button::new("event-button-abort", Payload::Event(Ev::Cancel))
}

fn keep() -> Button {
    Button::new("event-button-keep", Payload::Event(Ev::Keep))
}

/// The question of the draft's step (with "Keep" when changing an event).
fn ask(d: &Draft) -> Vec<Msg> {
    let editing = d.editing.is_some();
    let mut q = match d.step {
        Step::Kind => {
            let mut m = Msg::new("event-ask-kind");
            for pair in EventKind::ALL.chunks(2) {
                m = m.row(
                    pair.iter()
                        .map(|k| Button::new(format!("event-kind-{}", k.code()), Payload::Event(Ev::Kind(*k))))
                        .collect(),
                );
            }
            m
        }
        Step::Title => Msg::new("event-ask-title"),
        Step::Start => Msg::new("event-ask-start"),
        Step::End => Msg::new("event-ask-end"),
        Step::Place => Msg::new("event-ask-place"),
        Step::Audience => {
            let mut m = Msg::new("event-ask-audience");
            for a in AUDIENCES {
                m = m.column(vec![Button::new(a.label_key(), Payload::Event(Ev::Audience(a)))]);
            }
            m
        }
        Step::Deadline => Msg::new("event-ask-deadline"),
        Step::Confirm => return vec![],
    };
    let mut row = vec![];
    if editing && d.step != Step::Kind && d.step != Step::Audience {
        let now = match d.step {
            Step::Title => d.title.clone(),
            Step::Start => d
                .date
                .zip(d.starts)
                .map(|(a, b)| format!("{} {}", a.format("%Y-%m-%d"), b.format("%H:%M"))),
            Step::End => d.ends.map(|t| t.format("%H:%M").to_string()),
            Step::Place => d.place.clone(),
            Step::Deadline => d.rsvp_by.map(|t| t.format("%Y-%m-%d").to_string()),
            _ => None,
        };
        if let Some(now) = now {
            q = Msg::new("event-ask-or-keep")
                .key("question", q.key.clone())
                .str("now", now);
        }
        row.push(keep());
    } else if editing {
        row.push(keep());
    }
    row.push(cancel());
    vec![q.row(row)]
}

fn next(step: Step) -> Step {
    match step {
        Step::Kind => Step::Title,
        Step::Title => Step::Start,
        Step::Start => Step::End,
        Step::End => Step::Place,
        Step::Place => Step::Audience,
        Step::Audience => Step::Deadline,
        Step::Deadline | Step::Confirm => Step::Confirm,
    }
}

/// The preview of a finished draft, with Save and Cancel.
pub fn preview(p: &Programme, e: &Event) -> Msg {
    e.named(Msg::new("event-preview"), "event")
        .key("kind", format!("event-kind-{}", e.kind.code()))
        .time("starts", p.event_starts_at(e))
        .str("ends", e.ends.format("%H:%M").to_string())
        .str("place", e.place.clone())
        .key("audience", audience_of(&e.roles, e.audience).who_key())
        .date("deadline", p.event_rsvp_deadline(e) - Duration::minutes(1))
        .row(vec![
            Button::new("event-button-save", Payload::Event(Ev::Save)),
            cancel(),
        ])
}

/// Moves on from the step just answered, or says why the event cannot
/// be so (the draft unchanged).
fn advance(p: &Programme, mut d: Draft, now: Ts) -> Vec<Effect> {
    use Effect::*;
    d.step = next(d.step);
    if d.step == Step::Confirm {
        let Some(e) = event_of(p, &d, now) else {
            d.step = Step::Kind;
            let mut out = vec![Save(d.clone())];
            out.extend(ask(&d).into_iter().map(Reply));
            return out;
        };
        return match check(p, &e, now) {
            Ok(()) => vec![Save(d), Reply(preview(p, &e))],
            Err(why) => {
                // Ask again what is wrong: the start, the end or the deadline.
                d.step = match why {
                    "event-bad-start-past" => Step::Start,
                    "event-bad-end" => Step::End,
                    _ => Step::Deadline,
                };
                let mut out = vec![Save(d.clone()), Reply(Msg::new(why))];
                out.extend(ask(&d).into_iter().map(Reply));
                out
            }
        };
    }
    let mut out = vec![Save(d.clone())];
    out.extend(ask(&d).into_iter().map(Reply));
    out
}

/// Steps the dialogue. `draft` is the stored one (`None`: none under way).
pub fn step(p: &Programme, draft: Option<Draft>, input: Input, now: Ts) -> Vec<Effect> {
    use Effect::*;
    let again = |d: &Draft, why: &'static str| {
        let mut out = vec![Reply(Msg::new(why))];
        out.extend(ask(d).into_iter().map(Reply));
        out
    };
    match input {
        Input::Press(Ev::New) => {
            let d = Draft::default();
            let mut out = vec![Save(d.clone())];
            out.extend(ask(&d).into_iter().map(Reply));
            return out;
        }
        Input::Press(Ev::Edit(id)) => {
            return match p.events.iter().find(|e| e.id == id) {
                Some(e) if p.event_starts_at(e) > now => {
                    let d = draft_of(e, None);
                    let mut out = vec![Save(d.clone())];
                    out.extend(ask(&d).into_iter().map(Reply));
                    out
                }
                _ => vec![Reply(Msg::new("button-expired"))],
            };
        }
        Input::Press(Ev::Drop(id)) => {
            return match p.events.iter().find(|e| e.id == id) {
                Some(e) if p.event_starts_at(e) > now => vec![Reply(
                    e.named(Msg::new("event-drop-confirm"), "event")
                        .time("starts", p.event_starts_at(e))
                        .row(vec![
                            Button::new("event-button-drop", Payload::Event(Ev::DropConfirmed(id))),
                            Button::new("event-button-keep-event", Payload::Event(Ev::Cancel)),
                        ]),
                )],
                _ => vec![Reply(Msg::new("button-expired"))],
            };
        }
        Input::Press(Ev::DropConfirmed(id)) => {
            return match p.events.iter().find(|e| e.id == id) {
                Some(e) if p.event_starts_at(e) > now => vec![Cancel(id)],
                _ => vec![Reply(Msg::new("button-expired"))],
            };
        }
        _ => {}
    }
    let Some(mut d) = draft else {
        return match input {
            Input::Press(Ev::Cancel) => vec![Reply(Msg::new("event-nothing-changed"))],
            _ => vec![Reply(Msg::new("button-expired"))],
        };
    };
    match (d.step, input) {
        (_, Input::Press(Ev::Cancel)) => vec![Clear, Reply(Msg::new("event-nothing-changed"))],
        (Step::Confirm, Input::Press(Ev::Save)) => match event_of(p, &d, now) {
            Some(e) => match check(p, &e, now) {
                Ok(()) if d.editing.is_some() => vec![Clear, Change(e)],
                Ok(()) => vec![Clear, Create(e)],
                Err(why) => vec![Clear, Reply(Msg::new(why))],
            },
            None => vec![Clear, Reply(Msg::new("button-expired"))],
        },
        (Step::Confirm, _) => match event_of(p, &d, now) {
            Some(e) => vec![Reply(preview(p, &e))],
            None => vec![Clear, Reply(Msg::new("button-expired"))],
        },
        (Step::Kind, Input::Press(Ev::Kind(k))) => {
            d.kind = Some(k);
            advance(p, d, now)
        }
        (Step::Audience, Input::Press(Ev::Audience(a))) => match roles_of(&a) {
            Some((roles, among)) => {
                d.roles = Some(roles);
                d.among = Some(among);
                advance(p, d, now)
            }
            None => ask(&d).into_iter().map(Reply).collect(),
        },
        (step, Input::Press(Ev::Keep)) if d.editing.is_some() => {
            let filled = match step {
                Step::Kind => d.kind.is_some(),
                // A programme file's event keeps its name.
                Step::Title => true,
                Step::Start => d.date.is_some() && d.starts.is_some(),
                Step::End => d.ends.is_some(),
                Step::Place => d.place.is_some(),
                Step::Audience => d.roles.is_some(),
                Step::Deadline => d.rsvp_by.is_some(),
                Step::Confirm => true,
            };
            if filled {
                advance(p, d, now)
            } else {
                ask(&d).into_iter().map(Reply).collect()
            }
        }
        (Step::Title, Input::Text(t)) => match clean_text(&t) {
            Some(t) => {
                d.title = Some(t);
                advance(p, d, now)
            }
            None => again(&d, "event-bad-title"),
        },
        (Step::Start, Input::Text(t)) => match parse_start(&t) {
            Some((date, time)) if p.local(date, time) > now => {
                d.date = Some(date);
                d.starts = Some(time);
                advance(p, d, now)
            }
            Some(_) => again(&d, "event-bad-start-past"),
            None => again(&d, "event-bad-start"),
        },
        (Step::End, Input::Text(t)) => match parse_time(&t) {
            Some(end) if d.starts.is_some_and(|s| end > s) => {
                d.ends = Some(end);
                advance(p, d, now)
            }
            _ => again(&d, "event-bad-end"),
        },
        (Step::Place, Input::Text(t)) => match clean_text(&t) {
            Some(t) => {
                d.place = Some(t);
                advance(p, d, now)
            }
            None => again(&d, "event-bad-place"),
        },
        (Step::Deadline, Input::Text(t)) => match parse_date(&t) {
            Some(by) => {
                d.rsvp_by = Some(by);
                advance(p, d, now)
            }
            None => again(&d, "event-bad-deadline"),
        },
        // A press out of turn, or text where a button is asked for.
        (_, Input::Press(_)) => vec![Reply(Msg::new("button-expired"))],
        (_, Input::Text(_)) => ask(&d).into_iter().map(Reply).collect(),
    }
}

#[cfg(test)]
mod tests;

/// What `mentorbot event create` / `edit` was given, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    pub kind: Option<String>,
    pub title: Option<String>,
    /// "2030-09-05 17:00".
    pub start: Option<String>,
    /// "19:00".
    pub end: Option<String>,
    pub place: Option<String>,
    /// `everyone`, `mentors`, `mentees`, `unmatched` or `at-risk`.
    pub audience: Option<String>,
    /// "2030-09-01".
    pub rsvp_by: Option<String>,
}

/// The event the command line describes: a new one (`base` none: kind,
/// title, start, end and place required) or `base` changed. `Err` is the
/// Fluent key saying what is wrong; nothing is made.
pub fn from_fields(p: &Programme, base: Option<&Event>, f: &Fields, now: Ts) -> Result<Event, &'static str> {
    let mut d = match base {
        Some(e) => draft_of(e, None),
        None => Draft::default(),
    };
    if let Some(k) = &f.kind {
        d.kind = Some(EventKind::parse(k).ok_or("event-bad-kind")?);
    }
    if let Some(t) = &f.title {
        d.title = Some(clean_text(t).ok_or("event-bad-title")?);
    }
    if let Some(s) = &f.start {
        let (date, time) = parse_start(s).ok_or("event-bad-start")?;
        d.date = Some(date);
        d.starts = Some(time);
    }
    if let Some(s) = &f.end {
        d.ends = Some(parse_time(s).ok_or("event-bad-end")?);
    }
    if let Some(s) = &f.place {
        d.place = Some(clean_text(s).ok_or("event-bad-place")?);
    }
    match &f.audience {
        Some(a) => {
            let (roles, among) = Audience::parse(a)
                .as_ref()
                .and_then(roles_of)
                .ok_or("event-bad-audience")?;
            d.roles = Some(roles);
            d.among = Some(among);
        }
        None => d.roles = d.roles.or_else(|| Some(vec![Role::Mentee, Role::Mentor])),
    }
    if let Some(s) = &f.rsvp_by {
        d.rsvp_by = Some(parse_date(s).ok_or("event-bad-deadline")?);
    }
    if base.is_none() && d.title.is_none() {
        return Err("event-bad-title");
    }
    let e = event_of(p, &d, now).ok_or("event-missing")?;
    check(p, &e, now)?;
    Ok(e)
}
