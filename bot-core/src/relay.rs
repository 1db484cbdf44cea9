//! The relay between the two members of a pair.
//!
//! Decides: where text a participant writes goes when it is not a command.
//! An answer to something one of their pairs asked (a booking date, a
//! survey, the mentee's goals) goes to that pair, as before. Anything else
//! goes to the other member of their pair, labelled with the writer's name,
//! unless the programme switched the relay off or the pair is paused or
//! over; then the writer is told so and nothing is sent. A person with more
//! than one running pair (a mentor with two mentees) is asked once, with a
//! button per pair, which one the message is for: the text waits in their
//! dialogue ([`Held`]) until the press, and more text typed meanwhile is
//! added to it. A press that does not match the held question (stale,
//! repeated or forged) is answered and sends nothing.
//!
//! The relayed text goes nowhere else: not into the pair's state, an alert
//! or a flag. The shell's outbox row to the other member is its only copy
//! (scrubbed when the writer is forgotten: [`MESSAGE_KEY`]).
//!
//! Must not know: the database, platforms, the clock (time is `now`).

use crate::Ts;
use crate::message::{Button, Msg};
use crate::model::Role;
use crate::pair::{PairState, Status};
use crate::payload::Payload;
use serde::{Deserialize, Serialize};

/// The kind under which the shell stores a held message in `dialogues`.
pub const KIND: &str = "relay";
/// The key of a relayed message: the one outbox row that holds the text.
pub const MESSAGE_KEY: &str = "relay-message";
/// The longest message passed on, in characters (a held message grows
/// with the text typed while its question waits).
pub const MAX_HELD_CHARS: usize = 8_000;

/// What the relay is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Text that is not a command.
    Text(String),
    /// A press on the "which pair" question.
    Press { pair: i64, ask: u32 },
}

/// The writer, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Writer {
    pub role: Role,
    pub name: String,
}

/// What the relay needs to decide.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The programme's `relay` setting.
    pub enabled: bool,
    pub writer: &'a Writer,
    /// The writer's pairs, most recently active first.
    pub pairs: &'a [(i64, PairState)],
    /// The message waiting for the "which pair" press, if any.
    pub held: Option<&'a Held>,
}

/// A message waiting for its writer to say which pair it is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Held {
    pub text: String,
    /// Names the question; its buttons carry it.
    pub ask: u32,
    /// The pairs offered.
    pub pairs: Vec<i64>,
}

/// What the shell must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// The text answers something this pair asked: step the pair with it.
    Answer { pair: i64, text: String },
    /// Send to the member of `pair` in role `to` (never the writer).
    Send { pair: i64, to: Role, msg: Msg },
    /// Answer the writer at once.
    Reply(Msg),
    /// Store the held message (replacing the one held).
    Hold(Held),
    /// The held message is done with.
    Release,
}

/// Decides what becomes of what the writer said.
pub fn step(cx: Context<'_>, input: Input, now: Ts) -> Vec<Effect> {
    match input {
        Input::Text(text) => self::text(cx, text, now),
        Input::Press { pair, ask } => press(cx, pair, ask),
    }
}

fn text(cx: Context<'_>, text: String, now: Ts) -> Vec<Effect> {
    let role = cx.writer.role;
    if let Some((id, _)) = cx.pairs.iter().find(|(_, s)| s.expects_text(role)) {
        return vec![Effect::Answer { pair: *id, text }];
    }
    if text.trim().is_empty() {
        return vec![];
    }
    if text.chars().count() > MAX_HELD_CHARS {
        return vec![Effect::Reply(Msg::new("relay-too-long"))];
    }
    if let Some(held) = cx.held {
        let joined = format!("{}\n{}", held.text, text);
        if joined.chars().count() > MAX_HELD_CHARS {
            return vec![Effect::Reply(Msg::new("relay-too-long"))];
        }
        // The same question's buttons again, so the choice is at hand.
        let offered: Vec<&(i64, PairState)> = cx.pairs.iter().filter(|(id, _)| held.pairs.contains(id)).collect();
        return vec![
            Effect::Hold(Held {
                text: joined,
                ..held.clone()
            }),
            Effect::Reply(buttons(Msg::new("relay-added"), role, &offered, held.ask)),
        ];
    }
    if !cx.enabled {
        return vec![Effect::Reply(Msg::new("relay-off"))];
    }
    let open: Vec<&(i64, PairState)> = cx.pairs.iter().filter(|(_, s)| open(s)).collect();
    match open.as_slice() {
        [] => vec![Effect::Reply(closed(cx.pairs))],
        [(id, s)] => vec![send(cx.writer, *id, s, text)],
        several => {
            let ask = ask_id(now);
            let question = buttons(Msg::new("relay-which"), role, several, ask);
            vec![
                Effect::Hold(Held {
                    text,
                    ask,
                    pairs: several.iter().map(|(id, _)| *id).collect(),
                }),
                Effect::Reply(question),
            ]
        }
    }
}

fn press(cx: Context<'_>, pair: i64, ask: u32) -> Vec<Effect> {
    let stale = || vec![Effect::Reply(Msg::new("relay-stale"))];
    let Some(held) = cx.held else { return stale() };
    if held.ask != ask || !held.pairs.contains(&pair) {
        return stale();
    }
    // The pair must still be the writer's (the held list could be older
    // than a forget or a purge).
    let Some((id, s)) = cx.pairs.iter().find(|(id, _)| *id == pair) else {
        return stale();
    };
    if !cx.enabled {
        return vec![Effect::Release, Effect::Reply(Msg::new("relay-off"))];
    }
    if !open(s) {
        // The question stays: another of the pairs may still be chosen.
        return vec![Effect::Reply(closed(std::slice::from_ref(&(*id, s.clone()))))];
    }
    let name = s.person(other(cx.writer.role)).name.clone();
    vec![
        send(cx.writer, *id, s, held.text.clone()),
        Effect::Release,
        Effect::Reply(Msg::new("relay-sent").str("name", name)),
    ]
}

/// A button per pair, naming the other member, for question `ask`.
fn buttons(mut msg: Msg, role: Role, pairs: &[&(i64, PairState)], ask: u32) -> Msg {
    for (id, s) in pairs {
        let name = s.person(other(role)).name.clone();
        msg = msg.row(vec![Button::with_label(
            Msg::new("relay-to").str("name", name),
            Payload::Relay { pair: *id, ask },
        )]);
    }
    msg
}

/// Whether a pair passes messages on: running, not over.
fn open(s: &PairState) -> bool {
    s.status == Status::Running && s.phase < crate::model::Phase::Closed
}

/// Why nothing can be passed on: no pair, paused, or over.
fn closed(pairs: &[(i64, PairState)]) -> Msg {
    if pairs.is_empty() {
        Msg::new("unpaired")
    } else if pairs.iter().any(|(_, s)| matches!(s.status, Status::Paused { .. })) {
        Msg::new("relay-paused")
    } else {
        Msg::new("relay-ended")
    }
}

fn other(role: Role) -> Role {
    match role {
        Role::Mentor => Role::Mentee,
        _ => Role::Mentor,
    }
}

fn send(writer: &Writer, pair: i64, s: &PairState, text: String) -> Effect {
    // The name as the pair knows it (the same as stored, unless forgotten).
    let name = match s.person(writer.role).name.as_str() {
        "" | "-" => writer.name.clone(),
        n => n.to_string(),
    };
    let to = other(writer.role);
    // The reader answers with the role-specific write button.
    let reply = match to {
        Role::Mentor => "button-write-mentee",
        _ => "button-write-mentor",
    };
    Effect::Send {
        pair,
        to,
        msg: Msg::new(MESSAGE_KEY)
            .str("name", name)
            .str("text", text)
            .row(vec![Button::new(reply, Payload::Write)]),
    }
}

/// Names a question by when it was asked: a press on an older question
/// carries another number.
fn ask_id(now: Ts) -> u32 {
    (now.timestamp_millis().rem_euclid(1_000_000_000)) as u32
}

#[cfg(test)]
mod tests;
