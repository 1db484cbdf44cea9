//! Survey progress for the coordinator: while a survey is open, its
//! response rate so far per role, and the one extra reminder to those who
//! have not answered.
//!
//! Decides: which surveys are open at `now` (from the programme's plan:
//! opened and not past the deadline), the progress message with its
//! reminder button, and whether a reminder may go now.
//!
//! Must not know: the database, platforms, the clock (time is `now`).

use crate::Ts;
use crate::message::{Button, Msg};
use crate::model::Role;
use crate::payload::Payload;
use crate::programme::{Programme, SurveyKind};

/// How far one role is with one survey, as the shell counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub survey: SurveyKind,
    pub role: Role,
    /// Participants the survey was opened for.
    pub asked: i64,
    /// Participants who finished it.
    pub answered: i64,
}

/// The surveys open at `now`, in programme order.
pub fn open_now(p: &Programme, now: Ts) -> Vec<SurveyKind> {
    SurveyKind::ALL
        .into_iter()
        .filter(|k| {
            let plan = p.survey(*k);
            plan.opens <= now && now < plan.deadline()
        })
        .collect()
}

fn name_key(kind: SurveyKind) -> String {
    format!("survey-name-{}", kind.code().replace('_', "-"))
}

/// Percent, rounded; 0 when nobody was asked.
pub fn percent(answered: i64, asked: i64) -> i64 {
    if asked <= 0 {
        0
    } else {
        (answered * 100 + asked / 2) / asked
    }
}

/// One message per survey open at `now`: each role's answers so far, and
/// (while someone has not answered) the button that reminds them now.
pub fn progress(p: &Programme, rows: &[Progress], now: Ts) -> Vec<Msg> {
    open_now(p, now)
        .into_iter()
        .map(|kind| {
            let of = |role| {
                rows.iter()
                    .find(|r| r.survey == kind && r.role == role)
                    .copied()
                    .unwrap_or(Progress {
                        survey: kind,
                        role,
                        asked: 0,
                        answered: 0,
                    })
            };
            let (mentees, mentors) = (of(Role::Mentee), of(Role::Mentor));
            let waiting = mentees.asked - mentees.answered + mentors.asked - mentors.answered;
            let msg = Msg::new("survey-progress")
                .key("survey", name_key(kind))
                .num("mentees-asked", mentees.asked)
                .num("mentees-answered", mentees.answered)
                .num("mentees-percent", percent(mentees.answered, mentees.asked))
                .num("mentors-asked", mentors.asked)
                .num("mentors-answered", mentors.answered)
                .num("mentors-percent", percent(mentors.answered, mentors.asked))
                .num("waiting", waiting)
                .time("deadline", p.survey(kind).deadline());
            if waiting > 0 {
                msg.row(vec![Button::with_label(
                    Msg::new("survey-button-remind").num("waiting", waiting),
                    Payload::SurveyRemind(kind),
                )])
            } else {
                msg
            }
        })
        .collect()
}

/// Whether the extra reminder of `kind` may go at `now`: only while the
/// survey is open.
pub fn may_remind(p: &Programme, kind: SurveyKind, now: Ts) -> Result<(), Msg> {
    if open_now(p, now).contains(&kind) {
        Ok(())
    } else {
        Err(Msg::new("survey-remind-closed").key("survey", name_key(kind)))
    }
}

/// What the coordinator hears after the reminder: how many were reminded
/// now (each person at most once).
pub fn reminded(kind: SurveyKind, count: i64) -> Msg {
    Msg::new("survey-reminded")
        .key("survey", name_key(kind))
        .num("count", count)
}
