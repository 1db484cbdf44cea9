//! Programme files: what a mentoring programme is, loaded from TOML and
//! validated when it loads.
//!
//! Every sentence a participant sees is a Fluent key into `locales/`; a
//! programme file names keys (survey questions, options, prompts), never
//! sentences, so every programme speaks all three languages.

use crate::Ts;
use crate::i18n::Catalog;
use crate::model::{Lang, Phase, Role};
use chrono::{Duration, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use std::fmt;

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
    pub nudges: Nudges,
    pub quiet_hours: QuietHours,
    pub surveys: Surveys,
    /// Conversation prompts per phase: Fluent keys.
    #[serde(default)]
    pub prompts: BTreeMap<Phase, Vec<String>>,
    /// Exercises per phase: Fluent keys.
    #[serde(default)]
    pub exercises: BTreeMap<Phase, Vec<String>>,
    /// The programme's dates as instants, worked out once: the state
    /// machine asks for them on every step.
    #[serde(skip)]
    instants: std::sync::OnceLock<Instants>,
}

#[derive(Debug, Clone)]
struct Instants {
    intro: Ts,
    start: Ts,
    end: Ts,
    /// (invitation, start) of each event, in the order of `events`.
    events: Vec<(Ts, Ts)>,
    surveys: [Ts; 3],
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
}

impl Event {
    /// The Fluent key that names this event.
    pub fn name_key(&self) -> String {
        self.title
            .clone()
            .unwrap_or_else(|| format!("event-kind-{}", self.kind.code()))
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
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
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
}

/// The nudge ladder: days without a booked meeting after which each step
/// fires. The clock starts at the programme start or at the last meeting.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nudges {
    pub remind_mentee_after_days: u32,
    pub remind_mentee_again_after_days: u32,
    pub tell_mentor_after_days: u32,
    pub alert_coordinator_after_days: u32,
}

impl Nudges {
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

fn de_time<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
    use serde::de::Error;
    let s = String::deserialize(d)?;
    NaiveTime::parse_from_str(&s, "%H:%M")
        .map_err(|_| D::Error::custom(format!("expected a time of day like \"17:00\", got \"{s}\"")))
}

/// A programme file that could not be loaded: which file, which line and
/// field, and what is allowed there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeError {
    pub file: String,
    pub line: usize,
    pub field: String,
    pub message: String,
}

impl fmt::Display for ProgrammeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        } else {
            write!(f, "{}:{}: `{}`: {}", self.file, self.line, self.field, self.message)
        }
    }
}

impl std::error::Error for ProgrammeError {}

impl Programme {
    /// Parses and validates a programme file. `file` names it in errors;
    /// every Fluent key the file names must exist in `catalog`.
    pub fn parse(file: &str, source: &str, catalog: &Catalog) -> Result<Programme, ProgrammeError> {
        let mut p: Programme = toml::from_str(source).map_err(|e| {
            let line = e.span().map(|s| line_of(source, s.start)).unwrap_or(1);
            let field = field_on_line(source, line);
            ProgrammeError {
                file: file.to_string(),
                line,
                field,
                message: e.message().trim().to_string(),
            }
        })?;
        if p.id.is_empty() {
            p.id = std::path::Path::new(file)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "programme".into());
        }
        let doc = toml_edit::Document::parse(source).ok();
        p.validate(catalog).map_err(|(path, message)| {
            let line = doc
                .as_ref()
                .and_then(|d| span_of(d, &path))
                .map(|s| line_of(source, s))
                .unwrap_or(1);
            ProgrammeError {
                file: file.to_string(),
                line,
                field: path.join("."),
                message,
            }
        })?;
        Ok(p)
    }

    /// Semantic checks; an error is the path of the field and what is wrong.
    fn validate(&self, catalog: &Catalog) -> Result<(), (Vec<String>, String)> {
        fn at(parts: &[&str]) -> Vec<String> {
            parts.iter().map(|s| s.to_string()).collect()
        }
        let err = |parts: &[&str], msg: String| Err((at(parts), msg));

        if !self
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return err(&["id"], "allowed: lowercase letters, digits and '-'".into());
        }
        if self.name.trim().is_empty() {
            return err(&["name"], "must not be empty".into());
        }
        if self.languages.is_empty() {
            return err(&["languages"], "name at least one of \"en\", \"da\", \"nb\"".into());
        }
        if self.end <= self.start {
            return err(
                &["end"],
                format!("must be after `start` ({}); got {}", self.start, self.end),
            );
        }
        if self.meetings.target == 0 {
            return err(&["meetings", "target"], "allowed: 1 or more meetings".into());
        }
        if self.meetings.every_days == 0 || self.meetings.every_days > 90 {
            return err(&["meetings", "every_days"], "allowed: 1 to 90 days".into());
        }
        if self.meetings.duration_minutes == 0 || self.meetings.duration_minutes > 8 * 60 {
            return err(&["meetings", "duration_minutes"], "allowed: 1 to 480 minutes".into());
        }
        let names = [
            "remind_mentee_after_days",
            "remind_mentee_again_after_days",
            "tell_mentor_after_days",
            "alert_coordinator_after_days",
        ];
        let t = self.nudges.thresholds();
        if t[0] == 0 {
            return err(&["nudges", names[0]], "allowed: 1 day or more".into());
        }
        for i in 1..4 {
            if t[i] <= t[i - 1] {
                return err(
                    &["nudges", names[i]],
                    format!("must be more days than `{}` ({}); got {}", names[i - 1], t[i - 1], t[i]),
                );
            }
        }
        if self.quiet_hours.from == self.quiet_hours.to {
            return err(
                &["quiet_hours", "to"],
                "must differ from `from`; leave a window for messages".into(),
            );
        }
        if self.quiet_hours.contains(self.send_time) {
            return err(
                &["send_time"],
                "falls inside the quiet hours; pick a time outside them".into(),
            );
        }
        let mut seen = std::collections::HashSet::new();
        for (i, e) in self.events.iter().enumerate() {
            let idx = i.to_string();
            if !seen.insert(e.id.as_str()) {
                return err(
                    &["events", &idx, "id"],
                    format!("`{}` is used twice; ids must be unique", e.id),
                );
            }
            if e.ends <= e.starts {
                return err(&["events", &idx, "ends"], "must be after `starts`".into());
            }
            if let Some(t) = &e.title
                && !catalog.has(t)
            {
                return err(
                    &["events", &idx, "title"],
                    format!("no message `{t}` in locales/; add it to every locale"),
                );
            }
            if e.roles.is_empty() {
                return err(
                    &["events", &idx, "roles"],
                    "name at least one of \"mentee\", \"mentor\"".into(),
                );
            }
        }
        for kind in [EventKind::Kickoff, EventKind::Closing] {
            let n = self.events.iter().filter(|e| e.kind == kind).count();
            if n != 1 {
                return err(
                    &["events"],
                    format!("needs exactly one event of kind \"{}\"; found {n}", kind.code()),
                );
            }
        }
        let kickoff = self.event(EventKind::Kickoff).expect("checked");
        let closing = self.event(EventKind::Closing).expect("checked");
        if closing.date <= kickoff.date {
            return err(&["events"], "the closing event must come after the kickoff".into());
        }

        for (kind, s) in [
            (SurveyKind::Midterm, &self.surveys.midterm),
            (SurveyKind::Final, &self.surveys.final_),
        ] {
            let k = kind.code();
            if s.opens < self.start || s.opens > self.end {
                return err(
                    &["surveys", k, "opens"],
                    format!("allowed: between `start` ({}) and `end` ({})", self.start, self.end),
                );
            }
            check_survey_timing(k, s.deadline_days, s.reminder_after_days)
                .map_err(|(f, m)| (at(&["surveys", k, f]), m))?;
            check_questions(k, &s.questions, catalog)?;
        }
        if self.surveys.final_.opens
            <= self.surveys.midterm.opens + Duration::days(self.surveys.midterm.deadline_days.into())
        {
            return err(
                &["surveys", "final", "opens"],
                "must be after the mid-term survey's deadline".into(),
            );
        }
        let f = &self.surveys.follow_up;
        if f.months_after_end == 0 || f.months_after_end > 24 {
            return err(
                &["surveys", "follow_up", "months_after_end"],
                "allowed: 1 to 24 months".into(),
            );
        }
        check_survey_timing("follow_up", f.deadline_days, f.reminder_after_days)
            .map_err(|(fl, m)| (at(&["surveys", "follow_up", fl]), m))?;
        check_questions("follow_up", &f.questions, catalog)?;
        if f.questions.iter().filter(|q| q.kind == QuestionKind::Outcome).count() != 1 {
            return err(
                &["surveys", "follow_up", "questions"],
                "needs exactly one question of kind \"outcome\" (job, education, self-employed, clarified, still seeking)".into(),
            );
        }
        for (table, map) in [("prompts", &self.prompts), ("exercises", &self.exercises)] {
            for (phase, keys) in map {
                for (i, key) in keys.iter().enumerate() {
                    if !catalog.has(key) {
                        return err(
                            &[table, phase.code(), &i.to_string()],
                            format!("no message `{key}` in locales/; add it to every locale"),
                        );
                    }
                }
            }
        }
        Ok(())
    }

    pub fn event(&self, kind: EventKind) -> Option<&Event> {
        self.events.iter().find(|e| e.kind == kind)
    }

    fn instants(&self) -> &Instants {
        self.instants.get_or_init(|| {
            let follow_up = self
                .end
                .checked_add_months(chrono::Months::new(self.surveys.follow_up.months_after_end))
                .unwrap_or(self.end);
            Instants {
                intro: self.at_send_time(self.start - Duration::days(self.intro.days_before_start.into())),
                start: self.at_send_time(self.start),
                end: self.at_send_time(self.end),
                events: self
                    .events
                    .iter()
                    .map(|e| {
                        (
                            self.at_send_time(e.date - Duration::days(e.invite_days_before.into())),
                            self.local(e.date, e.starts),
                        )
                    })
                    .collect(),
                surveys: [
                    self.at_send_time(self.surveys.midterm.opens),
                    self.at_send_time(self.surveys.final_.opens),
                    self.at_send_time(follow_up),
                ],
            }
        })
    }

    fn event_instants(&self, e: &Event) -> (Ts, Ts) {
        match self.events.iter().position(|x| std::ptr::eq(x, e) || x.id == e.id) {
            Some(i) => self.instants().events[i],
            None => (
                self.at_send_time(e.date - Duration::days(e.invite_days_before.into())),
                self.local(e.date, e.starts),
            ),
        }
    }

    pub fn survey(&self, kind: SurveyKind) -> SurveyPlan<'_> {
        let opens = self.instants().surveys[kind as usize];
        match kind {
            SurveyKind::Midterm => SurveyPlan::of(&self.surveys.midterm, opens),
            SurveyKind::Final => SurveyPlan::of(&self.surveys.final_, opens),
            SurveyKind::FollowUp => {
                let f = &self.surveys.follow_up;
                SurveyPlan {
                    opens,
                    deadline_days: f.deadline_days,
                    reminder_after_days: f.reminder_after_days,
                    roles: &f.roles,
                    questions: &f.questions,
                }
            }
        }
    }

    /// A local date at the programme's send time, as an instant.
    pub fn at_send_time(&self, date: NaiveDate) -> Ts {
        self.local(date, self.send_time)
    }

    /// A local date and time in the programme's zone, as an instant. A time
    /// that does not exist (spring forward) moves to the next hour.
    pub fn local(&self, date: NaiveDate, time: NaiveTime) -> Ts {
        let naive = date.and_time(time);
        match self.time_zone.from_local_datetime(&naive) {
            chrono::LocalResult::Single(t) => t.to_utc(),
            chrono::LocalResult::Ambiguous(a, _) => a.to_utc(),
            chrono::LocalResult::None => self
                .time_zone
                .from_local_datetime(&(naive + Duration::hours(1)))
                .earliest()
                .map(|t| t.to_utc())
                .unwrap_or_else(|| naive.and_utc()),
        }
    }

    /// When the joint intro goes to pairs matched before it.
    pub fn intro_at(&self) -> Ts {
        self.instants().intro
    }

    pub fn start_at(&self) -> Ts {
        self.instants().start
    }

    pub fn end_at(&self) -> Ts {
        self.instants().end
    }

    pub fn event_starts_at(&self, e: &Event) -> Ts {
        self.event_instants(e).1
    }

    pub fn event_invite_at(&self, e: &Event) -> Ts {
        self.event_instants(e).0
    }

    pub fn prompts_for(&self, phase: Phase) -> &[String] {
        self.prompts.get(&phase).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn exercises_for(&self, phase: Phase) -> &[String] {
        self.exercises.get(&phase).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The programme's dates in order, for `check-programme`.
    pub fn timeline(&self) -> Vec<(Ts, TimelineItem)> {
        let mut items = vec![
            (self.intro_at(), TimelineItem::Intro),
            (self.start_at(), TimelineItem::Start),
            (self.end_at(), TimelineItem::End),
        ];
        for e in &self.events {
            items.push((self.event_invite_at(e), TimelineItem::EventInvite(e.id.clone())));
            items.push((self.event_starts_at(e), TimelineItem::Event(e.id.clone(), e.kind)));
        }
        for kind in SurveyKind::ALL {
            let plan = self.survey(kind);
            items.push((plan.opens, TimelineItem::SurveyOpens(kind, plan.questions.len())));
            items.push((plan.reminder_at(), TimelineItem::SurveyReminder(kind)));
            items.push((plan.deadline(), TimelineItem::SurveyDeadline(kind)));
        }
        items.sort_by_key(|(t, _)| *t);
        items
    }
}

/// One line of a programme's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimelineItem {
    Intro,
    Start,
    End,
    EventInvite(String),
    Event(String, EventKind),
    SurveyOpens(SurveyKind, usize),
    SurveyReminder(SurveyKind),
    SurveyDeadline(SurveyKind),
}

/// A survey's schedule, the same shape for all three surveys.
#[derive(Debug, Clone, Copy)]
pub struct SurveyPlan<'a> {
    pub opens: Ts,
    pub deadline_days: u32,
    pub reminder_after_days: u32,
    pub roles: &'a [Role],
    pub questions: &'a [Question],
}

impl<'a> SurveyPlan<'a> {
    fn of(s: &'a Survey, opens: Ts) -> Self {
        SurveyPlan {
            opens,
            deadline_days: s.deadline_days,
            reminder_after_days: s.reminder_after_days,
            roles: &s.roles,
            questions: &s.questions,
        }
    }
    pub fn reminder_at(&self) -> Ts {
        self.opens + Duration::days(self.reminder_after_days.into())
    }
    pub fn deadline(&self) -> Ts {
        self.opens + Duration::days(self.deadline_days.into())
    }
    /// The questions a role is asked, in order.
    pub fn questions_for(&self, role: Role) -> impl Iterator<Item = &'a Question> + 'a {
        self.questions.iter().filter(move |q| q.asks(role))
    }
}

fn check_survey_timing(_k: &str, deadline: u32, reminder: u32) -> Result<(), (&'static str, String)> {
    if deadline == 0 || deadline > 60 {
        return Err(("deadline_days", "allowed: 1 to 60 days".into()));
    }
    if reminder == 0 || reminder >= deadline {
        return Err((
            "reminder_after_days",
            format!("allowed: 1 day up to one day before the deadline ({deadline} days)"),
        ));
    }
    Ok(())
}

fn check_questions(survey: &str, qs: &[Question], catalog: &Catalog) -> Result<(), (Vec<String>, String)> {
    let path = |i: usize, f: &str| -> Vec<String> {
        vec![
            "surveys".into(),
            survey.into(),
            "questions".into(),
            i.to_string(),
            f.into(),
        ]
    };
    if qs.is_empty() {
        return Err((
            vec!["surveys".into(), survey.into(), "questions".into()],
            "a survey needs at least one question".into(),
        ));
    }
    let mut ids = std::collections::HashSet::new();
    for (i, q) in qs.iter().enumerate() {
        if q.id.is_empty() || !q.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            return Err((path(i, "id"), "allowed: letters, digits, '_' and '-'".into()));
        }
        if !ids.insert(q.id.as_str()) {
            return Err((path(i, "id"), format!("`{}` is used twice in this survey", q.id)));
        }
        if !catalog.has(&q.text) {
            return Err((
                path(i, "text"),
                format!("no message `{}` in locales/; add it to every locale", q.text),
            ));
        }
        let n = q.options.len();
        match q.kind {
            QuestionKind::Single | QuestionKind::Multi | QuestionKind::Ranking => {
                if !(2..=8).contains(&n) {
                    return Err((
                        path(i, "options"),
                        format!("a \"{:?}\" question needs 2 to 8 options; got {n}", q.kind).to_lowercase(),
                    ));
                }
            }
            QuestionKind::Scale | QuestionKind::Text | QuestionKind::Outcome => {
                if n != 0 {
                    return Err((
                        path(i, "options"),
                        "only single, multi and ranking questions take options".into(),
                    ));
                }
            }
        }
        for (j, o) in q.option_keys().into_iter().enumerate() {
            if !catalog.has(o) {
                return Err((
                    vec![
                        "surveys".into(),
                        survey.into(),
                        "questions".into(),
                        i.to_string(),
                        "options".into(),
                        j.to_string(),
                    ],
                    format!("no message `{o}` in locales/; add it to every locale"),
                ));
            }
        }
    }
    Ok(())
}

fn line_of(source: &str, offset: usize) -> usize {
    source[..offset.min(source.len())].matches('\n').count() + 1
}

fn field_on_line(source: &str, line: usize) -> String {
    let text = source.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let t = text.trim();
    if let Some(header) = t.strip_prefix('[') {
        return header.trim_matches(|c| c == '[' || c == ']').trim().to_string();
    }
    t.split_once('=').map(|(k, _)| k.trim().to_string()).unwrap_or_default()
}

/// The byte offset where a dotted path (`surveys.midterm.questions.2.text`)
/// sits in the document, as near as it can be found.
fn span_of(doc: &toml_edit::Document<&str>, path: &[String]) -> Option<usize> {
    use toml_edit::{Item, Value};
    enum Node<'a> {
        Item(&'a Item),
        Table(&'a toml_edit::Table),
        Value(&'a Value),
    }
    let mut node = Node::Table(doc.as_table());
    let mut best = None;
    for part in path {
        let index = part.parse::<usize>().ok();
        let next = match node {
            Node::Item(Item::Table(t)) | Node::Table(t) => t.get_key_value(part).map(|(k, v)| {
                best = k.span().map(|s| s.start).or(best);
                Node::Item(v)
            }),
            Node::Item(Item::ArrayOfTables(a)) => index.and_then(|i| a.get(i)).map(|t| {
                best = t.span().map(|s| s.start).or(best);
                Node::Table(t)
            }),
            Node::Item(Item::Value(v)) | Node::Value(v) => match v {
                Value::InlineTable(t) => t.get_key_value(part).map(|(k, v)| {
                    best = k.span().map(|s| s.start).or(best);
                    Node::Item(v)
                }),
                Value::Array(a) => index.and_then(|i| a.get(i)).map(|v| {
                    best = v.span().map(|s| s.start).or(best);
                    Node::Value(v)
                }),
                _ => None,
            },
            Node::Item(Item::None) => None,
        };
        match next {
            Some(n) => node = n,
            None => break,
        }
    }
    best
}
