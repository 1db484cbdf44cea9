//! Pair health and pair control: when a pair is at risk (the programme
//! file's `[health]` rules), the coordinator's `/pairs` pages, and what a
//! coordinator's pause, resume or end does.
//!
//! Decides: each risk rule; a pair's line (phase, meetings held and
//! target, last meeting, risks) with its control buttons; paging; that a
//! coordinator controls only their own programme's pairs.
//!
//! Must not know: the database, platforms, the clock (time is `now`).

use crate::Ts;
use crate::message::{Arg, Button, Msg};
use crate::model::Phase;
use crate::pair::{EndReason, Input, PairState, Status};
use crate::payload::{PairCtl, Payload};
use crate::programme::Programme;
use chrono::Duration;
use serde::{Deserialize, Serialize};

/// The `[health]` section: when a pair counts as at risk. Each rule can be
/// turned off (a day count of 0, or `false`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Health {
    /// No meeting held this many days after the intro.
    pub no_first_meeting_days: u32,
    /// No meeting for this many days after the last one.
    pub no_meeting_days: u32,
    /// This many nudges sent since the last meeting without a booking.
    pub unanswered_nudges: u32,
    /// A survey left unanswered this many days after it opened.
    pub survey_overdue_days: u32,
    /// An open flag puts the pair at risk.
    pub open_flag: bool,
    /// One side blocked the bot.
    pub unreachable: bool,
}

impl Default for Health {
    fn default() -> Health {
        Health {
            no_first_meeting_days: 21,
            no_meeting_days: 35,
            unanswered_nudges: 3,
            survey_overdue_days: 7,
            open_flag: true,
            unreachable: true,
        }
    }
}

/// Why a pair is at risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Risk {
    NoFirstMeeting,
    NoMeeting,
    UnansweredNudges,
    SurveyOverdue,
    OpenFlag,
    Unreachable,
}

impl Risk {
    pub fn code(self) -> &'static str {
        match self {
            Risk::NoFirstMeeting => "no-first-meeting",
            Risk::NoMeeting => "no-meeting",
            Risk::UnansweredNudges => "unanswered-nudges",
            Risk::SurveyOverdue => "survey-overdue",
            Risk::OpenFlag => "open-flag",
            Risk::Unreachable => "unreachable",
        }
    }
    pub fn key(self) -> String {
        format!("risk-{}", self.code())
    }
}

/// What the shell knows beside the pair's state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Facts {
    pub open_flag: bool,
    pub unreachable: bool,
}

/// The risks of a pair at `now`. A pair that ended, or whose programme
/// closed, has none; a paused pair only the flag and reachability ones.
pub fn risks(p: &Programme, s: &PairState, facts: Facts, now: Ts) -> Vec<Risk> {
    let h = &p.health;
    if s.ended() || s.phase >= Phase::Closed {
        return vec![];
    }
    let days = |n: u32| Duration::days(n.into());
    let mut out = vec![];
    if s.running() {
        let intro = p.intro_at().max(s.matched_at);
        if h.no_first_meeting_days > 0 && s.meetings_held == 0 && now >= intro + days(h.no_first_meeting_days) {
            out.push(Risk::NoFirstMeeting);
        }
        if h.no_meeting_days > 0
            && let Some(last) = s.last_meeting_at
            && s.booked.is_none()
            && now >= last + days(h.no_meeting_days)
        {
            out.push(Risk::NoMeeting);
        }
        if h.unanswered_nudges > 0 && s.booked.is_none() && u32::from(s.ladder_step) >= h.unanswered_nudges {
            out.push(Risk::UnansweredNudges);
        }
        if h.survey_overdue_days > 0
            && s.surveys
                .iter()
                .any(|r| r.finished_at.is_none() && !r.closed && now >= r.opened_at + days(h.survey_overdue_days))
        {
            out.push(Risk::SurveyOverdue);
        }
    }
    if h.open_flag && facts.open_flag {
        out.push(Risk::OpenFlag);
    }
    if h.unreachable && facts.unreachable {
        out.push(Risk::Unreachable);
    }
    out
}

/// One pair as the coordinator sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub id: i64,
    pub state: PairState,
    pub risks: Vec<Risk>,
}

/// Pairs per page in chat.
pub const PAGE: usize = 5;

fn status_key(s: &PairState) -> &'static str {
    match s.status {
        Status::Running => "pair-status-running",
        Status::Paused { .. } => "pair-status-paused",
        Status::EndedEarly { .. } => "pair-status-ended",
    }
}

/// A pair's line, without buttons (the CLI prints it; chat adds them).
pub fn line(p: &Programme, l: &Line) -> Msg {
    let s = &l.state;
    let mut msg = Msg::new(if l.risks.is_empty() {
        "pairs-line"
    } else {
        "pairs-line-risk"
    })
    .num("id", l.id)
    .str("mentee", s.mentee.name.clone())
    .str("mentor", s.mentor.name.clone())
    .key("phase", format!("phase-{}", s.phase.code().replace('_', "-")))
    .key("status", status_key(s))
    .num("held", s.meetings_held.into())
    .num("target", p.meetings.target.into())
    .num("met", i64::from(s.last_meeting_at.is_some()))
    .date("last", s.last_meeting_at.unwrap_or(s.matched_at));
    msg = msg.arg("risks", Arg::Keys(l.risks.iter().map(|r| r.key()).collect()));
    msg
}

/// One page of `/pairs`: a message per pair with its control buttons, then
/// where the page is with Previous / Next.
pub fn page(p: &Programme, lines: &[Line], page: u16) -> Vec<Msg> {
    if lines.is_empty() {
        return vec![Msg::new("pairs-none")];
    }
    let pages = lines.len().div_ceil(PAGE);
    let page = usize::from(page).min(pages - 1);
    let mut out: Vec<Msg> = lines
        .iter()
        .skip(page * PAGE)
        .take(PAGE)
        .map(|l| {
            let ctl = |key: &'static str, ctl| Button::new(key, Payload::PairCtl { pair: l.id, ctl });
            let buttons = match l.state.status {
                Status::Running => vec![
                    ctl("pairs-button-pause", PairCtl::Pause),
                    ctl("pairs-button-end", PairCtl::AskEnd),
                ],
                Status::Paused { .. } => vec![
                    ctl("pairs-button-resume", PairCtl::Resume),
                    ctl("pairs-button-end", PairCtl::AskEnd),
                ],
                Status::EndedEarly { .. } => vec![],
            };
            line(p, l).row(if l.state.phase >= Phase::Closed {
                vec![]
            } else {
                buttons
            })
        })
        .collect();
    let mut nav = vec![];
    if page > 0 {
        nav.push(Button::new(
            "pairs-button-previous",
            Payload::PairsPage(page as u16 - 1),
        ));
    }
    if page + 1 < pages {
        nav.push(Button::new("pairs-button-next", Payload::PairsPage(page as u16 + 1)));
    }
    out.push(
        Msg::new("pairs-page")
            .num("from", (page * PAGE + 1) as i64)
            .num("to", ((page + 1) * PAGE).min(lines.len()) as i64)
            .num("total", lines.len() as i64)
            .num("at-risk", lines.iter().filter(|l| !l.risks.is_empty()).count() as i64)
            .row(nav),
    );
    out
}

/// What a coordinator's control press does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Control {
    /// Step the pair with this input (both members are told by the pair).
    Step(Input, Msg),
    /// Only answer the coordinator.
    Reply(Msg),
    /// Rematch the pair's mentee (the shell runs the cohort's rematch,
    /// which says whether the mentee may have a new mentor).
    Rematch,
}

/// A coordinator of `mine` pressed a control on a pair of `programme`
/// (`None`: no such pair). Another programme's pair is "unknown", as a
/// missing one is.
pub fn control(programme: Option<&str>, mine: &str, pair: i64, ctl: PairCtl) -> Control {
    if programme != Some(mine) {
        return Control::Reply(Msg::new("pair-unknown"));
    }
    match ctl {
        PairCtl::Pause => Control::Step(Input::Pause { until: None }, Msg::new("pair-control-paused")),
        PairCtl::Resume => Control::Step(Input::Resume, Msg::new("pair-control-resumed")),
        PairCtl::AskEnd => Control::Reply(
            Msg::new("pair-end-ask").column(
                EndReason::ALL
                    .iter()
                    .map(|r| {
                        Button::new(
                            r.key(),
                            Payload::PairCtl {
                                pair,
                                ctl: PairCtl::End(*r),
                            },
                        )
                    })
                    .collect(),
            ),
        ),
        // No Rematch button here: the alert that the pair ended, to every
        // coordinator of the programme, carries it.
        PairCtl::End(reason) => Control::Step(
            Input::EndEarly { reason },
            Msg::new("pair-control-ended").key("reason", reason.key()),
        ),
        PairCtl::Rematch => Control::Rematch,
    }
}
