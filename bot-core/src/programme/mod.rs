//! Programme files: what a mentoring programme is, loaded from TOML and
//! validated when it loads.
//!
//! Decides: the schema of a programme file (this file), whether a file is
//! valid, with errors that name the file, line and field
//! (`validate.rs`), and the programme's calendar: its dates as instants
//! in its time zone, survey plans and the timeline (`calendar.rs`).
//!
//! Every sentence a participant sees is a Fluent key into `locales/`; a
//! programme file names keys (survey questions, options, prompts), never
//! sentences, so every programme speaks all three languages.
//!
//! Must not know: the clock, the database, platforms.

mod calendar;
pub mod template;
mod validate;

pub use calendar::{SurveyPlan, TimelineItem};
pub use validate::ProgrammeError;

use crate::Ts;
use crate::model::{Lang, Phase, Role};
use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

/// A programme, validated.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// Short identifier, `[a-z0-9-]`; defaults to the file's stem.
    #[serde(default)]
    pub id: String,
    pub name: String,
    /// The languages the programme is run in; the first is the default for
    /// participants who have not chosen one.
    pub languages: Vec<Lang>,
    pub time_zone: Tz,
    #[serde(deserialize_with = "de_date")]
    pub start: NaiveDate,
    #[serde(deserialize_with = "de_date")]
    pub end: NaiveDate,
    /// The local time of day at which scheduled messages go out.
    #[serde(default = "default_send_time", deserialize_with = "de_time")]
    pub send_time: NaiveTime,
    pub intro: Intro,
    pub meetings: Meetings,
    #[serde(default)]
    pub events: Vec<Event>,
    /// Recurring events: each occurrence becomes an event when its
    /// invitation is due.
    #[serde(default)]
    pub recurring: Vec<Recurring>,
    /// Recurring broadcasts: the same message to an audience on a cron
    /// schedule (`coordinator::schedules`).
    #[serde(default)]
    pub recurring_broadcasts: Vec<RecurringBroadcast>,
    /// The weekly digest to coordinators (`[digest] cron`, Monday 09:00
    /// by default).
    #[serde(default)]
    pub digest: DigestSchedule,
    pub nudges: Nudges,
    pub quiet_hours: QuietHours,
    pub surveys: Surveys,
    /// Conversation prompts per phase: Fluent keys.
    #[serde(default)]
    pub prompts: BTreeMap<Phase, Vec<String>>,
    /// Exercises per phase: Fluent keys.
    #[serde(default)]
    pub exercises: BTreeMap<Phase, Vec<String>>,
    /// What forgetting keeps and how long anything is kept.
    #[serde(default)]
    pub privacy: Privacy,
    /// Whether the bot passes what one member of a pair writes on to the
    /// other (`relay = false` switches it off; on by default).
    #[serde(default = "relay_on")]
    pub relay: bool,
    /// The profile questions asked after registration.
    #[serde(default)]
    pub profile: crate::profile::ProfileSpec,
    /// What each soft matching criterion weighs.
    #[serde(default)]
    pub matching: crate::profile::Weights,
    /// The `[health]` rules: when a pair counts as at risk.
    #[serde(default)]
    pub health: crate::coordinator::pairs::Health,
    /// What `simulate` expects of the participants: response rates and
    /// the share of mentees who stop answering (Karrierementor's by default).
    #[serde(default)]
    pub simulation: Simulation,
    /// The programme's dates as instants, worked out once: the state
    /// machine asks for them on every step.
    #[serde(skip)]
    instants: std::sync::OnceLock<calendar::Instants>,
}

fn relay_on() -> bool {
    true
}

fn yes() -> bool {
    true
}

/// The `[simulation]` section: the share of each role expected to finish
/// each survey, and the share of mentees who stop answering ("ghosting").
/// The defaults are Karrierementor 2023's: mentees 74% mid-term and 54%
/// final, mentors 87% and 70%; 3 of 35 mentees stopped answering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Simulation {
    pub midterm: Rates,
    #[serde(rename = "final")]
    pub final_: Rates,
    pub follow_up: Rates,
    /// Share of mentees who stop answering after a meeting or two.
    pub ghosting: f64,
}

/// Response rates per role, each from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rates {
    pub mentee: f64,
    #[serde(default)]
    pub mentor: f64,
}

impl Default for Simulation {
    fn default() -> Simulation {
        Simulation {
            midterm: Rates {
                mentee: 0.74,
                mentor: 0.87,
            },
            final_: Rates {
                mentee: 0.54,
                mentor: 0.70,
            },
            follow_up: Rates {
                mentee: 0.6,
                mentor: 0.6,
            },
            ghosting: 3.0 / 35.0,
        }
    }
}

impl Simulation {
    /// The expected share of `role` finishing `kind`.
    pub fn rate(&self, kind: SurveyKind, role: Role) -> f64 {
        let r = match kind {
            SurveyKind::Midterm => self.midterm,
            SurveyKind::Final => self.final_,
            SurveyKind::FollowUp => self.follow_up,
        };
        match role {
            Role::Mentee => r.mentee,
            Role::Mentor => r.mentor,
            Role::Coordinator => 0.0,
        }
    }
}

/// The `[privacy]` section: what `/forget` keeps, and retention.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Privacy {
    /// What `/forget` does with a person's survey answers, flags and
    /// RSVPs. Free text they wrote (text answers, agreement goals) is
    /// always removed.
    #[serde(default)]
    pub on_forget: OnForget,
    /// Everything of the programme is purged this many days after its
    /// end; none: kept until purged by hand.
    #[serde(default)]
    pub retention_days_after_end: Option<u32>,
}

/// What `/forget` does with answers that are not free text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnForget {
    /// Kept without a name: ratings and choices still count in the
    /// programme's statistics.
    #[default]
    Anonymise,
    /// Deleted.
    Delete,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intro {
    /// The joint intro goes to each pair this many days before the start.
    pub days_before_start: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meetings {
    /// How many meetings a pair should hold over the programme.
    pub target: u32,
    /// The rhythm: one meeting every this many days.
    pub every_days: u32,
    /// How long a meeting lasts; the "how did it go" question follows.
    #[serde(default = "default_duration")]
    pub duration_minutes: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Kickoff,
    Closing,
    Midway,
    Workshop,
    Seminar,
    Gathering,
    /// A job-interview session.
    Interviews,
    Other,
}

impl Event {
    /// The Fluent key that names this event.
    pub fn name_key(&self) -> String {
        self.title
            .clone()
            .unwrap_or_else(|| format!("event-kind-{}", self.kind.code()))
    }

    /// `msg` with argument `arg` naming this event: the title a coordinator
    /// wrote as it stands, else the Fluent key of the file's title or kind.
    pub fn named(&self, msg: crate::message::Msg, arg: &'static str) -> crate::message::Msg {
        match &self.label {
            Some(l) => msg.str(arg, l.clone()),
            None => msg.key(arg, self.name_key()),
        }
    }
}

impl EventKind {
    pub fn code(self) -> &'static str {
        match self {
            EventKind::Kickoff => "kickoff",
            EventKind::Closing => "closing",
            EventKind::Midway => "midway",
            EventKind::Workshop => "workshop",
            EventKind::Seminar => "seminar",
            EventKind::Gathering => "gathering",
            EventKind::Interviews => "interviews",
            EventKind::Other => "other",
        }
    }

    pub const ALL: [EventKind; 8] = [
        EventKind::Kickoff,
        EventKind::Workshop,
        EventKind::Midway,
        EventKind::Interviews,
        EventKind::Closing,
        EventKind::Seminar,
        EventKind::Gathering,
        EventKind::Other,
    ];

    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.code() == s.trim())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    pub kind: EventKind,
    /// What the event is called (a Fluent key), e.g. "career workshop";
    /// without it, invitations name the kind.
    #[serde(default)]
    pub title: Option<String>,
    #[serde(deserialize_with = "de_date")]
    pub date: NaiveDate,
    #[serde(deserialize_with = "de_time")]
    pub starts: NaiveTime,
    #[serde(deserialize_with = "de_time")]
    pub ends: NaiveTime,
    /// Where it is: a place name or an address (data, not a sentence).
    pub place: String,
    /// The invitation goes out this many days before.
    pub invite_days_before: u32,
    /// Who is invited.
    #[serde(default = "both_roles")]
    pub roles: Vec<Role>,
    /// Which of them: the members of every pair (the default), only the
    /// unmatched (`audience = "unmatched"`: those in no pair), or only the
    /// members of pairs at risk (`audience = "at-risk"`).
    #[serde(default)]
    pub audience: Among,
    /// Answers are asked for by the end of this day (by default two days
    /// before the event).
    #[serde(default, deserialize_with = "de_opt_date")]
    pub rsvp_by: Option<NaiveDate>,
    /// The title a coordinator wrote in chat or on the command line (data,
    /// not a key); never read from a programme file.
    #[serde(skip)]
    pub label: Option<String>,
}

/// Which people of an event's roles it invites.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Among {
    /// The members of every pair (each pair's clock invites them).
    #[default]
    Pairs,
    /// Those in no pair under way (the scheduler's pass invites them).
    Unmatched,
    /// The members of pairs at risk (a pair's clock invites them while it
    /// is at risk, up to the event).
    AtRisk,
}

/// A recurring event ("workshop the first Thursday of each month at
/// 17:00"): a 5-field cron expression in the programme's zone for its
/// start. Each occurrence is an [`Event`] with id `ID-MMDD`, made when its
/// invitation is due (`invite_days_before`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recurring {
    /// At most 19 characters (the occurrence's id adds `-MMDD`).
    pub id: String,
    pub cron: String,
    pub kind: EventKind,
    /// A Fluent key, as for an event.
    #[serde(default)]
    pub title: Option<String>,
    pub duration_minutes: u32,
    pub place: String,
    pub invite_days_before: u32,
    #[serde(default = "both_roles")]
    pub roles: Vec<Role>,
}

impl Recurring {
    /// The schedule's kind in the `schedules` table.
    pub fn schedule_kind(&self) -> String {
        format!("event:{}", self.id)
    }

    fn lead(&self) -> chrono::Duration {
        chrono::Duration::days(self.invite_days_before.into())
    }

    /// When the next occurrence after `after` is made: its start less the
    /// invitation's lead. `None` if the expression cannot be read or
    /// never fires.
    pub fn next_making(&self, tz: Tz, after: Ts) -> Option<Ts> {
        let cron: crate::schedule::Cron = self.cron.parse().ok()?;
        Some(cron.next_after(after + self.lead(), tz)? - self.lead())
    }

    /// The occurrence made at `making` (a value of [`Self::next_making`]).
    pub fn occurrence(&self, tz: Tz, making: Ts) -> Event {
        let start = (making + self.lead()).with_timezone(&tz).naive_local();
        let ends = start + chrono::Duration::minutes(self.duration_minutes.into());
        Event {
            id: format!("{}-{}", self.id, start.format("%m%d")),
            kind: self.kind,
            title: self.title.clone(),
            date: start.date(),
            starts: start.time(),
            ends: if ends.date() == start.date() {
                ends.time()
            } else {
                NaiveTime::from_hms_opt(23, 59, 0).expect("a time")
            },
            place: self.place.clone(),
            invite_days_before: self.invite_days_before,
            roles: self.roles.clone(),
            audience: Among::Pairs,
            rsvp_by: None,
            label: None,
        }
    }
}

/// A recurring broadcast: a 5-field cron expression in the programme's
/// zone, an audience as for `/broadcast` (`everyone`, `mentors`,
/// `mentees`, `unmatched`, `at-risk`, `survey`, `event:ID`) and the text
/// as the coordinator wrote it (never translated): one for all, or one per
/// language (`text = { da = "…", en = "…" }`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecurringBroadcast {
    pub id: String,
    pub cron: String,
    pub audience: String,
    pub text: BroadcastText,
}

/// A recurring broadcast's text: one for all, or one per language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum BroadcastText {
    All(String),
    PerLanguage(BTreeMap<Lang, String>),
}

impl BroadcastText {
    /// As `/broadcast` keeps texts: `(None, text)` for all, else per language.
    pub fn texts(&self) -> crate::coordinator::broadcast::Texts {
        match self {
            BroadcastText::All(t) => vec![(None, t.trim().to_string())],
            BroadcastText::PerLanguage(m) => m.iter().map(|(l, t)| (Some(*l), t.trim().to_string())).collect(),
        }
    }
}

/// The `[digest]` section: when coordinators get the weekly digest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DigestSchedule {
    #[serde(default = "default_digest_cron")]
    pub cron: String,
}

impl Default for DigestSchedule {
    fn default() -> DigestSchedule {
        DigestSchedule {
            cron: default_digest_cron(),
        }
    }
}

fn default_digest_cron() -> String {
    crate::coordinator::digest::DEFAULT_CRON.to_string()
}

/// The nudge ladder: days without a booked meeting after which each step
/// fires. The clock starts at the programme start or at the last meeting.
/// The days are written for the programme's rhythm (`meetings.every_days`);
/// a pair that agreed another rhythm gets them scaled to it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nudges {
    pub remind_mentee_after_days: u32,
    pub remind_mentee_again_after_days: u32,
    pub tell_mentor_after_days: u32,
    pub alert_coordinator_after_days: u32,
    /// After the meeting target, a pair with nothing booked is still
    /// reminded once per agreed rhythm until the end (`after_target =
    /// false` stops the nudges at the target).
    #[serde(default = "yes")]
    pub after_target: bool,
}

impl Nudges {
    /// The four thresholds in ladder order, for a pair meeting every
    /// `rhythm` days in a programme whose ladder is written for `every`
    /// days: each scaled by `rhythm / every`, rounded up, at least a day.
    pub fn thresholds_for(&self, rhythm: u32, every: u32) -> [u32; 4] {
        let every = every.max(1);
        let mut t = self
            .thresholds()
            .map(|d| (u64::from(d) * u64::from(rhythm)).div_ceil(u64::from(every)).max(1) as u32);
        // Still one step after another, however short the rhythm.
        for i in 1..t.len() {
            t[i] = t[i].max(t[i - 1] + 1);
        }
        t
    }

    /// The four thresholds in ladder order.
    pub fn thresholds(&self) -> [u32; 4] {
        [
            self.remind_mentee_after_days,
            self.remind_mentee_again_after_days,
            self.tell_mentor_after_days,
            self.alert_coordinator_after_days,
        ]
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuietHours {
    #[serde(deserialize_with = "de_time")]
    pub from: NaiveTime,
    #[serde(deserialize_with = "de_time")]
    pub to: NaiveTime,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Surveys {
    pub midterm: Survey,
    #[serde(rename = "final")]
    pub final_: Survey,
    pub follow_up: FollowUp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyKind {
    Midterm,
    Final,
    FollowUp,
}

impl SurveyKind {
    pub const ALL: [SurveyKind; 3] = [SurveyKind::Midterm, SurveyKind::Final, SurveyKind::FollowUp];

    pub fn code(self) -> &'static str {
        match self {
            SurveyKind::Midterm => "midterm",
            SurveyKind::Final => "final",
            SurveyKind::FollowUp => "follow_up",
        }
    }

    pub fn parse(s: &str) -> Option<SurveyKind> {
        SurveyKind::ALL.into_iter().find(|k| k.code() == s)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Survey {
    #[serde(deserialize_with = "de_date")]
    pub opens: NaiveDate,
    pub deadline_days: u32,
    pub reminder_after_days: u32,
    #[serde(default = "both_roles")]
    pub roles: Vec<Role>,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    pub months_after_end: u32,
    pub deadline_days: u32,
    pub reminder_after_days: u32,
    #[serde(default = "mentee_only")]
    pub roles: Vec<Role>,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// 1–5.
    Scale,
    Single,
    Multi,
    Ranking,
    Text,
    /// The follow-up outcome status: job, education, self-employed,
    /// clarified, still seeking.
    Outcome,
}

/// The fixed options of an [`QuestionKind::Outcome`] question.
pub const OUTCOME_OPTIONS: [&str; 5] = [
    "outcome-job",
    "outcome-education",
    "outcome-self-employed",
    "outcome-clarified",
    "outcome-still-seeking",
];

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    /// Fluent key of the question text.
    pub text: String,
    /// Fluent keys of the options (single, multi, ranking).
    #[serde(default)]
    pub options: Vec<String>,
    /// Ask only these roles; all the survey's roles when empty.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// May be skipped with /skip.
    #[serde(default)]
    pub optional: bool,
}

impl Question {
    /// The options as the participant sees them.
    pub fn option_keys(&self) -> Vec<&str> {
        match self.kind {
            QuestionKind::Outcome => OUTCOME_OPTIONS.to_vec(),
            _ => self.options.iter().map(String::as_str).collect(),
        }
    }

    pub fn asks(&self, role: Role) -> bool {
        self.roles.is_empty() || self.roles.contains(&role)
    }
}

fn default_duration() -> u32 {
    90
}
fn default_send_time() -> NaiveTime {
    NaiveTime::from_hms_opt(10, 0, 0).expect("valid time")
}
fn both_roles() -> Vec<Role> {
    vec![Role::Mentee, Role::Mentor]
}
fn mentee_only() -> Vec<Role> {
    vec![Role::Mentee]
}

fn de_date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    use serde::de::Error;
    let dt = toml::value::Datetime::deserialize(d)?;
    match (dt.date, dt.time) {
        (Some(date), None) => NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
            .ok_or_else(|| D::Error::custom("not a calendar date")),
        _ => Err(D::Error::custom("expected a date like 2023-09-01")),
    }
}

fn de_opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    de_date(d).map(Some)
}

fn de_time<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
    use serde::de::Error;
    let s = String::deserialize(d)?;
    NaiveTime::parse_from_str(&s, "%H:%M")
        .map_err(|_| D::Error::custom(format!("expected a time of day like \"17:00\", got \"{s}\"")))
}

impl Programme {
    /// The programme with these events (created, changed or cancelled by a
    /// coordinator): the instants are worked out again.
    pub fn with_events(&self, events: Vec<Event>) -> Programme {
        let mut p = self.clone();
        p.events = events;
        p.instants = Default::default();
        p
    }

    pub fn event(&self, kind: EventKind) -> Option<&Event> {
        self.events.iter().find(|e| e.kind == kind)
    }

    pub fn prompts_for(&self, phase: Phase) -> &[String] {
        self.prompts.get(&phase).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn exercises_for(&self, phase: Phase) -> &[String] {
        self.exercises.get(&phase).map(Vec::as_slice).unwrap_or(&[])
    }
}
