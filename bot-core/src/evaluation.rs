//! The evaluation report: what a coordinator sends the funder.
//!
//! Decides: every figure, from the survey runs and answers, the pairs'
//! meetings, the flags and the pairs that faded out: response rates per
//! role and survey (people who finished of people the survey was sent to,
//! each person once: a mentor with two mentees counts once), the mean,
//! distribution and count of each scale question, choice shares (of those
//! who answered the question), rankings (top-3 counts and mean rank),
//! outcomes at follow-up, meetings against the target, flags by reason.
//! The figures come out as flat [`Figure`] rows, the one source of the CSV,
//! Markdown and HTML the shell writes.
//!
//! Must not know: the database, files, how a figure is worded.

use crate::model::Role;
use crate::programme::{Programme, QuestionKind, SurveyKind};
use crate::survey::AnswerValue;
use std::collections::{BTreeMap, BTreeSet};

/// One role's run through one survey, for one pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub survey: SurveyKind,
    pub role: Role,
    pub person: i64,
    pub finished: bool,
}

/// One stored answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub survey: SurveyKind,
    pub role: Role,
    pub question: String,
    pub value: AnswerValue,
}

/// Everything the report is made from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Data {
    pub runs: Vec<Run>,
    pub answers: Vec<Answer>,
    /// Meetings held, per pair.
    pub meetings: Vec<u32>,
    /// Participants' flags: the reason's code.
    pub flags: Vec<String>,
    /// Pairs that ended early because the contact faded out.
    pub faded: u32,
}

/// One figure: what it is (`section`, the survey, role, question and item
/// it belongs to) and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub section: &'static str,
    pub survey: Option<SurveyKind>,
    pub role: Option<Role>,
    pub question: Option<String>,
    /// An option's key, a scale value, a flag reason…
    pub item: Option<String>,
    pub value: f64,
}

fn fig(
    section: &'static str,
    survey: SurveyKind,
    role: Role,
    q: Option<&str>,
    item: Option<String>,
    value: f64,
) -> Figure {
    Figure {
        section,
        survey: Some(survey),
        role: Some(role),
        question: q.map(str::to_string),
        item,
        value,
    }
}

/// A share in whole percent.
pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 * 100.0 / whole as f64).round()
    }
}

/// A mean to one decimal.
fn mean1(sum: f64, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        (sum / n as f64 * 10.0).round() / 10.0
    }
}

const ROLES: [Role; 2] = [Role::Mentee, Role::Mentor];

/// All the figures, in the order the report shows them.
pub fn figures(p: &Programme, d: &Data) -> Vec<Figure> {
    let mut out = vec![];
    for kind in SurveyKind::ALL {
        for role in ROLES {
            let sent: BTreeSet<i64> = d
                .runs
                .iter()
                .filter(|r| r.survey == kind && r.role == role)
                .map(|r| r.person)
                .collect();
            if sent.is_empty() {
                continue;
            }
            let done: BTreeSet<i64> = d
                .runs
                .iter()
                .filter(|r| r.survey == kind && r.role == role && r.finished)
                .map(|r| r.person)
                .collect();
            out.push(fig("response_sent", kind, role, None, None, sent.len() as f64));
            out.push(fig("response_answered", kind, role, None, None, done.len() as f64));
            out.push(fig(
                "response_rate",
                kind,
                role,
                None,
                None,
                percent(done.len(), sent.len()),
            ));
        }
    }
    for kind in SurveyKind::ALL {
        let plan = p.survey(kind);
        for q in plan.questions {
            for role in ROLES {
                let values: Vec<&AnswerValue> = d
                    .answers
                    .iter()
                    .filter(|a| a.survey == kind && a.role == role && a.question == q.id)
                    .map(|a| &a.value)
                    .filter(|v| !matches!(v, AnswerValue::Skipped))
                    .collect();
                if values.is_empty() {
                    continue;
                }
                question(&mut out, kind, role, q, &values);
            }
        }
    }
    if !d.meetings.is_empty() {
        let target = p.meetings.target as usize;
        let whole = |s, v| Figure {
            section: s,
            survey: None,
            role: None,
            question: None,
            item: None,
            value: v,
        };
        out.push(whole("meetings_target", target as f64));
        out.push(whole(
            "meetings_mean",
            mean1(d.meetings.iter().map(|m| f64::from(*m)).sum(), d.meetings.len()),
        ));
        let reached = d.meetings.iter().filter(|m| **m as usize >= target).count();
        out.push(whole("meetings_reached_target", reached as f64));
        out.push(whole(
            "meetings_reached_target_percent",
            percent(reached, d.meetings.len()),
        ));
        out.push(whole("pairs", d.meetings.len() as f64));
        out.push(whole("pairs_faded", f64::from(d.faded)));
    }
    let mut by_reason: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &d.flags {
        *by_reason.entry(f.as_str()).or_default() += 1;
    }
    for (reason, n) in by_reason {
        out.push(Figure {
            section: "flags",
            survey: None,
            role: None,
            question: None,
            item: Some(reason.to_string()),
            value: n as f64,
        });
    }
    out
}

fn question(
    out: &mut Vec<Figure>,
    kind: SurveyKind,
    role: Role,
    q: &crate::programme::Question,
    values: &[&AnswerValue],
) {
    let id = Some(q.id.as_str());
    let n = values.len();
    match q.kind {
        QuestionKind::Scale => {
            let scores: Vec<u8> = values
                .iter()
                .filter_map(|v| match v {
                    AnswerValue::Scale(s) => Some(*s),
                    _ => None,
                })
                .collect();
            out.push(fig("scale_count", kind, role, id, None, scores.len() as f64));
            let sum: f64 = scores.iter().map(|s| f64::from(*s)).sum();
            out.push(fig("scale_mean", kind, role, id, None, mean1(sum, scores.len())));
            for v in 1..=5u8 {
                let c = scores.iter().filter(|s| **s == v).count();
                out.push(fig("scale_distribution", kind, role, id, Some(v.to_string()), c as f64));
            }
        }
        QuestionKind::Single | QuestionKind::Outcome | QuestionKind::Multi => {
            let section = match q.kind {
                QuestionKind::Outcome => "outcome_share",
                QuestionKind::Multi => "multi_share",
                _ => "single_share",
            };
            out.push(fig("answered", kind, role, id, None, n as f64));
            let mut options: Vec<String> = q.options.clone();
            let chosen = |v: &AnswerValue| -> Vec<String> {
                match v {
                    AnswerValue::Choice(c) => vec![c.clone()],
                    AnswerValue::Choices(cs) => cs.clone(),
                    _ => vec![],
                }
            };
            // Options the question does not list (an outcome's are the
            // answers given) follow in a fixed order, whatever the order of
            // the answers.
            let mut extra = std::collections::BTreeSet::new();
            for v in values {
                for c in chosen(v) {
                    if !options.contains(&c) {
                        extra.insert(c);
                    }
                }
            }
            options.extend(extra);
            for o in options {
                let c = values.iter().filter(|v| chosen(v).contains(&o)).count();
                out.push(fig(section, kind, role, id, Some(o), percent(c, n)));
            }
        }
        QuestionKind::Ranking => {
            out.push(fig("answered", kind, role, id, None, n as f64));
            for o in &q.options {
                let ranks: Vec<usize> = values
                    .iter()
                    .filter_map(|v| match v {
                        AnswerValue::Ranking(r) => r.iter().position(|x| x == o).map(|i| i + 1),
                        _ => None,
                    })
                    .collect();
                let top3 = ranks.iter().filter(|r| **r <= 3).count();
                out.push(fig("ranking_top3", kind, role, id, Some(o.clone()), top3 as f64));
                let sum: f64 = ranks.iter().map(|r| *r as f64).sum();
                out.push(fig(
                    "ranking_mean_rank",
                    kind,
                    role,
                    id,
                    Some(o.clone()),
                    mean1(sum, ranks.len()),
                ));
            }
        }
        QuestionKind::Text => {
            out.push(fig("answered", kind, role, id, None, n as f64));
        }
    }
}

/// The figure of `section` for this survey, role, question and item.
pub fn find(
    figures: &[Figure],
    section: &str,
    survey: Option<SurveyKind>,
    role: Option<Role>,
    question: Option<&str>,
    item: Option<&str>,
) -> Option<f64> {
    figures
        .iter()
        .find(|f| {
            f.section == section
                && f.survey == survey
                && f.role == role
                && f.question.as_deref() == question
                && f.item.as_deref() == item
        })
        .map(|f| f.value)
}

/// `/report` in chat: the final survey's response rates and overall
/// benefit in a sentence, with the benefit chart attached.
pub fn summary(p: &Programme, figures: &[Figure]) -> crate::message::Msg {
    let f = |section, role, q: Option<&str>| find(figures, section, Some(SurveyKind::Final), Some(role), q, None);
    let one = |v: Option<f64>| v.map(|v| format!("{v:.1}")).unwrap_or_else(|| "–".into());
    crate::message::Msg::new("report-summary")
        .str("programme", p.name.clone())
        .str("id", p.id.clone())
        .num("mentees", f("response_rate", Role::Mentee, None).unwrap_or(0.0) as i64)
        .num("mentors", f("response_rate", Role::Mentor, None).unwrap_or(0.0) as i64)
        .str("benefit-mentee", one(f("scale_mean", Role::Mentee, Some("benefit"))))
        .str("benefit-mentor", one(f("scale_mean", Role::Mentor, Some("benefit"))))
        .attach(crate::message::Attachment::BenefitChart {
            programme: p.id.clone(),
        })
}
