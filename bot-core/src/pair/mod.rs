//! The pair state machine: one mentee and one mentor through a programme.
//!
//! Decides: everything that happens to a pair, from the joint intro to
//! the follow-up survey: `step(programme, state, input, now)` returns the
//! new state and the effects for the shell to carry out.
//! [`PairState::next_due`] says when the pair next needs a tick; the shell
//! stores it beside the state, in an indexed column.
//!
//! Must not know: the clock (time is `now`), the database, platforms,
//! other pairs, or how a message is worded (messages are Fluent keys).
//!
//! The files: `clock.rs` (ticks: the intro, events, the nudge ladder, the
//! end, and `next_due`), `meetings.rs` (booking, meetings held, how they
//! went), `agreement.rs` (expectation setting), `surveys.rs`, and
//! `commands.rs` (what participants and the coordinator ask of the pair).

mod agreement;
mod clock;
mod commands;
mod meetings;
mod surveys;

use crate::Ts;
use crate::message::{Button, Msg};
use crate::model::{Phase, Role};
use crate::payload::{MeetingFormat, Payload};
use crate::programme::{Programme, SurveyKind};
use crate::survey::AnswerValue;
use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One side of the pair, as the messages need it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    /// Contact details, present only when the person consented to share
    /// them with the match.
    pub contact: Option<String>,
    pub tz: Tz,
    /// Agreed to share contact details with the match (even with none to
    /// share): the intro shows contact details only when both did.
    #[serde(default)]
    pub shares: bool,
    /// What the other side's intro says about them.
    #[serde(default)]
    pub profile: crate::profile::Profile,
}

impl Person {
    /// Agreed to share contact details (a state from before `shares`
    /// was kept says so by holding a contact).
    pub fn consented(&self) -> bool {
        self.shares || self.contact.is_some()
    }
}

/// Beside the phase: running, paused, or ended early.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    Running,
    Paused { since: Ts, until: Option<Ts> },
    EndedEarly { at: Ts, reason: EndReason },
}

/// Why a pair ended before the programme did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    Illness,
    CommunicationProblems,
    FadedOut,
    FoundJob,
    Moved,
    Other,
}

impl EndReason {
    pub const ALL: [EndReason; 6] = [
        EndReason::Illness,
        EndReason::CommunicationProblems,
        EndReason::FadedOut,
        EndReason::FoundJob,
        EndReason::Moved,
        EndReason::Other,
    ];
    pub fn code(self) -> &'static str {
        match self {
            EndReason::Illness => "illness",
            EndReason::CommunicationProblems => "communication_problems",
            EndReason::FadedOut => "faded_out",
            EndReason::FoundJob => "found_job",
            EndReason::Moved => "moved",
            EndReason::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<EndReason> {
        EndReason::ALL.into_iter().find(|r| r.code() == s)
    }
    pub fn key(self) -> String {
        format!("end-reason-{}", self.code().replace('_', "-"))
    }
}

/// A meeting the mentee booked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    pub at: Ts,
    pub reminded: bool,
}

/// The expectation-setting agreement.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub goals: Option<String>,
    pub rhythm_days: Option<u32>,
    pub format: Option<MeetingFormat>,
    pub limits_accepted: bool,
    /// When the mentee finished filling it in.
    pub completed_at: Option<Ts>,
    /// When the mentor confirmed it (or the two agreed on a change).
    #[serde(default)]
    pub mentor_confirmed_at: Option<Ts>,
    /// A change one side proposed, waiting for the other's answer.
    #[serde(default)]
    pub proposal: Option<Proposal>,
}

/// A change of the agreement proposed by one side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub by: Role,
    pub change: crate::payload::AgreeChange,
}

/// One role's run through one survey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyRun {
    pub kind: SurveyKind,
    pub role: Role,
    pub opened_at: Ts,
    /// Index into the questions this role is asked.
    pub question: usize,
    /// The selection so far for a multi-choice or ranking question.
    #[serde(default)]
    pub selection: Vec<usize>,
    pub reminded: bool,
    /// The coordinator's one extra reminder went out.
    #[serde(default)]
    pub extra_reminded: bool,
    pub finished_at: Option<Ts>,
    pub closed: bool,
}

impl SurveyRun {
    fn open(&self) -> bool {
        self.finished_at.is_none() && !self.closed
    }
}

/// What the bot waits for a role to type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Awaiting {
    BookingDate,
}

/// Everything the core knows about a pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairState {
    pub phase: Phase,
    pub status: Status,
    /// Set when the ladder reached the coordinator or a worrying flag was
    /// raised; cleared when a meeting is booked or held.
    pub at_risk: bool,
    pub matched_at: Ts,
    pub mentee: Person,
    pub mentor: Person,
    pub meetings_held: u32,
    pub last_meeting_at: Option<Ts>,
    pub booked: Option<Booking>,
    /// Start of the "no meeting booked" clock.
    pub ladder_from: Ts,
    /// How many steps of the ladder have fired since `ladder_from`.
    pub ladder_step: u8,
    pub agreement: Agreement,
    pub surveys: Vec<SurveyRun>,
    /// Events whose invitation went out.
    pub invited: Vec<String>,
    pub prompt_index: u32,
    pub awaiting: BTreeMap<Role, Awaiting>,
    /// When an exercise goes out: the day after a held meeting.
    #[serde(default)]
    pub exercise_at: Option<Ts>,
    /// The phases whose exercise went out (once per phase).
    #[serde(default)]
    pub exercised: Vec<Phase>,
    /// Surveys whose window passed before this pair could be asked (a
    /// pause over it, a late match): never due again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missed: Vec<SurveyKind>,
}

/// Something that happens to a pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// The clock: do whatever is due at `now`.
    Tick,
    /// A participant wrote text (a command typed as text is read as one).
    Text {
        from: Role,
        text: String,
    },
    /// A participant sent a command.
    Command {
        from: Role,
        cmd: crate::command::Command,
    },
    /// A participant pressed a button.
    Button {
        from: Role,
        payload: Payload,
    },
    /// The coordinator pauses the pair, until a time or until resumed.
    Pause {
        until: Option<Ts>,
    },
    Resume,
    /// The coordinator ends the pair early.
    EndEarly {
        reason: EndReason,
    },
    /// One side asked to be forgotten: the pair ends (if it has not), that
    /// side's name and contact leave the state, and nothing more is sent
    /// to them.
    Forget {
        who: Role,
    },
    /// One side gave (with their contact) or withdrew (none) consent to
    /// share their contact details with the match; nothing is sent.
    Contact {
        who: Role,
        contact: Option<String>,
        /// Whether they now agree to share (with or without details).
        shares: bool,
    },
    /// The coordinator sends one extra reminder of an open survey to those
    /// who have not finished it (each run reminded this way once).
    RemindSurvey {
        survey: SurveyKind,
    },
    /// The line of text a flag "something else" asked for (the shell's
    /// stored dialogue collected it; see `coordinator::flags`).
    FlagNote {
        from: Role,
        note: String,
    },
}

/// Why the coordinator is told something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    Stalled,
    Flag,
    Paused,
    Resumed,
    Ended,
}

impl AlertKind {
    pub fn code(self) -> &'static str {
        match self {
            AlertKind::Stalled => "stalled",
            AlertKind::Flag => "flag",
            AlertKind::Paused => "paused",
            AlertKind::Resumed => "resumed",
            AlertKind::Ended => "ended",
        }
    }
}

/// What the shell must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Send a message to one side. `once` de-duplicates per recipient (a
    /// mentor with two mentees gets one event invitation).
    Send {
        to: Role,
        msg: Msg,
        once: Option<String>,
    },
    /// Tell the programme's coordinators, and record a flag.
    Alert {
        kind: AlertKind,
        by: Option<Role>,
        reason: Option<String>,
        msg: Msg,
    },
    /// A meeting took place (or, with `held: false`, did not after all).
    Meeting {
        number: u32,
        at: Ts,
        held: bool,
    },
    /// How a side said the meeting went.
    MeetingFeedback {
        number: u32,
        role: Role,
        rating: crate::payload::Rating,
    },
    SurveyOpened {
        survey: SurveyKind,
        role: Role,
    },
    Answer {
        survey: SurveyKind,
        role: Role,
        question: String,
        value: AnswerValue,
    },
    SurveyFinished {
        survey: SurveyKind,
        role: Role,
    },
    Rsvp {
        event: String,
        role: Role,
        answer: crate::payload::RsvpAnswer,
    },
    /// A participant flagged the pair: record the flag (kind `flag`, the
    /// reason's code, the flagger's note) and send `msg` (with the context
    /// the coordinator needs) to the coordinators with the flag's buttons
    /// (`coordinator::flags::alert`). The other side is never told.
    Flag {
        by: Role,
        reason: crate::payload::FlagReason,
        note: Option<String>,
        msg: Msg,
    },
    /// Ask `by` for one line of text for a flag "something else": the
    /// shell stores a `flag-note` dialogue for them and this pair.
    AskFlagNote {
        by: Role,
    },
}

/// The joint intro and the start of the programme: no nudges before the
/// programme starts.
fn ladder_start(p: &Programme, now: Ts) -> Ts {
    now.max(p.start_at())
}

impl PairState {
    /// A freshly matched pair.
    pub fn new(p: &Programme, mentee: Person, mentor: Person, now: Ts) -> PairState {
        PairState {
            phase: Phase::Matched,
            status: Status::Running,
            at_risk: false,
            matched_at: now,
            mentee,
            mentor,
            meetings_held: 0,
            last_meeting_at: None,
            booked: None,
            ladder_from: ladder_start(p, now),
            ladder_step: 0,
            agreement: Agreement::default(),
            surveys: Vec::new(),
            invited: Vec::new(),
            prompt_index: 0,
            awaiting: BTreeMap::new(),
            exercise_at: None,
            exercised: Vec::new(),
            missed: Vec::new(),
        }
    }

    pub fn person(&self, role: Role) -> &Person {
        match role {
            Role::Mentor => &self.mentor,
            _ => &self.mentee,
        }
    }

    pub fn running(&self) -> bool {
        self.status == Status::Running
    }

    pub fn ended(&self) -> bool {
        matches!(self.status, Status::EndedEarly { .. })
    }

    fn intro_at(&self, p: &Programme) -> Ts {
        p.intro_at().max(self.matched_at)
    }

    /// Whether the pair waits for this role to type something: a booking
    /// date, or an answer to an open survey.
    pub fn waits_for(&self, role: Role) -> bool {
        self.awaiting.contains_key(&role) || self.surveys.iter().any(|r| r.role == role && r.open())
    }

    /// Whether text this role types now answers something the pair asked:
    /// what [`PairState::waits_for`] says, or the mentee's goals while the
    /// agreement waits for them. Other text is for the relay.
    pub fn expects_text(&self, role: Role) -> bool {
        self.waits_for(role) || (role == Role::Mentee && !self.ended() && self.goals_wanted())
    }

    /// Who the coordinator's extra reminder of `kind` would reach: the
    /// roles whose run is open and not yet reminded that way.
    pub fn extra_reminder_due(&self, kind: SurveyKind) -> Vec<Role> {
        if !self.running() {
            return vec![];
        }
        self.surveys
            .iter()
            .filter(|r| r.kind == kind && r.open() && !r.extra_reminded)
            .map(|r| r.role)
            .collect()
    }

    fn run(&self, kind: SurveyKind, role: Role) -> Option<&SurveyRun> {
        self.surveys.iter().find(|r| r.kind == kind && r.role == role)
    }

    fn opened(&self, kind: SurveyKind) -> bool {
        self.surveys.iter().any(|r| r.kind == kind)
    }
}

/// Advances a pair by one input.
pub fn step(p: &Programme, state: &PairState, input: Input, now: Ts) -> (PairState, Vec<Effect>) {
    let mut next = state.clone();
    let fx = step_mut(p, &mut next, input, now);
    (next, fx)
}

/// [`step`] on a state the caller owns, changed in place: the same
/// decisions without copying the whole state (the simulation steps every
/// pair thousands of times).
pub fn step_mut(p: &Programme, state: &mut PairState, input: Input, now: Ts) -> Vec<Effect> {
    let mut m = Machine {
        p,
        s: state,
        fx: Vec::new(),
        now,
    };
    match input {
        Input::Tick => m.tick(),
        Input::Text { from, text } => m.text(from, &text),
        Input::Command { from, cmd } => m.command(from, cmd),
        Input::Button { from, payload } => m.button(from, payload),
        Input::Pause { until } => m.pause(None, until),
        Input::Resume => m.resume(None),
        Input::EndEarly { reason } => m.end_early(reason),
        Input::Forget { who } => m.forget(who),
        Input::Contact { who, contact, shares } => m.contact(who, contact, shares),
        Input::FlagNote { from, note } => m.flag_note(from, note),
        Input::RemindSurvey { survey } => m.remind_survey(survey),
    }
    m.fx
}

struct Machine<'a> {
    p: &'a Programme,
    s: &'a mut PairState,
    fx: Vec<Effect>,
    now: Ts,
}

impl Machine<'_> {
    fn send(&mut self, to: Role, msg: Msg) {
        self.fx.push(Effect::Send { to, msg, once: None });
    }

    fn both(&mut self, msg: Msg) {
        self.send(Role::Mentee, msg.clone());
        self.send(Role::Mentor, msg);
    }

    fn alert(&mut self, kind: AlertKind, by: Option<Role>, reason: Option<String>, msg: Msg) {
        let msg = msg
            .str("mentee", self.s.mentee.name.clone())
            .str("mentor", self.s.mentor.name.clone());
        self.fx.push(Effect::Alert { kind, by, reason, msg });
    }

    fn names(&self, msg: Msg) -> Msg {
        msg.str("mentee", self.s.mentee.name.clone())
            .str("mentor", self.s.mentor.name.clone())
    }

    /// The "Write to your mentor" (or mentee) button for a message to
    /// `to`, when the programme passes messages on: none otherwise.
    fn write_to(&self, to: Role) -> Vec<Button> {
        if !self.p.relay {
            return Vec::new();
        }
        let key = match to {
            Role::Mentor => "button-write-mentee",
            _ => "button-write-mentor",
        };
        vec![Button::new(key, Payload::Write)]
    }

    /// The write button pressed where plain messages arrive: say to type.
    fn write_hint(&mut self, from: Role) {
        if !self.p.relay {
            return self.send(from, Msg::new("relay-off"));
        }
        let (key, other) = match from {
            Role::Mentor => ("relay-write-hint-mentor", self.s.mentee.name.clone()),
            _ => ("relay-write-hint-mentee", self.s.mentor.name.clone()),
        };
        self.send(from, Msg::new(key).str("name", other));
    }
}

fn help_key(role: Role) -> &'static str {
    match role {
        Role::Mentor => "help-mentor",
        _ => "help-mentee",
    }
}

fn local_noon(date: NaiveDate, tz: Tz) -> Ts {
    use chrono::TimeZone;
    tz.from_local_datetime(&date.and_time(NaiveTime::from_hms_opt(12, 0, 0).expect("noon")))
        .earliest()
        .map(|t| t.to_utc())
        .unwrap_or_else(|| date.and_hms_opt(12, 0, 0).expect("noon").and_utc())
}
