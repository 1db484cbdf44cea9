use super::*;
use crate::coordinator::events::{self, Invitee, Reminder};
use crate::i18n::Catalog;
use chrono::TimeZone;

fn programme() -> Programme {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/test-programme.toml");
    Programme::parse(path, &std::fs::read_to_string(path).unwrap(), Catalog::builtin()).unwrap()
}

fn at(m: u32, d: u32, h: u32) -> Ts {
    chrono::Utc.with_ymd_and_hms(2030, m, d, h, 0, 0).unwrap()
}

/// Runs inputs through the dialogue, keeping the saved draft; returns the
/// last step's effects and the draft.
fn run(p: &Programme, mut d: Option<Draft>, inputs: Vec<Input>, now: Ts) -> (Vec<Effect>, Option<Draft>) {
    let mut last = vec![];
    for i in inputs {
        last = step(p, d.clone(), i, now);
        for fx in &last {
            match fx {
                Effect::Save(x) => d = Some(x.clone()),
                Effect::Clear => d = None,
                _ => {}
            }
        }
    }
    (last, d)
}

fn text(t: &str) -> Input {
    Input::Text(t.into())
}

fn replies(fx: &[Effect]) -> Vec<String> {
    fx.iter()
        .filter_map(|f| match f {
            Effect::Reply(m) => Some(m.key.to_string()),
            _ => None,
        })
        .collect()
}

fn full() -> Vec<Input> {
    vec![
        Input::Press(Ev::New),
        Input::Press(Ev::Kind(EventKind::Workshop)),
        text("Career workshop"),
        text("2030-10-03 17:00"),
        text("19:30"),
        text("Nobelparken, room 2"),
        Input::Press(Ev::Audience(Audience::Mentees)),
        text("2030-10-01"),
    ]
}

#[test]
fn a_new_event_goes_kind_title_start_end_place_audience_deadline_then_preview_and_create() {
    let p = programme();
    let now = at(9, 20, 9);
    let (fx, d) = run(&p, None, full(), now);
    assert_eq!(replies(&fx), vec!["event-preview"]);
    let (fx, d) = run(&p, d, vec![Input::Press(Ev::Save)], now);
    assert_eq!(d, None);
    let Some(Effect::Create(e)) = fx.iter().find(|f| matches!(f, Effect::Create(_))) else {
        panic!("{fx:?}")
    };
    assert_eq!(e.id, "workshop-1003");
    assert_eq!(e.label.as_deref(), Some("Career workshop"));
    assert_eq!(e.roles, vec![Role::Mentee]);
    assert_eq!(e.place, "Nobelparken, room 2");
    // 17:00 in Copenhagen (summer time) is 15:00 UTC; the invitation goes today.
    let p2 = p.with_events([p.events.clone(), vec![e.clone()]].concat());
    assert_eq!(p2.event_starts_at(e), at(10, 3, 15));
    assert!(p2.event_invite_at(e) <= now);
    // Answers are due by the end of 1 October, local time.
    assert_eq!(p2.event_rsvp_deadline(e), at(10, 1, 22));
}

#[test]
fn bad_answers_are_answered_and_change_nothing() {
    let p = programme();
    let now = at(9, 20, 9);
    let (_, d) = run(
        &p,
        None,
        vec![
            Input::Press(Ev::New),
            Input::Press(Ev::Kind(EventKind::Other)),
            text("Gala"),
        ],
        now,
    );
    let before = d.clone();
    for (input, why) in [
        ("tomorrow at five", "event-bad-start"),
        ("2030-09-01 17:00", "event-bad-start-past"),
        ("   ", "event-bad-start"),
    ] {
        let (fx, after) = run(&p, d.clone(), vec![text(input)], now);
        assert_eq!(replies(&fx)[0], why, "{input}");
        assert!(!fx.iter().any(|f| matches!(f, Effect::Save(_))), "{input}");
        assert_eq!(after, before);
    }
    let (_, d) = run(&p, d, vec![text("2030-10-03 17:00")], now);
    let (fx, d2) = run(&p, d.clone(), vec![text("16:00")], now);
    assert_eq!(replies(&fx)[0], "event-bad-end");
    assert_eq!(d2, d);
    let (_, d) = run(&p, d, vec![text("18:00"), text("\u{7}")], now);
    assert_eq!(d.as_ref().unwrap().step, Step::Place);
    let (_, d) = run(
        &p,
        d,
        vec![text("Aula"), Input::Press(Ev::Audience(Audience::Everyone))],
        now,
    );
    // A deadline after the event, or past, is refused.
    let (fx, d) = run(&p, d, vec![text("2030-10-04")], now);
    assert_eq!(replies(&fx)[0], "event-bad-deadline-after");
    assert_eq!(d.as_ref().unwrap().step, Step::Deadline);
    let (fx, d) = run(&p, d, vec![text("2030-09-01")], now);
    assert_eq!(replies(&fx)[0], "event-bad-deadline-past");
    let (fx, _) = run(&p, d, vec![text("2030-10-02")], now);
    assert_eq!(replies(&fx), vec!["event-preview"]);
}

#[test]
fn cancelling_the_dialogue_creates_nothing_and_a_stale_press_is_expired() {
    let p = programme();
    let now = at(9, 20, 9);
    let mut inputs = full();
    inputs.push(Input::Press(Ev::Cancel));
    let (fx, d) = run(&p, None, inputs, now);
    assert_eq!(d, None);
    assert_eq!(replies(&fx), vec!["event-nothing-changed"]);
    let (fx, _) = run(&p, None, vec![Input::Press(Ev::Save)], now);
    assert_eq!(replies(&fx), vec!["button-expired"]);
}

#[test]
fn changing_an_event_keeps_what_is_not_rewritten_and_keeps_its_id() {
    let p = programme();
    let now = at(8, 1, 9);
    let keep = || Input::Press(Ev::Keep);
    let (fx, _) = run(
        &p,
        None,
        vec![
            Input::Press(Ev::Edit("kickoff".into())),
            keep(),
            keep(),
            text("2030-09-05 18:00"),
            text("20:00"),
            keep(),
            keep(),
            keep(),
            Input::Press(Ev::Save),
        ],
        now,
    );
    let Some(Effect::Change(e)) = fx.iter().find(|f| matches!(f, Effect::Change(_))) else {
        panic!("{fx:?}")
    };
    assert_eq!(e.id, "kickoff");
    assert_eq!(e.kind, EventKind::Kickoff);
    assert_eq!(e.place, "Nobelparken");
    assert_eq!(e.starts, NaiveTime::from_hms_opt(18, 0, 0).unwrap());
    assert_eq!(e.invite_days_before, 17);
    // A past event cannot be changed or cancelled.
    let late = at(9, 6, 9);
    for ev in [
        Ev::Edit("kickoff".into()),
        Ev::Drop("kickoff".into()),
        Ev::DropConfirmed("kickoff".into()),
    ] {
        assert_eq!(replies(&step(&p, None, Input::Press(ev), late)), vec!["button-expired"]);
    }
    // Cancelling asks first.
    let fx = step(&p, None, Input::Press(Ev::Drop("closing".into())), now);
    assert_eq!(replies(&fx), vec!["event-drop-confirm"]);
    assert_eq!(
        step(&p, None, Input::Press(Ev::DropConfirmed("closing".into())), now),
        vec![Effect::Cancel("closing".into())]
    );
}

#[test]
fn ids_are_unique() {
    let d = NaiveDate::from_ymd_opt(2030, 9, 5).unwrap();
    assert_eq!(new_id(EventKind::Workshop, d, &[]), "workshop-0905");
    let taken = vec!["workshop-0905".to_string(), "workshop-0905-2".to_string()];
    assert_eq!(new_id(EventKind::Workshop, d, &taken), "workshop-0905-3");
    assert!(crate::payload::valid_id(&new_id(EventKind::Interviews, d, &taken)));
}

fn invitee(id: i64, invited_at: Ts, going: Option<bool>) -> Invitee {
    Invitee {
        participant: id,
        invited_at,
        going,
        asked: false,
        told_tomorrow: false,
    }
}

/// Steps hour by hour from `from` to `to`, recording each reminder given
/// and marking it as queued, like the shell.
fn remind_over(p: &Programme, e: &Event, people: &mut [Invitee], from: Ts, to: Ts) -> Vec<(i64, Reminder, Ts)> {
    let mut got = vec![];
    let mut t = from;
    while t <= to {
        for (who, r) in events::reminders(p, e, people, t) {
            got.push((who, r, t));
            let i = people.iter_mut().find(|i| i.participant == who).unwrap();
            match r {
                Reminder::Answer => i.asked = true,
                Reminder::Tomorrow => i.told_tomorrow = true,
            }
        }
        t += Duration::hours(1);
    }
    got
}

#[test]
fn reminders_go_to_the_right_people_at_the_right_times_and_nobody_twice() {
    let p = programme();
    let e = p.events.iter().find(|e| e.id == "kickoff").unwrap().clone();
    // Invited 19 August at 10:00 local (08:00 UTC); the event is 5 September
    // 17:00 local (15:00 UTC); answers due by the end of 3 September.
    let invited = at(8, 19, 8);
    let deadline = p.event_rsvp_deadline(&e);
    assert_eq!(deadline, at(9, 3, 22));
    let mut people = vec![
        invitee(1, invited, None),        // never answers
        invitee(2, invited, Some(true)),  // coming
        invitee(3, invited, Some(false)), // not coming
    ];
    let got = remind_over(&p, &e, &mut people, invited, at(9, 6, 0));
    assert_eq!(
        got,
        vec![
            // Two days before the deadline.
            (1, Reminder::Answer, at(9, 1, 22)),
            // The day before, at the hour it starts.
            (2, Reminder::Tomorrow, at(9, 4, 15)),
        ]
    );
    // Someone answering yes after their reminder to answer gets the
    // day-before one too, once.
    let mut people = vec![invitee(4, invited, None)];
    let first = remind_over(&p, &e, &mut people, invited, at(9, 2, 0));
    people[0].going = Some(true);
    let rest = remind_over(&p, &e, &mut people, at(9, 2, 0), at(9, 6, 0));
    assert_eq!(first, vec![(4, Reminder::Answer, at(9, 1, 22))]);
    assert_eq!(rest, vec![(4, Reminder::Tomorrow, at(9, 4, 15))]);
    // Invited late (matched a day before the deadline): reminded halfway.
    let late = at(9, 2, 22);
    let mut people = vec![invitee(5, late, None)];
    let got = remind_over(&p, &e, &mut people, late, at(9, 6, 0));
    assert_eq!(got, vec![(5, Reminder::Answer, at(9, 3, 10))]);
    // Invited after the deadline: no reminder to answer.
    let mut people = vec![invitee(6, at(9, 4, 8), None)];
    assert_eq!(remind_over(&p, &e, &mut people, at(9, 4, 8), at(9, 6, 0)), vec![]);
    // The scheduler knows when to look next.
    let people = vec![invitee(1, invited, None), invitee(2, invited, Some(true))];
    assert_eq!(events::next_reminder_at(&p, &e, &people), Some(at(9, 1, 22)));
}

#[test]
fn an_event_can_be_for_the_unmatched_or_for_pairs_at_risk_in_chat_on_the_cli_and_in_the_file() {
    use crate::programme::Among;
    let p = programme();
    let now = at(9, 20, 9);
    // In chat: the audience question offers both, and the choice is kept.
    let mut inputs = full();
    inputs.truncate(6);
    let (fx, d) = run(&p, None, inputs, now);
    let ask = fx
        .iter()
        .find_map(|f| match f {
            Effect::Reply(m) if m.key == "event-ask-audience" => Some(m.clone()),
            _ => None,
        })
        .expect("asked who is invited");
    let payloads: Vec<String> = ask.buttons.iter().flatten().map(|b| b.payload.encode()).collect();
    assert!(payloads.contains(&"ev:aud:unmatched".to_string()), "{payloads:?}");
    assert!(payloads.contains(&"ev:aud:at-risk".to_string()), "{payloads:?}");
    assert_eq!(
        crate::payload::Payload::parse("ev:aud:at-risk"),
        Some(crate::payload::Payload::Event(Ev::Audience(Audience::AtRisk)))
    );
    let (_, d) = run(
        &p,
        d,
        vec![Input::Press(Ev::Audience(Audience::AtRisk)), text("2030-10-01")],
        now,
    );
    let (fx, _) = run(&p, d, vec![Input::Press(Ev::Save)], now);
    let Some(Effect::Create(e)) = fx.iter().find(|f| matches!(f, Effect::Create(_))) else {
        panic!("{fx:?}")
    };
    assert_eq!(e.audience, Among::AtRisk);
    // On the command line.
    let f = Fields {
        kind: Some("workshop".into()),
        title: Some("Still waiting?".into()),
        start: Some("2030-10-03 17:00".into()),
        end: Some("19:00".into()),
        place: Some("Room 2".into()),
        audience: Some("unmatched".into()),
        rsvp_by: None,
    };
    assert_eq!(from_fields(&p, None, &f, now).unwrap().audience, Among::Unmatched);
    let everyone = Fields {
        audience: None,
        ..f.clone()
    };
    assert_eq!(from_fields(&p, None, &everyone, now).unwrap().audience, Among::Pairs);
    let bad = Fields {
        audience: Some("friends".into()),
        ..f
    };
    assert_eq!(from_fields(&p, None, &bad, now), Err("event-bad-audience"));
    // In a programme file.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/test-programme.toml");
    let src = std::fs::read_to_string(path).unwrap().replacen(
        "invite_days_before = 17",
        "invite_days_before = 17\naudience = \"unmatched\"",
        1,
    );
    let p = Programme::parse("t.toml", &src, Catalog::builtin()).unwrap();
    assert_eq!(p.events[0].audience, Among::Unmatched);
    // A pair is invited to an event for pairs at risk only while at risk.
    let person = |name: &str| crate::pair::Person {
        name: name.into(),
        contact: None,
        tz: p.time_zone,
        shares: false,
        profile: Default::default(),
    };
    let mut s = crate::pair::PairState::new(&p, person("Amira"), person("Lars"), now);
    let e = Event {
        audience: Among::AtRisk,
        ..p.events[0].clone()
    };
    assert!(!s.invites_to(&e));
    s.at_risk = true;
    assert!(s.invites_to(&e));
    let unmatched = Event {
        audience: Among::Unmatched,
        ..e
    };
    assert!(!s.invites_to(&unmatched), "a pair is never unmatched");
}
