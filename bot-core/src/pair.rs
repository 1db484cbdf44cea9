//! The pair state machine: one mentee and one mentor through a programme.
//!
//! `step(programme, state, input, now)` returns the new state and the
//! effects for the shell to carry out. It never reads a clock.

use crate::Ts;
use crate::command::{self, Command, When};
use crate::message::{Arg, Button, Msg};
use crate::model::{Phase, Role};
use crate::programme::{Programme, SurveyKind};
use crate::survey::{self, AnswerValue, Outcome};
use chrono::{Duration, NaiveDate, NaiveTime};
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

/// What a participant can flag to the coordinator.
pub const FLAG_REASONS: [&str; 5] = ["illness", "communication", "faded", "more-exercises", "other"];

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
    pub format: Option<String>,
    pub limits_accepted: bool,
    pub completed_at: Option<Ts>,
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
}

/// Something that happens to a pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// The clock: do whatever is due at `now`.
    Tick,
    /// A participant wrote text (commands included).
    Text {
        from: Role,
        text: String,
    },
    /// A participant pressed a button.
    Button {
        from: Role,
        payload: String,
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
        rating: String,
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
        going: bool,
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

    fn ladder_active(&self, p: &Programme) -> bool {
        self.running()
            && self.phase.is_meeting_phase()
            && self.phase != Phase::Matched
            && self.booked.is_none()
            && self.meetings_held < p.meetings.target
    }

    fn next_ladder_at(&self, p: &Programme) -> Option<Ts> {
        if !self.ladder_active(p) {
            return None;
        }
        let days = *p.nudges.thresholds().get(self.ladder_step as usize)?;
        let at = self.ladder_from + Duration::days(days.into());
        (at < p.end_at()).then_some(at)
    }

    fn run(&self, kind: SurveyKind, role: Role) -> Option<&SurveyRun> {
        self.surveys.iter().find(|r| r.kind == kind && r.role == role)
    }

    fn opened(&self, kind: SurveyKind) -> bool {
        self.surveys.iter().any(|r| r.kind == kind)
    }

    /// When the pair next needs a tick; `None` when nothing is left to do
    /// until a participant acts.
    pub fn next_due(&self, p: &Programme) -> Option<Ts> {
        match &self.status {
            Status::EndedEarly { .. } => return None,
            Status::Paused { until, .. } => return *until,
            Status::Running => {}
        }
        let mut due: Vec<Ts> = Vec::new();
        if self.phase == Phase::Matched {
            due.push(self.intro_at(p));
            return due.into_iter().min();
        }
        if self.phase < Phase::Closed {
            for e in &p.events {
                if !self.invited.contains(&e.id) && p.event_starts_at(e) > self.matched_at {
                    due.push(p.event_invite_at(e));
                }
            }
            due.push(p.end_at());
        }
        if let Some(t) = self.next_ladder_at(p) {
            due.push(t);
        }
        if let Some(b) = &self.booked {
            if !b.reminded {
                due.push(b.at - Duration::days(1));
            }
            due.push(b.at + Duration::minutes(p.meetings.duration_minutes.into()));
        }
        for kind in SurveyKind::ALL {
            let plan = p.survey(kind);
            if !self.opened(kind) {
                if self.survey_may_open(kind) {
                    due.push(plan.opens);
                }
                continue;
            }
            for r in self.surveys.iter().filter(|r| r.kind == kind && r.open()) {
                if !r.reminded {
                    due.push(r.opened_at.max(plan.opens) + Duration::days(plan.reminder_after_days.into()));
                }
                due.push(r.opened_at.max(plan.opens) + Duration::days(plan.deadline_days.into()));
            }
        }
        due.into_iter().min()
    }

    fn survey_may_open(&self, kind: SurveyKind) -> bool {
        match kind {
            SurveyKind::Midterm => self.phase < Phase::Closing,
            SurveyKind::Final => self.phase < Phase::Closed,
            SurveyKind::FollowUp => self.phase >= Phase::Closed,
        }
    }
}

/// Advances a pair by one input.
pub fn step(p: &Programme, state: &PairState, input: Input, now: Ts) -> (PairState, Vec<Effect>) {
    let mut m = Machine {
        p,
        s: state.clone(),
        fx: Vec::new(),
        now,
    };
    match input {
        Input::Tick => m.tick(),
        Input::Text { from, text } => m.text(from, &text),
        Input::Button { from, payload } => m.button(from, &payload),
        Input::Pause { until } => m.pause(None, until),
        Input::Resume => m.resume(None),
        Input::EndEarly { reason } => m.end_early(reason),
    }
    (m.s, m.fx)
}

struct Machine<'a> {
    p: &'a Programme,
    s: PairState,
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

    // ---- the clock ------------------------------------------------------

    fn tick(&mut self) {
        let now = self.now;
        match self.s.status.clone() {
            Status::EndedEarly { .. } => return,
            Status::Paused { until: Some(u), .. } if u <= now => self.resume(None),
            Status::Paused { .. } => return,
            Status::Running => {}
        }
        if self.s.phase == Phase::Matched {
            if self.s.intro_at(self.p) > now {
                return;
            }
            self.introduce();
        }
        self.invite_events();
        self.meeting_clock();
        self.surveys_clock();
        self.ladder();
        if self.s.phase < Phase::Closed && now >= self.p.end_at() {
            self.close();
        }
    }

    fn introduce(&mut self) {
        let mentee = self
            .names(Msg::new("intro-mentee"))
            .str("mentor-contact", self.s.mentor.contact.clone().unwrap_or_default())
            .arg(
                "has-contact",
                Arg::Str(if self.s.mentor.contact.is_some() { "yes" } else { "no" }.into()),
            )
            .str("programme", self.p.name.clone())
            .date("start", self.p.start_at())
            .date("end", self.p.end_at())
            .num("meetings", self.p.meetings.target.into())
            .row(vec![Button::new("button-book", "book")]);
        let mentor = self
            .names(Msg::new("intro-mentor"))
            .str("mentee-contact", self.s.mentee.contact.clone().unwrap_or_default())
            .arg(
                "has-contact",
                Arg::Str(if self.s.mentee.contact.is_some() { "yes" } else { "no" }.into()),
            )
            .str("programme", self.p.name.clone())
            .date("start", self.p.start_at())
            .date("end", self.p.end_at())
            .num("meetings", self.p.meetings.target.into());
        self.send(Role::Mentee, mentee);
        self.send(Role::Mentor, mentor);
        self.both(Msg::new("limits-of-the-role"));
        self.s.phase = Phase::Introduced;
        self.s.ladder_from = ladder_start(self.p, self.now);
        self.s.ladder_step = 0;
    }

    fn invite_events(&mut self) {
        for e in &self.p.events {
            if self.s.invited.contains(&e.id)
                || self.s.phase >= Phase::Closed
                || self.p.event_invite_at(e) > self.now
                || self.p.event_starts_at(e) <= self.s.matched_at
            {
                continue;
            }
            self.s.invited.push(e.id.clone());
            if self.p.event_starts_at(e) <= self.now {
                continue; // matched too late for this one
            }
            let msg = Msg::new("event-invite")
                .key("kind", e.name_key())
                .str("programme", self.p.name.clone())
                .time("starts", self.p.event_starts_at(e))
                .str("ends", e.ends.format("%H:%M").to_string())
                .str("place", e.place.clone())
                .row(vec![
                    Button::new("button-rsvp-yes", format!("rsvp:{}:yes", e.id)),
                    Button::new("button-rsvp-no", format!("rsvp:{}:no", e.id)),
                ]);
            for role in &e.roles {
                self.fx.push(Effect::Send {
                    to: *role,
                    msg: msg.clone(),
                    once: Some(format!("event:{}", e.id)),
                });
            }
        }
    }

    fn meeting_clock(&mut self) {
        let Some(b) = self.s.booked.clone() else {
            return;
        };
        let ends = b.at + Duration::minutes(self.p.meetings.duration_minutes.into());
        if self.now >= ends {
            self.s.booked = None;
            self.meeting_held(b.at, true);
        } else if !b.reminded && self.now >= b.at - Duration::days(1) {
            self.s.booked = Some(Booking {
                at: b.at,
                reminded: true,
            });
            let mut msg = Msg::new("meeting-reminder").time("when", b.at);
            let prompts = self.p.prompts_for(self.s.phase);
            if !prompts.is_empty() {
                let k = prompts[(self.s.prompt_index as usize) % prompts.len()].clone();
                self.s.prompt_index += 1;
                msg = Msg::new("meeting-reminder-with-prompt")
                    .time("when", b.at)
                    .key("prompt", k);
            }
            self.send(Role::Mentee, self.names(msg.clone()));
            self.send(Role::Mentor, self.names(msg));
        }
    }

    /// Logs a meeting, asks how it went, and moves the pair on.
    fn meeting_held(&mut self, at: Ts, ask_feedback: bool) {
        self.s.meetings_held += 1;
        let n = self.s.meetings_held;
        self.s.last_meeting_at = Some(at);
        self.s.ladder_from = at.max(self.p.start_at());
        self.s.ladder_step = 0;
        self.s.at_risk = false;
        self.fx.push(Effect::Meeting {
            number: n,
            at,
            held: true,
        });
        let target = self.p.meetings.target;
        let rating = |n: u32| {
            vec![
                Button::new("button-meeting-good", format!("met:good:{n}")),
                Button::new("button-meeting-ok", format!("met:ok:{n}")),
                Button::new("button-meeting-missed", format!("met:missed:{n}")),
            ]
        };
        let more = n < target;
        if ask_feedback {
            let mut mentee = self
                .names(Msg::new("meeting-after-mentee"))
                .num("n", n.into())
                .num("target", target.into())
                .row(rating(n));
            if more {
                mentee = mentee.row(vec![Button::new("button-book-next", "book")]);
            }
            let mentor = self
                .names(Msg::new("meeting-after-mentor"))
                .num("n", n.into())
                .num("target", target.into())
                .row(rating(n));
            self.send(Role::Mentee, mentee);
            self.send(Role::Mentor, mentor);
        }
        if self.s.phase == Phase::FirstMeeting || (self.s.phase == Phase::Introduced && n == 1) {
            self.s.phase = Phase::ExpectationSetting;
            self.ask_agreement();
        }
        if !more {
            self.both(
                self.names(Msg::new("meetings-target-reached"))
                    .num("target", target.into()),
            );
        }
    }

    fn ladder(&mut self) {
        let Some(_) = self.s.next_ladder_at(self.p) else {
            return;
        };
        let t = self.p.nudges.thresholds();
        // After downtime several steps may be due: fire only the last one.
        let mut fire = None;
        while (self.s.ladder_step as usize) < t.len() {
            let at = self.s.ladder_from + Duration::days(t[self.s.ladder_step as usize].into());
            if at > self.now {
                break;
            }
            fire = Some(self.s.ladder_step);
            self.s.ladder_step += 1;
        }
        let Some(step) = fire else { return };
        let days = (self.now - self.s.ladder_from).num_days();
        match step {
            0 => self.send(
                Role::Mentee,
                self.names(Msg::new("nudge-mentee"))
                    .num("days", days)
                    .row(vec![Button::new("button-book", "book")]),
            ),
            1 => self.send(
                Role::Mentee,
                self.names(Msg::new("nudge-mentee-again")).num("days", days).row(vec![
                    Button::new("button-book", "book"),
                    Button::new("button-flag", "flag"),
                ]),
            ),
            2 => self.send(
                Role::Mentor,
                self.names(Msg::new("nudge-mentor"))
                    .num("days", days)
                    .row(vec![Button::new("button-flag", "flag")]),
            ),
            _ => {
                self.s.at_risk = true;
                self.alert(
                    AlertKind::Stalled,
                    None,
                    None,
                    Msg::new("alert-stalled")
                        .num("days", days)
                        .num("held", self.s.meetings_held.into()),
                );
            }
        }
    }

    fn surveys_clock(&mut self) {
        for kind in SurveyKind::ALL {
            let plan = self.p.survey(kind);
            if !self.s.opened(kind) {
                if self.now >= plan.opens && self.s.survey_may_open(kind) && self.now < plan.deadline() {
                    self.open_survey(kind);
                }
                continue;
            }
            let mut reask = vec![];
            for r in self.s.surveys.iter_mut().filter(|r| r.kind == kind && r.open()) {
                let opened = r.opened_at.max(plan.opens);
                if self.now >= opened + Duration::days(plan.deadline_days.into()) {
                    r.closed = true;
                } else if !r.reminded && self.now >= opened + Duration::days(plan.reminder_after_days.into()) {
                    r.reminded = true;
                    reask.push(r.role);
                }
            }
            for role in reask {
                self.send(
                    role,
                    Msg::new("survey-reminder")
                        .key("survey", format!("survey-name-{}", kind.code().replace('_', "-")))
                        .time("deadline", plan.deadline()),
                );
                self.ask_current(kind, role);
            }
            if kind == SurveyKind::Midterm && self.s.phase == Phase::MidtermCheck && self.now >= plan.deadline() {
                self.s.phase = Phase::Active;
            }
        }
    }

    fn open_survey(&mut self, kind: SurveyKind) {
        let plan = self.p.survey(kind);
        match kind {
            SurveyKind::Midterm => {
                if self.s.phase == Phase::Active {
                    self.s.phase = Phase::MidtermCheck;
                }
            }
            SurveyKind::Final => self.s.phase = Phase::Closing,
            SurveyKind::FollowUp => self.s.phase = Phase::FollowUp,
        }
        for &role in plan.roles {
            if plan.questions_for(role).next().is_none() {
                continue;
            }
            self.s.surveys.push(SurveyRun {
                kind,
                role,
                opened_at: self.now,
                question: 0,
                selection: vec![],
                reminded: false,
                finished_at: None,
                closed: false,
            });
            self.fx.push(Effect::SurveyOpened { survey: kind, role });
            self.send(
                role,
                Msg::new("survey-intro")
                    .key("survey", format!("survey-name-{}", kind.code().replace('_', "-")))
                    .str("programme", self.p.name.clone())
                    .num("questions", plan.questions_for(role).count() as i64)
                    .time("deadline", plan.deadline()),
            );
            self.ask_current(kind, role);
        }
    }

    fn ask_current(&mut self, kind: SurveyKind, role: Role) {
        let plan = self.p.survey(kind);
        let Some(run) = self.s.run(kind, role) else {
            return;
        };
        let qs: Vec<_> = plan.questions_for(role).collect();
        if let Some(q) = qs.get(run.question) {
            let msg = survey::ask(kind, q, run.question + 1, qs.len(), &run.selection);
            self.send(role, msg);
        }
    }

    fn close(&mut self) {
        if self.s.phase < Phase::Closing {
            self.s.phase = Phase::Closing;
        }
        self.s.phase = Phase::Closed;
        self.s.booked = None;
        self.s.awaiting.clear();
        let msg = |k: &str| {
            Msg::new(k.to_string())
                .str("programme", self.p.name.clone())
                .num("held", self.s.meetings_held.into())
                .str("mentee", self.s.mentee.name.clone())
                .str("mentor", self.s.mentor.name.clone())
        };
        let (a, b) = (msg("closed-mentee"), msg("closed-mentor"));
        self.send(Role::Mentee, a);
        self.send(Role::Mentor, b);
    }

    // ---- participants ---------------------------------------------------

    fn text(&mut self, from: Role, text: &str) {
        if let Some(cmd) = command::parse(text) {
            return self.command(from, cmd);
        }
        if self.s.ended() {
            return self.send(from, Msg::new("pair-ended-reply"));
        }
        if self.s.awaiting.get(&from) == Some(&Awaiting::BookingDate) {
            return self.booked(from, text);
        }
        if let Some(kind) = self.open_run_for(from) {
            let q = self
                .current_question(kind, from)
                .expect("open run has a question")
                .clone();
            let outcome = survey::read_text(&q, text);
            return self.survey_outcome(kind, from, outcome);
        }
        if from == Role::Mentee && self.goals_pending() {
            return self.goals(from, text);
        }
        self.send(from, Msg::new("unknown-text").key("help", help_key(from)));
    }

    fn command(&mut self, from: Role, cmd: Command) {
        if self.s.ended() && !matches!(cmd, Command::Help | Command::Status) {
            return self.send(from, Msg::new("pair-ended-reply"));
        }
        match cmd {
            Command::Help | Command::Start(_) => self.send(from, Msg::new(help_key(from))),
            Command::Status => self.status(from),
            Command::Booked(args) => self.booked(from, &args),
            Command::Met => self.met(from),
            Command::Prompt => self.prompt(from),
            Command::Flag => self.ask_flag(from),
            Command::Pause => self.pause(Some(from), None),
            Command::Resume => self.resume(Some(from)),
            Command::Skip => match self.open_run_for(from) {
                Some(kind) => self.survey_button(kind, from, None, "skip"),
                None => self.send(from, Msg::new("nothing-to-skip")),
            },
            Command::Unknown(name) => self.send(
                from,
                Msg::new("unknown-command")
                    .str("command", name)
                    .key("help", help_key(from)),
            ),
            // Language, data and registration are the shell's.
            Command::Language(_) | Command::MyData | Command::Forget => self.send(from, Msg::new(help_key(from))),
        }
    }

    fn button(&mut self, from: Role, payload: &str) {
        if self.s.ended() {
            return self.send(from, Msg::new("pair-ended-reply"));
        }
        let mut parts = payload.split(':');
        match parts.next().unwrap_or("") {
            "book" => {
                let when = payload.strip_prefix("book:").unwrap_or("").replace('T', " ");
                self.booked(from, &when)
            }
            "resume" => self.resume(Some(from)),
            "met" => self.meeting_feedback(from, parts.next().unwrap_or(""), parts.next().unwrap_or("")),
            "flag" => match parts.next() {
                None => self.ask_flag(from),
                Some(reason) => self.flag(from, reason),
            },
            "rsvp" => {
                let event = parts.next().unwrap_or("").to_string();
                let going = parts.next() == Some("yes");
                if let Some(e) = self.p.events.iter().find(|e| e.id == event) {
                    let name = e.name_key();
                    self.fx.push(Effect::Rsvp {
                        event: event.clone(),
                        role: from,
                        going,
                    });
                    let key = if going { "rsvp-yes-thanks" } else { "rsvp-no-thanks" };
                    self.send(from, Msg::new(key).key("event", name));
                } else {
                    self.send(from, Msg::new("button-expired"));
                }
            }
            "agree" => self.agreement_button(from, parts.next().unwrap_or(""), parts.next().unwrap_or("")),
            "ans" => match survey::parse_payload(payload) {
                Some((kind, qid, value)) => self.survey_button(kind, from, Some(qid), value),
                None => self.send(from, Msg::new("button-expired")),
            },
            "prompt" => self.prompt(from),
            _ => self.send(from, Msg::new("button-expired")),
        }
    }

    fn status(&mut self, from: Role) {
        let mut msg = self
            .names(Msg::new("status"))
            .key("phase", format!("phase-{}", self.s.phase.code().replace('_', "-")))
            .num("held", self.s.meetings_held.into())
            .num("target", self.p.meetings.target.into())
            .date("end", self.p.end_at());
        msg = match &self.s.booked {
            Some(b) => msg.str("booked", "yes").time("when", b.at),
            None => msg.str("booked", "no").time("when", self.now),
        };
        if matches!(self.s.status, Status::Paused { .. }) {
            msg = msg.row(vec![Button::new("button-resume", "resume")]);
        }
        self.send(from, msg);
    }

    fn booked(&mut self, from: Role, args: &str) {
        if !self.s.phase.is_meeting_phase() || self.s.phase == Phase::Matched {
            self.s.awaiting.remove(&from);
            return self.send(from, Msg::new("book-not-now"));
        }
        let tz = self.s.person(from).tz;
        if args.trim().is_empty() {
            self.s.awaiting.insert(from, Awaiting::BookingDate);
            let today = self.now.with_timezone(&tz).date_naive();
            let days = [1i64, 2, 3, 5, 7, 10, 14, 21];
            let buttons: Vec<Button> = days
                .iter()
                .map(|d| {
                    let date = today + Duration::days(*d);
                    Button::with_label(
                        Msg::new("button-date").arg("date", Arg::Day(local_noon(date, tz))),
                        format!("book:{}", date.format("%Y-%m-%d")),
                    )
                })
                .collect();
            let mut msg = Msg::new("book-ask-date");
            for chunk in buttons.chunks(4) {
                msg = msg.row(chunk.to_vec());
            }
            return self.send(from, msg);
        }
        match command::parse_when(args, self.now, tz) {
            When::Invalid => {
                self.s.awaiting.insert(from, Awaiting::BookingDate);
                self.send(from, Msg::new("book-invalid"));
            }
            When::Day(date) => {
                self.s.awaiting.insert(from, Awaiting::BookingDate);
                let times = ["09:00", "12:00", "15:00", "17:00", "19:00"];
                let msg = Msg::new("book-ask-time").date("date", local_noon(date, tz)).row(
                    times
                        .iter()
                        .map(|t| {
                            Button::with_label(
                                Msg::new("button-time").str("time", *t),
                                format!("book:{}T{}", date.format("%Y-%m-%d"), t),
                            )
                        })
                        .collect(),
                );
                self.send(from, msg);
            }
            When::At(at) if at <= self.now => {
                self.s.awaiting.insert(from, Awaiting::BookingDate);
                self.send(from, Msg::new("book-in-past").time("when", at));
            }
            When::At(at) if at >= self.p.end_at() => {
                self.s.awaiting.insert(from, Awaiting::BookingDate);
                self.send(from, Msg::new("book-after-end").date("end", self.p.end_at()));
            }
            When::At(at) => {
                self.s.awaiting.remove(&from);
                let replaced = self.s.booked.is_some();
                self.s.booked = Some(Booking {
                    at,
                    reminded: at - Duration::days(1) <= self.now,
                });
                self.s.ladder_step = 0;
                self.s.at_risk = false;
                if self.s.phase == Phase::Introduced {
                    self.s.phase = Phase::FirstMeeting;
                }
                let key = if replaced { "booked-moved" } else { "booked-confirm" };
                let other = self.s.person(from.other()).name.clone();
                self.send(from, self.names(Msg::new(key)).str("other", other).time("when", at));
                self.send(
                    from.other(),
                    self.names(Msg::new("booked-notify"))
                        .str("by", self.s.person(from).name.clone())
                        .time("when", at),
                );
            }
        }
    }

    fn met(&mut self, from: Role) {
        if !self.s.phase.is_meeting_phase() || self.s.phase == Phase::Matched {
            return self.send(from, Msg::new("book-not-now"));
        }
        // A meeting booked for today is the one that was held.
        if let Some(b) = &self.s.booked
            && b.at <= self.now + Duration::hours(12)
        {
            self.s.booked = None;
        }
        self.meeting_held(self.now, false);
        let n = self.s.meetings_held;
        let target = self.p.meetings.target;
        let mut msg = Msg::new("met-logged").num("n", n.into()).num("target", target.into());
        if from == Role::Mentee && n < target {
            msg = msg.row(vec![Button::new("button-book-next", "book")]);
        }
        self.send(from, msg);
        self.send(
            from.other(),
            self.names(Msg::new("met-logged-other"))
                .str("by", self.s.person(from).name.clone())
                .num("n", n.into())
                .num("target", target.into()),
        );
    }

    fn meeting_feedback(&mut self, from: Role, rating: &str, n: &str) {
        let n: u32 = n.parse().unwrap_or(0);
        if n == 0 || n > self.s.meetings_held {
            return self.send(from, Msg::new("button-expired"));
        }
        match rating {
            "missed" if n == self.s.meetings_held => {
                self.s.meetings_held -= 1;
                let at = self.s.last_meeting_at.unwrap_or(self.now);
                self.fx.push(Effect::Meeting {
                    number: n,
                    at,
                    held: false,
                });
                let mut msg = Msg::new("meeting-missed-ack");
                if from == Role::Mentee {
                    msg = msg.row(vec![Button::new("button-book", "book")]);
                }
                self.send(from, msg);
                self.send(
                    from.other(),
                    self.names(Msg::new("meeting-missed-other"))
                        .str("by", self.s.person(from).name.clone()),
                );
            }
            "good" | "ok" => {
                self.fx.push(Effect::MeetingFeedback {
                    number: n,
                    role: from,
                    rating: rating.into(),
                });
                self.send(from, Msg::new("meeting-feedback-thanks"));
            }
            _ => self.send(from, Msg::new("button-expired")),
        }
    }

    fn prompt(&mut self, from: Role) {
        let mut keys: Vec<String> = self.p.prompts_for(self.s.phase).to_vec();
        keys.extend(self.p.exercises_for(self.s.phase).iter().cloned());
        if keys.is_empty() {
            keys.extend(self.p.prompts.values().flatten().cloned());
        }
        if keys.is_empty() {
            return self.send(from, Msg::new("prompt-none"));
        }
        let k = keys[(self.s.prompt_index as usize) % keys.len()].clone();
        self.s.prompt_index += 1;
        self.send(
            from,
            Msg::new("prompt")
                .key("prompt", k)
                .row(vec![Button::new("button-another-prompt", "prompt")]),
        );
    }

    fn ask_flag(&mut self, from: Role) {
        let msg = Msg::new("flag-ask").column(
            FLAG_REASONS
                .iter()
                .map(|r| Button::new(format!("flag-reason-{r}"), format!("flag:{r}")))
                .collect(),
        );
        self.send(from, msg);
    }

    fn flag(&mut self, from: Role, reason: &str) {
        if !FLAG_REASONS.contains(&reason) {
            return self.send(from, Msg::new("button-expired"));
        }
        if matches!(reason, "communication" | "faded") {
            self.s.at_risk = true;
        }
        let role_key = format!("role-{}", from.code());
        self.alert(
            AlertKind::Flag,
            Some(from),
            Some(reason.to_string()),
            Msg::new("alert-flag")
                .str("by", self.s.person(from).name.clone())
                .key("role", role_key)
                .key("reason", format!("flag-reason-{reason}")),
        );
        self.send(
            from,
            Msg::new("flag-thanks").key("reason", format!("flag-reason-{reason}")),
        );
    }

    fn pause(&mut self, by: Option<Role>, until: Option<Ts>) {
        if !self.s.running() {
            if let Some(r) = by {
                self.send(r, Msg::new("pause-already"));
            }
            return;
        }
        self.s.status = Status::Paused { since: self.now, until };
        let msg = self
            .names(Msg::new("paused"))
            .row(vec![Button::new("button-resume", "resume")]);
        self.both(msg);
        self.alert(
            AlertKind::Paused,
            by,
            None,
            Msg::new("alert-paused").key(
                "by",
                by.map(|r| format!("role-{}", r.code()))
                    .unwrap_or("role-coordinator".into()),
            ),
        );
    }

    fn resume(&mut self, by: Option<Role>) {
        if !matches!(self.s.status, Status::Paused { .. }) {
            if let Some(r) = by {
                self.send(r, Msg::new("resume-not-paused"));
            }
            return;
        }
        self.s.status = Status::Running;
        self.s.ladder_from = self.now.max(self.p.start_at());
        self.s.ladder_step = 0;
        self.both(self.names(Msg::new("resumed")));
        self.alert(AlertKind::Resumed, by, None, Msg::new("alert-resumed"));
    }

    fn end_early(&mut self, reason: EndReason) {
        if self.s.ended() {
            return;
        }
        self.s.status = Status::EndedEarly { at: self.now, reason };
        self.s.booked = None;
        self.s.awaiting.clear();
        for r in self.s.surveys.iter_mut() {
            if r.open() {
                r.closed = true;
            }
        }
        self.both(self.names(Msg::new("ended-early")).key("reason", reason.key()));
        self.alert(
            AlertKind::Ended,
            None,
            Some(reason.code().into()),
            Msg::new("alert-ended").key("reason", reason.key()),
        );
    }

    // ---- expectation setting -------------------------------------------

    fn ask_agreement(&mut self) {
        let a = &self.s.agreement;
        if a.completed_at.is_some() {
            return;
        }
        if a.goals.is_none() {
            self.send(Role::Mentee, self.names(Msg::new("agree-goals")));
            self.send(Role::Mentor, self.names(Msg::new("agree-started-mentor")));
        } else if a.rhythm_days.is_none() {
            let every = self.p.meetings.every_days;
            let mut options = vec![14u32, 21, 30];
            if !options.contains(&every) {
                options.push(every);
                options.sort_unstable();
            }
            self.send(
                Role::Mentee,
                Msg::new("agree-rhythm").row(
                    options
                        .iter()
                        .map(|d| {
                            Button::with_label(
                                Msg::new("button-every-days").num("days", (*d).into()),
                                format!("agree:rhythm:{d}"),
                            )
                        })
                        .collect(),
                ),
            );
        } else if a.format.is_none() {
            self.send(
                Role::Mentee,
                Msg::new("agree-format").row(
                    ["physical", "virtual", "mixed"]
                        .iter()
                        .map(|f| Button::new(format!("format-{f}"), format!("agree:format:{f}")))
                        .collect(),
                ),
            );
        } else if !a.limits_accepted {
            self.send(
                Role::Mentee,
                Msg::new("agree-limits")
                    .key("limits", "limits-of-the-role")
                    .row(vec![Button::new("button-agree", "agree:limits:yes")]),
            );
        }
    }

    /// The mentee was asked for goals and has not given them: their next
    /// free text is the goals. Derived from the phase, so booking a
    /// meeting in between does not lose it.
    fn goals_pending(&self) -> bool {
        self.s.phase >= Phase::ExpectationSetting && self.s.phase < Phase::Closing && self.s.agreement.goals.is_none()
    }

    fn goals(&mut self, from: Role, text: &str) {
        let text = text.trim();
        if text.chars().count() < 3 {
            return self.send(from, Msg::new("agree-goals-too-short"));
        }
        self.s.agreement.goals = Some(text.chars().take(2000).collect());
        self.ask_agreement();
    }

    fn agreement_button(&mut self, from: Role, field: &str, value: &str) {
        if from != Role::Mentee || self.s.agreement.completed_at.is_some() {
            return self.send(from, Msg::new("button-expired"));
        }
        match field {
            "rhythm" if self.s.agreement.goals.is_some() => match value.parse::<u32>() {
                Ok(d) if (1..=90).contains(&d) => self.s.agreement.rhythm_days = Some(d),
                _ => return self.send(from, Msg::new("button-expired")),
            },
            "format" if self.s.agreement.rhythm_days.is_some() && ["physical", "virtual", "mixed"].contains(&value) => {
                self.s.agreement.format = Some(value.into())
            }
            "limits" if self.s.agreement.format.is_some() => self.s.agreement.limits_accepted = true,
            _ => return self.send(from, Msg::new("button-expired")),
        }
        if self.s.agreement.limits_accepted {
            self.s.agreement.completed_at = Some(self.now);
            let a = self.s.agreement.clone();
            let msg = self
                .names(Msg::new("agreement-summary"))
                .str("goals", a.goals.unwrap_or_default())
                .num("days", a.rhythm_days.unwrap_or(self.p.meetings.every_days).into())
                .key("format", format!("format-{}", a.format.unwrap_or_default()))
                .key("limits", "limits-of-the-role")
                .date("end", self.p.end_at())
                .num("target", self.p.meetings.target.into());
            self.both(msg);
            if self.s.phase == Phase::ExpectationSetting {
                self.s.phase = Phase::Active;
            }
        } else {
            self.ask_agreement();
        }
    }

    // ---- surveys ----------------------------------------------------------

    fn open_run_for(&self, role: Role) -> Option<SurveyKind> {
        self.s
            .surveys
            .iter()
            .find(|r| r.role == role && r.open())
            .map(|r| r.kind)
    }

    fn current_question(&self, kind: SurveyKind, role: Role) -> Option<&crate::programme::Question> {
        let run = self.s.run(kind, role)?;
        self.p.survey(kind).questions_for(role).nth(run.question)
    }

    fn survey_button(&mut self, kind: SurveyKind, from: Role, qid: Option<&str>, value: &str) {
        let Some(run) = self.s.run(kind, from).filter(|r| r.open()) else {
            return self.send(from, Msg::new("survey-already-closed"));
        };
        let selection = run.selection.clone();
        let Some(q) = self.current_question(kind, from).cloned() else {
            return self.send(from, Msg::new("survey-already-closed"));
        };
        if qid.is_some_and(|id| id != q.id) {
            // An old button: that question is answered already.
            return self.send(from, Msg::new("survey-already-answered"));
        }
        let outcome = survey::read_button(&q, value, &selection);
        self.survey_outcome(kind, from, outcome);
    }

    fn survey_outcome(&mut self, kind: SurveyKind, from: Role, outcome: Outcome) {
        let q = self
            .current_question(kind, from)
            .cloned()
            .expect("open run has a question");
        let idx = self
            .s
            .surveys
            .iter()
            .position(|r| r.kind == kind && r.role == from)
            .expect("run exists");
        match outcome {
            Outcome::Invalid(reason) => {
                self.send(from, Msg::new(reason));
                self.ask_current(kind, from);
            }
            Outcome::Selection(sel) => {
                self.s.surveys[idx].selection = sel;
                self.ask_current(kind, from);
            }
            Outcome::Answered(value) => {
                self.fx.push(Effect::Answer {
                    survey: kind,
                    role: from,
                    question: q.id.clone(),
                    value,
                });
                let total = self.p.survey(kind).questions_for(from).count();
                let run = &mut self.s.surveys[idx];
                run.question += 1;
                run.selection.clear();
                if run.question >= total {
                    run.finished_at = Some(self.now);
                    self.fx.push(Effect::SurveyFinished {
                        survey: kind,
                        role: from,
                    });
                    self.send(from, Msg::new("survey-thanks"));
                } else {
                    self.ask_current(kind, from);
                }
            }
        }
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
