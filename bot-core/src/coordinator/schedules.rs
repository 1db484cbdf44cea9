//! Recurring schedules, from a programme file or set by a coordinator
//! (`mentorbot schedule add|list|remove`).
//!
//! Decides: what a schedule is ([`Schedule`]: a cron expression in the
//! programme's zone and the [`Job`] each firing does: a broadcast, a
//! recurring event's occurrence, the weekly digest), the schedules a
//! programme file declares ([`declared`]), whether a coordinator's new one
//! is valid ([`new`]), and when a schedule next fires ([`Schedule::next`]).
//!
//! Must not know: the database, the clock. The shell stores each schedule
//! in `schedules` (its job as JSON in `spec`, `next_at` moved on in the
//! firing's own transaction, so a restart neither loses nor repeats a
//! firing) and carries the firing out: a broadcast goes through the same
//! path as `/broadcast` (a once key per broadcast and recipient, quiet
//! hours respected).

use crate::Ts;
use crate::coordinator::broadcast::{Audience, Texts};
use crate::coordinator::digest;
use crate::model::Lang;
use crate::programme::{Programme, Recurring};
use crate::schedule::Cron;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// What a schedule does each time it fires.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "snake_case")]
pub enum Job {
    /// A broadcast, as `/broadcast` sends it.
    Broadcast { audience: Audience, texts: Texts },
    /// A recurring event: each occurrence is made when its invitation is due.
    /// `label`: the title a coordinator wrote (data, not a Fluent key).
    Event {
        event: Recurring,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
    },
    /// The weekly digest to the programme's coordinators.
    Digest,
}

impl Job {
    /// Whether a firing at `at` does anything: broadcasts and events stop
    /// when the programme ends; the digest goes on (the follow-up survey
    /// and the report come after the end).
    pub fn acts(&self, p: &Programme, at: Ts) -> bool {
        match self {
            Job::Digest => true,
            Job::Broadcast { .. } | Job::Event { .. } => at < p.end_at(),
        }
    }

    /// `broadcast`, `event` or `digest`.
    pub fn code(&self) -> &'static str {
        match self {
            Job::Broadcast { .. } => "broadcast",
            Job::Event { .. } => "event",
            Job::Digest => "digest",
        }
    }
}

/// A schedule: its kind (the key in `schedules`: `digest`, `event:ID`,
/// `broadcast:ID` from the file, `sN` set by a coordinator), when and what.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    pub kind: String,
    pub cron: Cron,
    pub job: Job,
}

impl Schedule {
    /// The firing after `after` in zone `tz`: for an event, when its next
    /// occurrence is made (its start less the invitation's lead). A
    /// firing missed while the bot was down is made late, once: the next
    /// one counts from the firing just made (`after` is its `next_at`)
    /// for events, from `now` for the rest.
    pub fn next(&self, tz: Tz, after: Ts) -> Option<Ts> {
        match &self.job {
            Job::Event { event, .. } => event.next_making(tz, after),
            _ => self.cron.next_after(after, tz),
        }
    }
}

/// The schedules a programme file declares: the digest (`[digest] cron`,
/// else Monday 09:00), each `[[recurring]]` event and each
/// `[[recurring_broadcasts]]` entry. The file is validated, so each cron
/// reads; one that does not is left out.
pub fn declared(p: &Programme) -> Vec<Schedule> {
    let mut out = vec![];
    if let Ok(cron) = p.digest.cron.parse() {
        out.push(Schedule {
            kind: digest::KIND.into(),
            cron,
            job: Job::Digest,
        });
    }
    for r in &p.recurring {
        if let Ok(cron) = r.cron.parse() {
            out.push(Schedule {
                kind: r.schedule_kind(),
                cron,
                job: Job::Event {
                    event: r.clone(),
                    label: None,
                },
            });
        }
    }
    for b in &p.recurring_broadcasts {
        if let (Ok(cron), Some(audience)) = (b.cron.parse(), Audience::parse(&b.audience)) {
            out.push(Schedule {
                kind: format!("broadcast:{}", b.id),
                cron,
                job: Job::Broadcast {
                    audience,
                    texts: b.text.texts(),
                },
            });
        }
    }
    out
}

/// Why a recurring broadcast's audience cannot be used, if it cannot.
pub fn check_audience(audience: &str) -> Result<Audience, String> {
    match Audience::parse(audience) {
        Some(Audience::Profile { .. }) => {
            Err("a profile field cannot be chosen as an audience yet; use everyone, mentors, mentees, unmatched, at-risk, survey or event:ID".into())
        }
        Some(a) => Ok(a),
        None => Err(format!(
            "`{audience}` is not an audience; use everyone, mentors, mentees, unmatched, at-risk, survey or event:ID"
        )),
    }
}

/// Why a broadcast's texts cannot be sent, if they cannot: none, an empty
/// one, or one in a language the programme does not speak.
pub fn check_texts(texts: &Texts, langs: &[Lang]) -> Result<(), String> {
    if texts.is_empty() {
        return Err("write a text: one for all, or one per language".into());
    }
    for (lang, text) in texts {
        if text.trim().is_empty() {
            return Err("the text is empty: there is nothing to send".into());
        }
        if let Some(l) = lang
            && !langs.contains(l)
        {
            return Err(format!("`{l}` is not one of the programme's languages"));
        }
    }
    Ok(())
}

/// A coordinator's new schedule of kind `kind`, checked: the cron
/// expression reads, a broadcast has an audience and texts the programme
/// can use, and a recurring event has a length, a place and a lead that
/// fits before its next occurrence. A recurring event takes the
/// schedule's kind as its id (its occurrences are `KIND-MMDD`) and the
/// schedule's cron. `Err` says what is wrong (nothing is stored).
pub fn new(p: &Programme, kind: String, cron: &str, mut job: Job) -> Result<Schedule, String> {
    let cron: Cron = cron.parse()?;
    match &mut job {
        Job::Broadcast { audience, texts } => {
            check_audience(&audience.code())?;
            check_texts(texts, &p.languages)?;
        }
        Job::Event { event, label } => {
            event.id = kind.clone();
            event.cron = cron.source.clone();
            if event.duration_minutes == 0 || event.duration_minutes > 24 * 60 {
                return Err("an event lasts from 1 minute to 24 hours (--minutes)".into());
            }
            if event.place.trim().is_empty() {
                return Err("say where the event is: a place or a link (--place)".into());
            }
            if event.invite_days_before > 90 {
                return Err("invitations go out at most 90 days before (--invite-days)".into());
            }
            if label.as_deref().is_some_and(|l| l.trim().is_empty()) {
                *label = None;
            }
        }
        Job::Digest => {}
    }
    Ok(Schedule { kind, cron, job })
}

/// The kind a coordinator's `n`th schedule is stored under (`s1`, `s2`…),
/// except the digest, which has one per programme.
pub fn coordinator_kind(job: &Job, n: i64) -> String {
    match job {
        Job::Digest => digest::KIND.into(),
        _ => format!("s{n}"),
    }
}

/// The number in a coordinator's schedule kind (`s7` → 7).
pub fn coordinator_number(kind: &str) -> Option<i64> {
    kind.strip_prefix('s')?.parse().ok()
}

#[cfg(test)]
mod tests;
