use super::*;
use crate::i18n::Catalog;
use crate::message::Arg;
use crate::model::Phase;
use crate::pair::{Awaiting, Person};
use crate::programme::Programme;
use chrono::TimeZone;

fn programme() -> Programme {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/test-programme.toml");
    Programme::parse(path, &std::fs::read_to_string(path).unwrap(), Catalog::builtin()).unwrap()
}

fn now() -> Ts {
    chrono::Utc.with_ymd_and_hms(2030, 10, 1, 12, 0, 0).unwrap()
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

fn pair(mentee: &str, mentor: &str) -> PairState {
    let mut s = PairState::new(&programme(), person(mentee), person(mentor), now());
    s.phase = Phase::FirstMeeting;
    s
}

fn mentor() -> Writer {
    Writer {
        role: Role::Mentor,
        name: "Lars".into(),
    }
}

fn mentee() -> Writer {
    Writer {
        role: Role::Mentee,
        name: "Amira".into(),
    }
}

fn cx<'a>(writer: &'a Writer, pairs: &'a [(i64, PairState)], held: Option<&'a Held>) -> Context<'a> {
    Context {
        enabled: true,
        writer,
        pairs,
        held,
    }
}

fn text(t: &str) -> Input {
    Input::Text(t.into())
}

fn reply_key(fx: &[Effect]) -> Option<&str> {
    fx.iter().find_map(|e| match e {
        Effect::Reply(m) => Some(m.key.as_ref()),
        _ => None,
    })
}

fn sends(fx: &[Effect]) -> Vec<(i64, Role, Msg)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Send { pair, to, msg } => Some((*pair, *to, msg.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn text_goes_to_the_other_member_labelled_with_the_writers_name() {
    let pairs = [(7, pair("Amira", "Lars"))];
    let fx = step(cx(&mentee(), &pairs, None), text("Can we meet Thursday?"), now());
    let [(7, Role::Mentor, msg)] = &sends(&fx)[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(msg.key, MESSAGE_KEY);
    assert_eq!(msg.get("name"), Some(&Arg::Str("Amira".into())));
    assert_eq!(msg.get("text"), Some(&Arg::Str("Can we meet Thursday?".into())));
    // No confirmation, no held message: it is a conversation.
    assert_eq!(fx.len(), 1);
    // And back.
    let fx = step(cx(&mentor(), &pairs, None), text("Yes, 17:00"), now());
    let [(7, Role::Mentee, msg)] = &sends(&fx)[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(msg.get("name"), Some(&Arg::Str("Lars".into())));
}

#[test]
fn an_answer_the_pair_waits_for_goes_to_the_pair_not_the_other_member() {
    let mut waiting = pair("Amira", "Lars");
    waiting.awaiting.insert(Role::Mentee, Awaiting::BookingDate);
    let pairs = [(7, waiting)];
    let fx = step(cx(&mentee(), &pairs, None), text("4/3 17:00"), now());
    assert_eq!(
        fx,
        vec![Effect::Answer {
            pair: 7,
            text: "4/3 17:00".into()
        }]
    );
    // The mentee's goals, while the agreement waits for them.
    let mut goals = pair("Amira", "Lars");
    goals.phase = Phase::ExpectationSetting;
    let pairs = [(7, goals)];
    assert!(matches!(
        step(cx(&mentee(), &pairs, None), text("A job in biotech"), now())[..],
        [Effect::Answer { pair: 7, .. }]
    ));
    // The mentor has no goals to give: theirs is relayed.
    assert_eq!(sends(&step(cx(&mentor(), &pairs, None), text("Hi"), now())).len(), 1);
}

#[test]
fn relay_off_paused_ended_and_unpaired_each_get_a_clear_answer_and_nothing_is_sent() {
    let pairs = [(7, pair("Amira", "Lars"))];
    let writer = mentee();
    let off = Context {
        enabled: false,
        ..cx(&writer, &pairs, None)
    };
    let fx = step(off, text("hello"), now());
    assert_eq!((reply_key(&fx), sends(&fx).len()), (Some("relay-off"), 0));

    let mut paused = pair("Amira", "Lars");
    paused.status = Status::Paused {
        since: now(),
        until: None,
    };
    let pairs = [(7, paused)];
    let fx = step(cx(&mentee(), &pairs, None), text("hello"), now());
    assert_eq!((reply_key(&fx), sends(&fx).len()), (Some("relay-paused"), 0));

    let mut ended = pair("Amira", "Lars");
    ended.status = Status::EndedEarly {
        at: now(),
        reason: crate::pair::EndReason::Moved,
    };
    let mut closed = pair("Amira", "Lars");
    closed.phase = Phase::Closed;
    for s in [ended, closed] {
        let pairs = [(7, s)];
        let fx = step(cx(&mentee(), &pairs, None), text("hello"), now());
        assert_eq!((reply_key(&fx), sends(&fx).len()), (Some("relay-ended"), 0));
    }

    let fx = step(cx(&mentee(), &[], None), text("hello"), now());
    assert_eq!((reply_key(&fx), sends(&fx).len()), (Some("unpaired"), 0));
    // Blank text is nothing to pass on.
    assert!(step(cx(&mentee(), &[(7, pair("Amira", "Lars"))], None), text("  "), now()).is_empty());
}

#[test]
fn a_mentor_with_two_mentees_is_asked_once_and_the_press_sends_the_held_text() {
    let pairs = [(7, pair("Amira", "Lars")), (8, pair("Jonas", "Lars"))];
    let fx = step(cx(&mentor(), &pairs, None), text("See you at the kickoff"), now());
    assert!(sends(&fx).is_empty(), "{fx:?}");
    let [Effect::Hold(held), Effect::Reply(question)] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(held.pairs, vec![7, 8]);
    assert_eq!(question.key, "relay-which");
    let buttons: Vec<_> = question.buttons.iter().flatten().collect();
    assert_eq!(buttons.len(), 2);
    assert_eq!(buttons[1].label.get("name"), Some(&Arg::Str("Jonas".into())));
    assert_eq!(buttons[1].payload, Payload::Relay { pair: 8, ask: held.ask });

    // More text while the question waits is added, and not asked again.
    let fx = step(cx(&mentor(), &pairs, Some(held)), text("Bring your CV"), now());
    let [Effect::Hold(held), Effect::Reply(m)] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(m.key, "relay-added");
    // Not a new question: the same one's buttons, at hand again.
    assert_eq!(m.buttons, question.buttons);
    assert_eq!(held.text, "See you at the kickoff\nBring your CV");

    let fx = step(
        cx(&mentor(), &pairs, Some(held)),
        Input::Press { pair: 8, ask: held.ask },
        now(),
    );
    let [(8, Role::Mentee, msg)] = &sends(&fx)[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(msg.get("text"), Some(&Arg::Str(held.text.clone())));
    assert!(fx.contains(&Effect::Release));
    assert_eq!(reply_key(&fx), Some("relay-sent"));
}

#[test]
fn a_stale_or_forged_press_sends_nothing() {
    let pairs = [(7, pair("Amira", "Lars")), (8, pair("Jonas", "Lars"))];
    let held = Held {
        text: "private".into(),
        ask: 42,
        pairs: vec![7, 8],
    };
    for (pair, ask, h) in [
        // Nothing held (already sent, or someone else's button).
        (7, 42, None),
        // An older question.
        (7, 41, Some(&held)),
        // A pair that was not offered (forged).
        (9, 42, Some(&held)),
    ] {
        let fx = step(cx(&mentor(), &pairs, h), Input::Press { pair, ask }, now());
        assert_eq!(fx, vec![Effect::Reply(Msg::new("relay-stale"))], "{pair} {ask}");
    }
    // Offered, but no longer the presser's pair.
    let mine = [(7, pair("Amira", "Lars"))];
    let fx = step(
        cx(&mentor(), &mine, Some(&held)),
        Input::Press { pair: 8, ask: 42 },
        now(),
    );
    assert_eq!(fx, vec![Effect::Reply(Msg::new("relay-stale"))]);
    // Paused since the question: nothing sent, the question stays.
    let mut paused = pair("Jonas", "Lars");
    paused.status = Status::Paused {
        since: now(),
        until: None,
    };
    let now_pairs = [(7, pair("Amira", "Lars")), (8, paused)];
    let fx = step(
        cx(&mentor(), &now_pairs, Some(&held)),
        Input::Press { pair: 8, ask: 42 },
        now(),
    );
    assert_eq!(fx, vec![Effect::Reply(Msg::new("relay-paused"))]);
}

#[test]
fn only_the_running_pair_counts_so_a_mentor_with_one_ended_pair_is_not_asked() {
    let mut ended = pair("Amira", "Lars");
    ended.status = Status::EndedEarly {
        at: now(),
        reason: crate::pair::EndReason::FoundJob,
    };
    let pairs = [(7, ended), (8, pair("Jonas", "Lars"))];
    let fx = step(cx(&mentor(), &pairs, None), text("Hi Jonas"), now());
    assert_eq!(sends(&fx).iter().map(|s| s.0).collect::<Vec<_>>(), vec![8]);
}

#[test]
fn a_held_message_does_not_grow_without_bound() {
    let pairs = [(7, pair("Amira", "Lars")), (8, pair("Jonas", "Lars"))];
    let held = Held {
        text: "x".repeat(MAX_HELD_CHARS - 5),
        ask: 1,
        pairs: vec![7, 8],
    };
    let fx = step(cx(&mentor(), &pairs, Some(&held)), text("more text"), now());
    assert_eq!(fx, vec![Effect::Reply(Msg::new("relay-too-long"))]);
}

#[test]
fn help_and_the_intro_say_how_the_relay_works_only_where_it_is_on() {
    let c = Catalog::builtin();
    let tz = chrono_tz::Europe::Copenhagen;
    for lang in crate::model::Lang::ALL {
        let on = c.text(&Msg::new("help-mentor").str("relay", "on"), lang, tz);
        let off = c.text(&Msg::new("help-mentor").str("relay", "off"), lang, tz);
        assert!(on.len() > off.len() + 40, "{lang:?}: {on}");
        assert!(on.starts_with(&off), "{lang:?}");
        assert!(!off.ends_with('\n') && !off.contains('{'), "{lang:?}: {off:?}");
        let intro = |relay: &str| {
            c.text(
                &Msg::new("intro-mentee")
                    .str("mentor", "Lars")
                    .str("mentee", "Amira")
                    .str("has-contact", "no")
                    .str("relay", relay),
                lang,
                tz,
            )
        };
        let (on, off) = (intro("on"), intro("off"));
        assert!(
            on.matches("Lars").count() > off.matches("Lars").count(),
            "{lang:?}: {on}"
        );
        assert!(!off.contains("$relay") && !on.contains("$relay"), "{lang:?}: {off}");
        let relayed = c.text(
            &Msg::new(MESSAGE_KEY).str("name", "Amira").str("text", "{ $x } 50%"),
            lang,
            tz,
        );
        assert!(
            relayed.contains("Amira") && relayed.ends_with("\n{ $x } 50%"),
            "{relayed}"
        );
    }
}

#[test]
fn a_programme_switches_the_relay_off_and_a_bad_value_names_the_file_line_and_field() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/test-programme.toml");
    let src = std::fs::read_to_string(path).unwrap();
    assert!(programme().relay, "on unless switched off");
    let off = Programme::parse("p.toml", &format!("relay = false\n{src}"), Catalog::builtin()).unwrap();
    assert!(!off.relay);
    let e = Programme::parse("p.toml", &format!("# x\nrelay = \"no\"\n{src}"), Catalog::builtin()).unwrap_err();
    assert_eq!(
        (e.file.as_str(), e.line, e.field.as_str()),
        ("p.toml", 2, "relay"),
        "{e}"
    );
}
