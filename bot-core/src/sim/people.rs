//! How simulated mentees and mentors answer the bot: when they book, what
//! they press, which surveys they finish.

use super::{Behaviour, SimPair};
use crate::Ts;
use crate::message::Msg;
use crate::model::Role;
use crate::pair::{Input, PairState};
use crate::payload::{Payload, Press};
use crate::programme::{Programme, SurveyKind};
use chrono::{Datelike, Duration};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// An action decided earlier may no longer make sense when its time comes
/// (a booking when a meeting got booked meanwhile).
pub(super) fn still_relevant(s: &PairState, input: &Input) -> bool {
    match input {
        Input::Text { text, .. } if text.starts_with("/booked") => s.booked.is_none(),
        _ => true,
    }
}

fn hours(h: i64) -> Duration {
    Duration::hours(h)
}

/// How a simulated person answers a message, if they do.
pub(super) fn react(
    p: &Programme,
    sp: &SimPair,
    role: Role,
    msg: &Msg,
    now: Ts,
    rng: &mut ChaCha8Rng,
) -> Option<(Duration, Input)> {
    if role == Role::Coordinator {
        return None;
    }
    let s = &sp.state;
    let silent = role == Role::Mentee && sp.behaviour == Behaviour::Ghosting && s.meetings_held >= sp.ghost_after;
    if silent {
        return None;
    }
    let slow = role == Role::Mentee && sp.behaviour == Behaviour::Slow;
    let delay = if slow {
        hours(rng.random_range(20..60))
    } else {
        hours(rng.random_range(1..8))
    };
    let press = |payload: &Payload| Input::Button {
        from: role,
        payload: payload.clone(),
    };
    let payloads: Vec<&Payload> = msg.buttons.iter().flatten().map(|b| &b.payload).collect();
    // The press an answer button makes.
    let value = |p: &Payload| match p {
        Payload::Answer { press, .. } => Some(*press),
        _ => None,
    };
    let key: &str = &msg.key;
    match key {
        "intro-mentee"
        | "meeting-after-mentee"
        | "nudge-mentee"
        | "nudge-mentee-again"
        | "nudge-keep-going-mentee"
        | "meeting-missed-ack"
            if role == Role::Mentee =>
        {
            // Slow mentees book only when reminded.
            if slow && !key.starts_with("nudge") {
                return None;
            }
            // After the target, only a reminder brings another meeting.
            if (s.meetings_held >= p.meetings.target && key != "nudge-keep-going-mentee") || s.booked.is_some() {
                return None;
            }
            // At the rhythm the pair agreed.
            let base = s
                .last_meeting_at
                .map(|t| t + Duration::days(s.rhythm_days(p).into()))
                .unwrap_or(p.start_at());
            let earliest = now + delay + Duration::days(2);
            let day = base.max(earliest) + Duration::days(rng.random_range(0..4));
            let mut local = day.with_timezone(&s.mentee.tz).date_naive();
            // Meetings fall on weekdays.
            while local.weekday().number_from_monday() > 5 {
                local = local.succ_opt()?;
            }
            if p.local(local, chrono::NaiveTime::from_hms_opt(17, 0, 0)?) >= p.end_at() {
                return None;
            }
            let text = format!("/booked {} 17:00", local.format("%Y-%m-%d"));
            Some((delay, Input::Text { from: role, text }))
        }
        "agree-goals" => {
            let goals = [
                "Understand which jobs my degree leads to, and improve my CV",
                "Build a network in my field and prepare for interviews",
                "Find out how my competences fit small and medium-sized companies",
            ];
            Some((
                delay,
                Input::Text {
                    from: role,
                    text: goals[rng.random_range(0..goals.len())].into(),
                },
            ))
        }
        "agree-rhythm" | "agree-format" | "agree-limits" => payloads.first().map(|p| (hours(1), press(p))),
        "event-invite" => {
            let yes = rng.random_bool(0.8);
            payloads.get(if yes { 0 } else { 1 }).map(|p| (delay, press(p)))
        }
        "meeting-after-mentee" | "meeting-after-mentor" => {
            if rng.random_bool(0.5) {
                payloads.get(rng.random_range(0..2)).map(|p| (delay, press(p)))
            } else {
                None
            }
        }
        "survey-question" | "survey-question-ranking-progress" => {
            let run = s
                .surveys
                .iter()
                .find(|r| r.role == role && r.finished_at.is_none() && !r.closed)?;
            if !answers_survey(sp, role, run.kind, now) {
                return None;
            }
            if slow && !run.reminded {
                return None;
            }
            let d = if run.question == 0 {
                delay
            } else {
                Duration::minutes(rng.random_range(1..4))
            };
            if payloads.iter().all(|p| value(p) == Some(Press::Skip)) {
                let text = [
                    "It has been useful to talk about my options.",
                    "More structure at the first meeting.",
                    "Good match.",
                ];
                return Some((
                    d,
                    Input::Text {
                        from: role,
                        text: text[rng.random_range(0..text.len())].into(),
                    },
                ));
            }
            let scale =
                payloads.len() >= 5 && (1..=5).all(|v| payloads.iter().any(|p| value(p) == Some(Press::Value(v))));
            let choice = if let Some(done) = payloads.iter().find(|p| value(p) == Some(Press::Done)) {
                // Multi-choice: pick one, then done.
                let selected = msg
                    .buttons
                    .iter()
                    .flatten()
                    .any(|b| b.label.key == "survey-option-selected");
                let toggles: Vec<&&Payload> = payloads
                    .iter()
                    .filter(|p| matches!(value(p), Some(Press::Toggle(_))))
                    .collect();
                if selected {
                    *done
                } else {
                    *toggles[rng.random_range(0..toggles.len())]
                }
            } else if scale && key == "survey-question" {
                // Mostly 4s and 5s, as the real programmes report.
                let v: u8 = [3, 4, 4, 5, 5, 5][rng.random_range(0..6)];
                *payloads
                    .iter()
                    .find(|p| value(p) == Some(Press::Value(v)))
                    .expect("a scale has 1-5")
            } else {
                let answers: Vec<&&Payload> = payloads.iter().filter(|p| value(p) != Some(Press::Skip)).collect();
                *answers[rng.random_range(0..answers.len())]
            };
            Some((d, press(choice)))
        }
        _ => None,
    }
}

/// Who finishes which survey: for each survey and role, the programme's
/// expected share of the pairs, drawn at random. Ghosting mentees stop
/// answering, so they are the last drawn.
pub(super) fn draw_responders(p: &Programme, pairs: &mut [SimPair], rng: &mut ChaCha8Rng) {
    let n = pairs.len();
    for kind in SurveyKind::ALL {
        for role in [Role::Mentee, Role::Mentor] {
            let k = (p.simulation.rate(kind, role) * n as f64).round() as usize;
            let mut order: Vec<usize> = (0..n).collect();
            // Fisher–Yates with the run's generator.
            for i in (1..n).rev() {
                order.swap(i, rng.random_range(0..=i));
            }
            if role == Role::Mentee {
                order.sort_by_key(|i| pairs[*i].behaviour == Behaviour::Ghosting);
            }
            for &i in order.iter().take(k) {
                pairs[i].responds.push((kind, role));
            }
        }
    }
}

/// Whether this participant answers this survey at all (see
/// [`draw_responders`]).
fn answers_survey(sp: &SimPair, role: Role, kind: SurveyKind, _now: Ts) -> bool {
    sp.responds.contains(&(kind, role))
}
