//! Loading and validating a programme file: every error names the file,
//! the line and the field, and says what is allowed there.

use super::*;
use crate::i18n::Catalog;
use crate::payload;
use chrono::Duration;
use std::fmt;

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
        if self.intro.days_before_start > 365 {
            return err(&["intro", "days_before_start"], "allowed: 0 to 365 days".into());
        }
        if let Some(d) = self.privacy.retention_days_after_end
            && d > 3650
        {
            return err(
                &["privacy", "retention_days_after_end"],
                format!("allowed: 0 to 3650 days; got {d}"),
            );
        }
        let sim = &self.simulation;
        for (name, r) in [
            ("midterm", sim.midterm),
            ("final", sim.final_),
            ("follow_up", sim.follow_up),
        ] {
            for (role, v) in [("mentee", r.mentee), ("mentor", r.mentor)] {
                if !(0.0..=1.0).contains(&v) {
                    return err(
                        &["simulation", name, role],
                        format!("allowed: a share from 0 to 1; got {v}"),
                    );
                }
            }
        }
        if !(0.0..=1.0).contains(&sim.ghosting) {
            return err(
                &["simulation", "ghosting"],
                format!("allowed: a share from 0 to 1; got {}", sim.ghosting),
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
            if !payload::valid_id(&e.id) {
                return err(
                    &["events", &idx, "id"],
                    format!(
                        "allowed: 1 to {} letters, digits, '_' and '-' (the id travels in every RSVP button); got `{}`",
                        payload::MAX_ID_LEN,
                        e.id
                    ),
                );
            }
            if e.invite_days_before > 365 {
                return err(&["events", &idx, "invite_days_before"], "allowed: 0 to 365 days".into());
            }
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
        if let Err(e) = self.digest.cron.parse::<crate::schedule::Cron>() {
            return err(&["digest", "cron"], e);
        }
        for (i, r) in self.recurring.iter().enumerate() {
            let idx = i.to_string();
            if !payload::valid_id(&r.id) || r.id.len() + 5 > payload::MAX_ID_LEN {
                return err(
                    &["recurring", &idx, "id"],
                    format!(
                        "allowed: 1 to {} letters, digits, '_' and '-' (each occurrence adds `-MMDD`); got `{}`",
                        payload::MAX_ID_LEN - 5,
                        r.id
                    ),
                );
            }
            if let Err(e) = r.cron.parse::<crate::schedule::Cron>() {
                return err(&["recurring", &idx, "cron"], e);
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (i, b) in self.recurring_broadcasts.iter().enumerate() {
            let idx = i.to_string();
            let at_b = |f: &str| at(&["recurring_broadcasts", &idx, f]);
            if !payload::valid_id(&b.id) {
                return Err((
                    at_b("id"),
                    format!(
                        "allowed: 1 to {} letters, digits, '_' and '-'; got `{}`",
                        payload::MAX_ID_LEN,
                        b.id
                    ),
                ));
            }
            if !seen.insert(b.id.as_str()) {
                return Err((at_b("id"), format!("`{}` is used twice; ids must be unique", b.id)));
            }
            b.cron.parse::<crate::schedule::Cron>().map_err(|e| (at_b("cron"), e))?;
            crate::coordinator::schedules::check_audience(&b.audience).map_err(|e| (at_b("audience"), e))?;
            crate::coordinator::schedules::check_texts(&b.text.texts(), &self.languages)
                .map_err(|e| (at_b("text"), e))?;
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
        self.profile.check(|k| catalog.has(k))?;
        if self.matching.max() > 1000 {
            return err(&["matching"], "allowed: weights from 0 to 1000".into());
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
        if !payload::valid_id(&q.id) {
            return Err((
                path(i, "id"),
                format!(
                    "allowed: 1 to {} letters, digits, '_' and '-' (the id travels in every answer button); got `{}` ({} characters)",
                    payload::MAX_ID_LEN,
                    q.id,
                    q.id.chars().count()
                ),
            ));
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
