//! Editing a programme file while surveys are open never panics: a
//! question's options shortened or a question removed between asking and
//! answering gets a clear answer or is skipped. Explicit time, no I/O.

use bot_core::i18n::Catalog;
use bot_core::message::Msg;
use bot_core::pair::{self, Effect, Input, PairState, Person};
use bot_core::payload::Payload;
use bot_core::programme::{Programme, QuestionKind};
use bot_core::{Role, Ts};
use chrono::{NaiveDate, TimeZone};

fn programme() -> Programme {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/test-programme.toml");
    Programme::parse(path, &std::fs::read_to_string(path).unwrap(), Catalog::builtin()).unwrap()
}

fn at(m: u32, d: u32, h: u32) -> Ts {
    chrono_tz::Europe::Copenhagen
        .from_local_datetime(
            &NaiveDate::from_ymd_opt(2030, m, d)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap(),
        )
        .unwrap()
        .to_utc()
}

fn person(name: &str) -> Person {
    Person {
        name: name.into(),
        contact: None,
        tz: chrono_tz::Europe::Copenhagen,
        shares: false,
        profile: Default::default(),
    }
}

fn step(p: &Programme, s: &mut PairState, input: Input, now: Ts) -> Vec<Effect> {
    let (next, fx) = pair::step(p, s, input, now);
    *s = next;
    fx
}

fn run_until(p: &Programme, s: &mut PairState, until: Ts) -> Vec<Effect> {
    let mut all = vec![];
    while let Some(due) = s.next_due(p) {
        if due > until {
            break;
        }
        all.extend(step(p, s, Input::Tick, due));
    }
    all
}

fn press(p: &Programme, s: &mut PairState, payload: &str, now: Ts) -> Vec<Effect> {
    let payload = Payload::parse(payload).unwrap();
    step(
        p,
        s,
        Input::Button {
            from: Role::Mentee,
            payload,
        },
        now,
    )
}

fn to_mentee(fx: &[Effect]) -> Vec<Msg> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Send {
                to: Role::Mentee, msg, ..
            } => Some(msg.clone()),
            _ => None,
        })
        .collect()
}

/// The test programme with the mid-term's second question a ranking of
/// four options.
fn with_ranking() -> Programme {
    let mut p = programme();
    let q = &mut p.surveys.midterm.questions[1];
    q.kind = QuestionKind::Ranking;
    q.options.push("opt-topic-interview".into());
    assert_eq!(q.options.len(), 4);
    p
}

#[test]
fn a_ranking_shortened_while_half_ranked_is_asked_again_without_panicking() {
    let before = with_ranking();
    let mut s = PairState::new(&before, person("Amira"), person("Lars"), at(8, 1, 9));
    run_until(&before, &mut s, at(10, 21, 10));
    press(&before, &mut s, "ans:midterm:benefit:4", at(10, 21, 12));
    // She ranks the fourth option first…
    press(&before, &mut s, "ans:midterm:topics:3", at(10, 21, 12));
    // …and the coordinator cuts the question to two options.
    let mut after = before.clone();
    after.surveys.midterm.questions[1].options.truncate(2);
    // The reminder asks the question again, with the options there are now.
    let fx = run_until(&after, &mut s, at(10, 26, 0));
    let msgs = to_mentee(&fx);
    assert!(msgs.iter().any(|m| m.key == "survey-reminder"), "{msgs:?}");
    let question = msgs.last().unwrap();
    assert_eq!(question.buttons.iter().flatten().count(), 2, "{question:?}");
    // Ranking one ranks the other; only options that exist are stored.
    let fx = press(&after, &mut s, "ans:midterm:topics:1", at(10, 26, 9));
    let answer = fx.iter().find_map(|e| match e {
        Effect::Answer { question, value, .. } if question == "topics" => Some(format!("{value:?}")),
        _ => None,
    });
    let answer = answer.expect("the ranking is answered");
    assert!(
        answer.contains("opt-topic-cv") && answer.contains("opt-topic-competences"),
        "{answer}"
    );
    assert!(!answer.contains("opt-topic-interview"), "{answer}");
}

#[test]
fn a_question_removed_while_it_is_being_answered_gets_a_clear_answer() {
    let before = programme();
    let mut s = PairState::new(&before, person("Amira"), person("Lars"), at(8, 1, 9));
    run_until(&before, &mut s, at(10, 21, 10));
    press(&before, &mut s, "ans:midterm:benefit:4", at(10, 21, 12));
    press(&before, &mut s, "ans:midterm:topics:t2", at(10, 21, 12));
    let mut after = before.clone();
    after.surveys.midterm.questions.truncate(1);
    for payload in [
        "ans:midterm:topics:t0",
        "ans:midterm:topics:done",
        "ans:midterm:changes:skip",
    ] {
        let msgs = to_mentee(&press(&after, &mut s, payload, at(10, 22, 9)));
        assert_eq!(msgs.len(), 1, "{payload}: {msgs:?}");
        assert!(msgs[0].key.starts_with("survey-"), "{payload}: {msgs:?}");
    }
    let fx = run_until(&after, &mut s, at(11, 30, 0));
    assert!(!to_mentee(&fx).iter().any(|m| m.key == "survey-reminder"));
}
