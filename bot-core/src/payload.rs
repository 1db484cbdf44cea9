//! Every button's payload, as one type: built here, encoded here, read here.
//!
//! Decides: the wire form of each button (`ans:midterm:benefit:4`,
//! `met:good:2`, `p17|…` for the pair it belongs to) and that it fits the
//! smallest platform limit, Telegram's 64 bytes of `callback_data`
//! (Discord's `custom_id` allows 100 characters). Programme validation caps
//! ids at [`MAX_ID_LEN`] so that every payload a programme can produce fits
//! with the largest pair tag.
//!
//! Must not know: which flow handles a press, or any platform.
//! No other module matches on payload text.

use crate::model::Lang;
use crate::programme::SurveyKind;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Telegram's limit on `callback_data`, the smallest of the platforms'.
pub const MAX_BYTES: usize = 64;
/// The longest question or event id a programme file may use.
pub const MAX_ID_LEN: usize = 24;

/// What a button says when pressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    /// Book a meeting: ask for a day, or a day was picked, or a day and time.
    Book(Option<(NaiveDate, Option<NaiveTime>)>),
    Resume,
    /// How meeting `n` went.
    Met {
        rating: Rating,
        n: u32,
    },
    /// Flag a problem: ask for the reason, or the reason picked.
    Flag(Option<FlagReason>),
    Rsvp {
        event: String,
        answer: RsvpAnswer,
    },
    Agree(Agree),
    /// An answer to a survey question.
    Answer {
        survey: SurveyKind,
        question: String,
        press: Press,
    },
    /// Another conversation prompt.
    Prompt,
    /// Write to the other member of the pair (a platform without plain
    /// messages opens a text box; elsewhere the member is told to type).
    Write,
    /// Change one's language.
    Language(Lang),
    /// Confirm or cancel `/forget`.
    Forget {
        confirm: bool,
    },
    /// `/consent`: share one's contact details with the match (yes) or
    /// stop (no).
    Consent(bool),
    /// Registration: the language picked.
    RegLanguage(Lang),
    /// Registration: consent to share contact details with the match.
    RegConsent(bool),
    /// An answer to a profile question (at registration or `/profile`).
    Profile {
        ask: crate::profile::Ask,
        press: Press,
    },
    /// `/profile`: answer this question again.
    ProfileEdit(crate::profile::Ask),
    /// Show the buttons of outbox message `outbox` from `offset` on (a
    /// platform that shows fewer buttons than the message has).
    More {
        outbox: i64,
        offset: u16,
    },
    /// The relay: send the held message to the other member of `pair`;
    /// `ask` names the question, so a press on an older one is stale.
    Relay {
        pair: i64,
        ask: u32,
    },
    /// The coordinator's `/broadcast` dialogue.
    Broadcast(Bc),
    /// The coordinator's `/event` dialogue: create, change, cancel.
    Event(Ev),
    /// A coordinator's answer to flag `id`: acknowledge, resolve, call me.
    FlagAct {
        id: i64,
        act: FlagAct,
    },
    /// `/pairs`: show this page.
    PairsPage(u16),
    /// A coordinator sends the extra reminder of an open survey.
    SurveyRemind(SurveyKind),
    /// A coordinator finds a mentee a new mentor (`coordinator::rematch`).
    Rematch(Rm),
    /// A coordinator's control of a pair.
    PairCtl {
        pair: i64,
        ctl: PairCtl,
    },
}

/// What a coordinator does to a pair from `/pairs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairCtl {
    Pause,
    Resume,
    /// Ask for the reason to end.
    AskEnd,
    End(crate::pair::EndReason),
    /// After an end: match the mentee with a new mentor (the cohort's
    /// rematch).
    Rematch,
}

/// A coordinator's rematch press: show the best free mentor, then confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rm {
    /// The mentee of the pair the message belongs to (its tag): on the
    /// alert that a pair ended early.
    Ended,
    /// This mentee (a waitlisted one, from `/match`).
    Mentee(i64),
    /// Match this mentee with the mentor just proposed.
    Confirm { mentee: i64, mentor: i64 },
}

/// What a coordinator does with a flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FlagAct {
    Acknowledge,
    Resolve,
    /// Share the coordinator's contact with the flagger.
    CallMe,
}

impl FlagAct {
    pub const ALL: [FlagAct; 3] = [FlagAct::Acknowledge, FlagAct::Resolve, FlagAct::CallMe];
    pub fn code(self) -> &'static str {
        match self {
            FlagAct::Acknowledge => "ack",
            FlagAct::Resolve => "resolve",
            FlagAct::CallMe => "call",
        }
    }
}

/// A press in the coordinator's broadcast dialogue (`bc:…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bc {
    /// The audience picked (`bc:aud:mentees`, `bc:aud:event:ID`).
    Audience(crate::coordinator::broadcast::Audience),
    /// One text per language instead of one for all.
    PerLanguage,
    Send,
    Cancel,
    /// Stop broadcast `id` while it sends.
    Stop(i64),
}

/// A press in the coordinator's event dialogue (`ev:…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ev {
    /// "New event".
    New,
    Kind(crate::programme::EventKind),
    /// Who is invited: `everyone`, `mentors` or `mentees`.
    Audience(crate::coordinator::broadcast::Audience),
    /// Changing an event: keep what it has.
    Keep,
    /// Create or change the event as previewed.
    Save,
    /// Leave the dialogue.
    Cancel,
    /// Change event `id`.
    Edit(String),
    /// Cancel event `id`: asks to confirm.
    Drop(String),
    /// Cancel event `id`: confirmed.
    DropConfirmed(String),
}

/// How a meeting went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rating {
    Good,
    Ok,
    Missed,
}

impl Rating {
    pub const ALL: [Rating; 3] = [Rating::Good, Rating::Ok, Rating::Missed];
    pub fn code(self) -> &'static str {
        match self {
            Rating::Good => "good",
            Rating::Ok => "ok",
            Rating::Missed => "missed",
        }
    }
}

/// Why a participant flags their pair to the coordinator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FlagReason {
    NoAnswer,
    Illness,
    Communication,
    Faded,
    MoreExercises,
    Other,
}

impl FlagReason {
    pub const ALL: [FlagReason; 6] = [
        FlagReason::NoAnswer,
        FlagReason::Illness,
        FlagReason::Communication,
        FlagReason::Faded,
        FlagReason::MoreExercises,
        FlagReason::Other,
    ];
    pub fn code(self) -> &'static str {
        match self {
            FlagReason::NoAnswer => "no-answer",
            FlagReason::Illness => "illness",
            FlagReason::Communication => "communication",
            FlagReason::Faded => "faded",
            FlagReason::MoreExercises => "more-exercises",
            FlagReason::Other => "other",
        }
    }
}

/// How the pair will meet, as agreed in expectation setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingFormat {
    Physical,
    Virtual,
    Mixed,
}

impl MeetingFormat {
    pub const ALL: [MeetingFormat; 3] = [MeetingFormat::Physical, MeetingFormat::Virtual, MeetingFormat::Mixed];
    pub fn code(self) -> &'static str {
        match self {
            MeetingFormat::Physical => "physical",
            MeetingFormat::Virtual => "virtual",
            MeetingFormat::Mixed => "mixed",
        }
    }
}

/// A step of the expectation-setting agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agree {
    RhythmDays(u32),
    Format(MeetingFormat),
    Limits,
    /// The mentor confirms the agreement the mentee filled in.
    Confirm,
    /// Either side asks to propose a change: the choices follow.
    Change,
    /// A change proposed to the other side.
    Propose(AgreeChange),
    /// The other side accepts (or declines) the change it names.
    Answer {
        change: AgreeChange,
        accept: bool,
    },
}

/// What a proposed change of the agreement changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreeChange {
    RhythmDays(u32),
    Format(MeetingFormat),
}

impl AgreeChange {
    fn encode(self) -> String {
        match self {
            AgreeChange::RhythmDays(d) => format!("rhythm:{d}"),
            AgreeChange::Format(m) => format!("format:{}", m.code()),
        }
    }
}

/// A press on a survey question's button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Press {
    /// A scale value (1–5) or an option's index.
    Value(u8),
    /// Multi-choice: select or unselect the option at this index.
    Toggle(u8),
    /// Multi-choice: the selection is complete.
    Done,
    Skip,
}

fn find<T: Copy>(all: &[T], code: impl Fn(T) -> &'static str, s: &str) -> Option<T> {
    all.iter().copied().find(|x| code(*x) == s)
}

/// An answer to an event invitation. "Maybe" is an answer (no reminder to
/// answer follows) but not a yes (no reminder the day before).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RsvpAnswer {
    Yes,
    No,
    Maybe,
}

impl RsvpAnswer {
    pub const ALL: [RsvpAnswer; 3] = [RsvpAnswer::Yes, RsvpAnswer::No, RsvpAnswer::Maybe];

    pub fn code(self) -> &'static str {
        match self {
            RsvpAnswer::Yes => "yes",
            RsvpAnswer::No => "no",
            RsvpAnswer::Maybe => "maybe",
        }
    }

    /// Whether the person is coming (only a yes is).
    pub fn going(self) -> bool {
        self == RsvpAnswer::Yes
    }
}

fn yes_no(s: &str) -> Option<bool> {
    match s {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

fn yn(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// Whether a programme id (question, event) can travel in a payload.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_ID_LEN && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

impl fmt::Display for Payload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Payload::Book(None) => f.write_str("book"),
            Payload::Book(Some((d, None))) => write!(f, "book:{}", d.format("%Y-%m-%d")),
            Payload::Book(Some((d, Some(t)))) => write!(f, "book:{}T{}", d.format("%Y-%m-%d"), t.format("%H:%M")),
            Payload::Resume => f.write_str("resume"),
            Payload::Met { rating, n } => write!(f, "met:{}:{n}", rating.code()),
            Payload::Flag(None) => f.write_str("flag"),
            Payload::Flag(Some(r)) => write!(f, "flag:{}", r.code()),
            Payload::Rsvp { event, answer } => write!(f, "rsvp:{event}:{}", answer.code()),
            Payload::Agree(Agree::RhythmDays(d)) => write!(f, "agree:rhythm:{d}"),
            Payload::Agree(Agree::Format(m)) => write!(f, "agree:format:{}", m.code()),
            Payload::Agree(Agree::Limits) => f.write_str("agree:limits:yes"),
            Payload::Agree(Agree::Confirm) => f.write_str("agree:confirm:yes"),
            Payload::Agree(Agree::Change) => f.write_str("agree:change"),
            Payload::Agree(Agree::Propose(c)) => write!(f, "agree:prop:{}", c.encode()),
            Payload::Agree(Agree::Answer { change, accept }) => {
                write!(f, "agree:{}:{}", if *accept { "yes" } else { "no" }, change.encode())
            }
            Payload::Answer {
                survey,
                question,
                press,
            } => {
                write!(f, "ans:{}:{question}:", survey.code())?;
                match press {
                    Press::Value(v) => write!(f, "{v}"),
                    Press::Toggle(i) => write!(f, "t{i}"),
                    Press::Done => f.write_str("done"),
                    Press::Skip => f.write_str("skip"),
                }
            }
            Payload::Prompt => f.write_str("prompt"),
            Payload::Write => f.write_str("write"),
            Payload::Language(l) => write!(f, "lang:{l}"),
            Payload::Forget { confirm } => write!(f, "forget:{}", yn(*confirm)),
            Payload::Consent(c) => write!(f, "consent:{}", yn(*c)),
            Payload::RegLanguage(l) => write!(f, "reg:lang:{l}"),
            Payload::RegConsent(c) => write!(f, "reg:consent:{}", yn(*c)),
            Payload::Profile { ask, press } => {
                write!(f, "pf:{}:", crate::profile_chat::code(*ask))?;
                match press {
                    Press::Value(v) => write!(f, "{v}"),
                    Press::Toggle(i) => write!(f, "t{i}"),
                    Press::Done => f.write_str("done"),
                    Press::Skip => f.write_str("skip"),
                }
            }
            Payload::ProfileEdit(ask) => write!(f, "pfe:{}", crate::profile_chat::code(*ask)),
            Payload::More { outbox, offset } => write!(f, "more:{outbox}:{offset}"),
            Payload::Relay { pair, ask } => write!(f, "relay:{pair}:{ask}"),
            Payload::Broadcast(Bc::Audience(a)) => match a {
                // Profile fields are chosen on the CLI; the button only asks.
                crate::coordinator::broadcast::Audience::Profile { .. } => f.write_str("bc:aud:profile"),
                a => write!(f, "bc:aud:{}", a.code()),
            },
            Payload::Broadcast(Bc::PerLanguage) => f.write_str("bc:perlang"),
            Payload::Broadcast(Bc::Send) => f.write_str("bc:send"),
            Payload::Broadcast(Bc::Cancel) => f.write_str("bc:cancel"),
            Payload::Broadcast(Bc::Stop(id)) => write!(f, "bc:stop:{id}"),
            Payload::Event(ev) => match ev {
                Ev::New => f.write_str("ev:new"),
                Ev::Kind(k) => write!(f, "ev:kind:{}", k.code()),
                Ev::Audience(a) => write!(f, "ev:aud:{}", a.code()),
                Ev::Keep => f.write_str("ev:keep"),
                Ev::Save => f.write_str("ev:save"),
                Ev::Cancel => f.write_str("ev:cancel"),
                Ev::Edit(id) => write!(f, "ev:edit:{id}"),
                Ev::Drop(id) => write!(f, "ev:drop:{id}"),
                Ev::DropConfirmed(id) => write!(f, "ev:dropok:{id}"),
            },
            Payload::FlagAct { id, act } => write!(f, "fa:{}:{id}", act.code()),
            Payload::PairsPage(n) => write!(f, "pl:{n}"),
            Payload::SurveyRemind(k) => write!(f, "srem:{}", k.code()),
            Payload::Rematch(rm) => match rm {
                Rm::Ended => f.write_str("rm"),
                Rm::Mentee(m) => write!(f, "rm:{m}"),
                Rm::Confirm { mentee, mentor } => write!(f, "rm:{mentee}:{mentor}"),
            },
            Payload::PairCtl { pair, ctl } => match ctl {
                PairCtl::Pause => write!(f, "pc:pause:{pair}"),
                PairCtl::Resume => write!(f, "pc:resume:{pair}"),
                PairCtl::AskEnd => write!(f, "pc:end:{pair}"),
                PairCtl::End(r) => write!(f, "pc:end:{pair}:{}", r.code()),
                PairCtl::Rematch => write!(f, "pc:rematch:{pair}"),
            },
        }
    }
}

impl Payload {
    /// The wire form.
    pub fn encode(&self) -> String {
        self.to_string()
    }

    /// Reads a wire form; `None` for anything this version does not write.
    pub fn parse(s: &str) -> Option<Payload> {
        // A booking's time has a colon of its own: its rest is one part.
        let (head, parts): (&str, Vec<&str>) = match s.strip_prefix("book:") {
            Some(when) => ("book", vec![when]),
            None => {
                let mut it = s.split(':');
                (it.next()?, it.collect())
            }
        };
        let num = |s: &str| -> Option<u64> {
            // Canonical decimal only, so that parse(encode(x)) == x and back.
            (!s.is_empty()
                && s.len() <= 19
                && s.bytes().all(|b| b.is_ascii_digit())
                && (s == "0" || !s.starts_with('0')))
            .then(|| s.parse().ok())
            .flatten()
        };
        let n32 = |s: &str| num(s).and_then(|n| u32::try_from(n).ok());
        let n8 = |s: &str| num(s).and_then(|n| u8::try_from(n).ok());
        let lang = |s: &str| Lang::ALL.into_iter().find(|l| l.code() == s);
        let change = |what: &str, v: &str| match what {
            "rhythm" => n32(v).map(AgreeChange::RhythmDays),
            "format" => find(&MeetingFormat::ALL, MeetingFormat::code, v).map(AgreeChange::Format),
            _ => None,
        };
        let p = match (head, parts.as_slice()) {
            ("book", []) => Payload::Book(None),
            ("book", [when]) => {
                let (d, t) = match when.split_once('T') {
                    Some((d, t)) => (d, Some(t)),
                    None => (*when, None),
                };
                let date = NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?;
                let time = match t {
                    Some(t) => Some(NaiveTime::parse_from_str(t, "%H:%M").ok()?),
                    None => None,
                };
                let p = Payload::Book(Some((date, time)));
                // Only the canonical spelling (zero-padded) is a payload.
                (p.encode() == s).then_some(p)?
            }
            ("resume", []) => Payload::Resume,
            ("met", [r, n]) => Payload::Met {
                rating: find(&Rating::ALL, Rating::code, r)?,
                n: n32(n)?,
            },
            ("flag", []) => Payload::Flag(None),
            ("flag", [r]) => Payload::Flag(Some(find(&FlagReason::ALL, FlagReason::code, r)?)),
            ("rsvp", [event, answer]) if valid_id(event) => Payload::Rsvp {
                event: event.to_string(),
                answer: find(&RsvpAnswer::ALL, |a| a.code(), answer)?,
            },
            ("agree", ["rhythm", d]) => Payload::Agree(Agree::RhythmDays(n32(d)?)),
            ("agree", ["format", m]) => {
                Payload::Agree(Agree::Format(find(&MeetingFormat::ALL, MeetingFormat::code, m)?))
            }
            ("agree", ["limits", "yes"]) => Payload::Agree(Agree::Limits),
            ("agree", ["confirm", "yes"]) => Payload::Agree(Agree::Confirm),
            ("agree", ["change"]) => Payload::Agree(Agree::Change),
            ("agree", ["prop", what, v]) => Payload::Agree(Agree::Propose(change(what, v)?)),
            ("agree", [yes @ ("yes" | "no"), what, v]) => Payload::Agree(Agree::Answer {
                change: change(what, v)?,
                accept: *yes == "yes",
            }),
            ("ans", [survey, question, value]) if valid_id(question) => Payload::Answer {
                survey: SurveyKind::parse(survey)?,
                question: question.to_string(),
                press: match *value {
                    "done" => Press::Done,
                    "skip" => Press::Skip,
                    v => match v.strip_prefix('t') {
                        Some(i) => Press::Toggle(n8(i)?),
                        None => Press::Value(n8(v)?),
                    },
                },
            },
            ("prompt", []) => Payload::Prompt,
            ("write", []) => Payload::Write,
            ("lang", [l]) => Payload::Language(lang(l)?),
            ("forget", [c]) => Payload::Forget { confirm: yes_no(c)? },
            ("consent", [c]) => Payload::Consent(yes_no(c)?),
            ("reg", ["lang", l]) => Payload::RegLanguage(lang(l)?),
            ("reg", ["consent", c]) => Payload::RegConsent(yes_no(c)?),
            ("pf", [ask, value]) => Payload::Profile {
                ask: crate::profile_chat::parse(ask)?,
                press: match *value {
                    "done" => Press::Done,
                    "skip" => Press::Skip,
                    v => match v.strip_prefix('t') {
                        Some(i) => Press::Toggle(n8(i)?),
                        None => Press::Value(n8(v)?),
                    },
                },
            },
            ("pfe", [ask]) => Payload::ProfileEdit(crate::profile_chat::parse(ask)?),
            ("more", [outbox, offset]) => Payload::More {
                outbox: i64::try_from(num(outbox)?).ok()?,
                offset: u16::try_from(num(offset)?).ok()?,
            },
            ("relay", [pair, ask]) => Payload::Relay {
                pair: i64::try_from(num(pair)?).ok().filter(|p| *p > 0)?,
                ask: n32(ask)?,
            },
            ("bc", ["aud", "event", id]) if valid_id(id) => Payload::Broadcast(Bc::Audience(
                crate::coordinator::broadcast::Audience::EventUnanswered(id.to_string()),
            )),
            ("bc", ["aud", a]) => {
                let p = Payload::Broadcast(Bc::Audience(crate::coordinator::broadcast::Audience::parse(a)?));
                // Only the canonical spelling is a payload.
                (p.encode() == s).then_some(p)?
            }
            ("bc", ["perlang"]) => Payload::Broadcast(Bc::PerLanguage),
            ("bc", ["send"]) => Payload::Broadcast(Bc::Send),
            ("bc", ["cancel"]) => Payload::Broadcast(Bc::Cancel),
            ("bc", ["stop", id]) => Payload::Broadcast(Bc::Stop(i64::try_from(num(id)?).ok()?)),
            ("srem", [k]) => Payload::SurveyRemind(SurveyKind::parse(k)?),
            ("ev", ["new"]) => Payload::Event(Ev::New),
            ("ev", ["kind", k]) => Payload::Event(Ev::Kind(crate::programme::EventKind::parse(k)?)),
            (
                "ev",
                [
                    "aud",
                    a @ ("everyone" | "mentors" | "mentees" | "unmatched" | "at-risk"),
                ],
            ) => Payload::Event(Ev::Audience(crate::coordinator::broadcast::Audience::parse(a)?)),
            ("ev", ["keep"]) => Payload::Event(Ev::Keep),
            ("ev", ["save"]) => Payload::Event(Ev::Save),
            ("ev", ["cancel"]) => Payload::Event(Ev::Cancel),
            ("ev", ["edit", id]) if valid_id(id) => Payload::Event(Ev::Edit(id.to_string())),
            ("ev", ["drop", id]) if valid_id(id) => Payload::Event(Ev::Drop(id.to_string())),
            ("ev", ["dropok", id]) if valid_id(id) => Payload::Event(Ev::DropConfirmed(id.to_string())),
            ("rm", []) => Payload::Rematch(Rm::Ended),
            ("rm", [m]) => Payload::Rematch(Rm::Mentee(i64::try_from(num(m)?).ok()?)),
            ("rm", [e, m]) => Payload::Rematch(Rm::Confirm {
                mentee: i64::try_from(num(e)?).ok()?,
                mentor: i64::try_from(num(m)?).ok()?,
            }),
            ("pl", [n]) => Payload::PairsPage(u16::try_from(num(n)?).ok()?),
            ("pc", [ctl, pair, rest @ ..]) if rest.len() <= 1 => Payload::PairCtl {
                pair: i64::try_from(num(pair)?).ok()?,
                ctl: match (*ctl, rest) {
                    ("pause", []) => PairCtl::Pause,
                    ("resume", []) => PairCtl::Resume,
                    ("end", []) => PairCtl::AskEnd,
                    ("end", [r]) => PairCtl::End(crate::pair::EndReason::parse(r)?),
                    ("rematch", []) => PairCtl::Rematch,
                    _ => return None,
                },
            },
            ("fa", [act, id]) => Payload::FlagAct {
                act: find(&FlagAct::ALL, FlagAct::code, act)?,
                id: i64::try_from(num(id)?).ok()?,
            },
            _ => return None,
        };
        Some(p)
    }
}

impl Serialize for Payload {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.encode())
    }
}

impl<'de> Deserialize<'de> for Payload {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Payload, D::Error> {
        let s = String::deserialize(d)?;
        Payload::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a button payload: {s:?}")))
    }
}

/// A payload as it travels on a platform: with the pair it belongs to, so
/// a mentor with two mentees answers the right one (`p<pair>|<payload>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    pub pair: Option<i64>,
    pub payload: Payload,
}

impl Tagged {
    pub fn encode(&self) -> String {
        match self.pair {
            Some(p) => format!("p{p}|{}", self.payload),
            None => self.payload.encode(),
        }
    }

    /// Reads what a platform gave back; `None` for a payload this version
    /// does not write (a stale or forged button).
    pub fn parse(s: &str) -> Option<Tagged> {
        let (pair, rest) = match s.strip_prefix('p').and_then(|r| r.split_once('|')) {
            Some((id, rest)) => {
                let id: i64 = id.parse().ok().filter(|n| *n > 0)?;
                (Some(id), rest)
            }
            None => (None, s),
        };
        let t = Tagged {
            pair,
            payload: Payload::parse(rest)?,
        };
        (t.encode() == s).then_some(t)
    }
}

#[cfg(test)]
mod tests;
