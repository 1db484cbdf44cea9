use super::*;
use proptest::prelude::*;

fn id() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_-]{1,24}"
}

fn lang() -> impl Strategy<Value = Lang> {
    prop::sample::select(Lang::ALL.to_vec())
}

fn change() -> impl Strategy<Value = AgreeChange> {
    prop_oneof![
        any::<u32>().prop_map(AgreeChange::RhythmDays),
        prop::sample::select(MeetingFormat::ALL.to_vec()).prop_map(AgreeChange::Format),
    ]
}

fn ask() -> impl Strategy<Value = crate::profile::Ask> {
    use crate::profile::Ask;
    prop::sample::select(vec![
        Ask::Field,
        Ask::Interests,
        Ask::Format,
        Ask::Languages,
        Ask::Capacity,
        Ask::Gender,
        Ask::Contact,
    ])
}

fn payload() -> impl Strategy<Value = Payload> {
    let date = (2000i32..2100, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
    let time = (0u32..24, 0u32..60).prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap());
    let press = prop_oneof![
        any::<u8>().prop_map(Press::Value),
        any::<u8>().prop_map(Press::Toggle),
        Just(Press::Done),
        Just(Press::Skip),
    ];
    prop_oneof![
        prop::option::of((date, prop::option::of(time))).prop_map(Payload::Book),
        Just(Payload::Resume),
        (prop::sample::select(Rating::ALL.to_vec()), any::<u32>()).prop_map(|(rating, n)| Payload::Met { rating, n }),
        prop::option::of(prop::sample::select(FlagReason::ALL.to_vec())).prop_map(Payload::Flag),
        (id(), prop::sample::select(RsvpAnswer::ALL.to_vec()))
            .prop_map(|(event, answer)| Payload::Rsvp { event, answer }),
        prop_oneof![
            any::<u32>().prop_map(Agree::RhythmDays),
            prop::sample::select(MeetingFormat::ALL.to_vec()).prop_map(Agree::Format),
            Just(Agree::Limits),
            Just(Agree::Confirm),
            Just(Agree::Change),
            change().prop_map(Agree::Propose),
            (change(), any::<bool>()).prop_map(|(change, accept)| Agree::Answer { change, accept }),
        ]
        .prop_map(Payload::Agree),
        (prop::sample::select(SurveyKind::ALL.to_vec()), id(), press).prop_map(|(survey, question, press)| {
            Payload::Answer {
                survey,
                question,
                press,
            }
        }),
        Just(Payload::Prompt),
        Just(Payload::Write),
        lang().prop_map(Payload::Language),
        any::<bool>().prop_map(|confirm| Payload::Forget { confirm }),
        any::<bool>().prop_map(Payload::Consent),
        lang().prop_map(Payload::RegLanguage),
        any::<bool>().prop_map(Payload::RegConsent),
        (ask(), any::<u8>()).prop_map(|(ask, v)| Payload::Profile {
            ask,
            press: Press::Value(v)
        }),
        (ask(), any::<u8>()).prop_map(|(ask, v)| Payload::Profile {
            ask,
            press: Press::Toggle(v)
        }),
        ask().prop_map(|ask| Payload::Profile {
            ask,
            press: Press::Done
        }),
        ask().prop_map(|ask| Payload::Profile {
            ask,
            press: Press::Skip
        }),
        ask().prop_map(Payload::ProfileEdit),
        (0i64..=i64::MAX, any::<u16>()).prop_map(|(outbox, offset)| Payload::More { outbox, offset }),
        (1i64..=i64::MAX, any::<u32>()).prop_map(|(pair, ask)| Payload::Relay { pair, ask }),
        (0i64..=i64::MAX, prop::sample::select(FlagAct::ALL.to_vec()))
            .prop_map(|(id, act)| Payload::FlagAct { id, act }),
        prop_oneof![
            Just(Ev::New),
            prop::sample::select(crate::programme::EventKind::ALL.to_vec()).prop_map(Ev::Kind),
            prop::sample::select(vec!["everyone", "mentors", "mentees"])
                .prop_map(|a| Ev::Audience(crate::coordinator::broadcast::Audience::parse(a).unwrap())),
            Just(Ev::Keep),
            Just(Ev::Save),
            Just(Ev::Cancel),
            id().prop_map(Ev::Edit),
            id().prop_map(Ev::Drop),
            id().prop_map(Ev::DropConfirmed),
        ]
        .prop_map(Payload::Event),
        any::<u16>().prop_map(Payload::PairsPage),
        prop_oneof![
            Just(Rm::Ended),
            (0i64..=i64::MAX).prop_map(Rm::Mentee),
            (0i64..=i64::MAX, 0i64..=i64::MAX).prop_map(|(mentee, mentor)| Rm::Confirm { mentee, mentor }),
        ]
        .prop_map(Payload::Rematch),
        prop::sample::select(SurveyKind::ALL.to_vec()).prop_map(Payload::SurveyRemind),
        (
            0i64..=i64::MAX,
            prop_oneof![
                Just(PairCtl::Pause),
                Just(PairCtl::Resume),
                Just(PairCtl::AskEnd),
                Just(PairCtl::Rematch),
                prop::sample::select(crate::pair::EndReason::ALL.to_vec()).prop_map(PairCtl::End),
            ]
        )
            .prop_map(|(pair, ctl)| Payload::PairCtl { pair, ctl }),
    ]
}

proptest! {
    #[test]
    fn any_payload_survives_encode_then_parse(p in payload(), pair in prop::option::of(1i64..=i64::MAX)) {
        let tagged = Tagged { pair, payload: p.clone() };
        prop_assert_eq!(Payload::parse(&p.encode()), Some(p.clone()));
        prop_assert_eq!(Tagged::parse(&tagged.encode()), Some(tagged));
    }

    #[test]
    fn any_string_parses_to_a_payload_that_encodes_back_to_it(s in "\\PC{0,80}") {
        if let Some(t) = Tagged::parse(&s) {
            prop_assert_eq!(t.encode(), s);
        }
    }
}

#[test]
fn the_wire_form_is_the_one_stored_in_outboxes() {
    let ans = Payload::Answer {
        survey: SurveyKind::Midterm,
        question: "benefit".into(),
        press: Press::Value(4),
    };
    assert_eq!(ans.encode(), "ans:midterm:benefit:4");
    assert_eq!(
        Tagged::parse("p17|met:good:2"),
        Some(Tagged {
            pair: Some(17),
            payload: Payload::Met {
                rating: Rating::Good,
                n: 2
            }
        })
    );
    assert_eq!(
        Payload::parse("book:2027-03-04T17:00").map(|p| p.encode()).as_deref(),
        Some("book:2027-03-04T17:00")
    );
    for junk in [
        "",
        "book:",
        "met:great:1",
        "rsvp:a:b:yes",
        "ans:midterm:q:x",
        "p0|resume",
        "px|resume",
        "resume:now",
    ] {
        assert_eq!(Tagged::parse(junk), None, "{junk}");
    }
}

#[test]
fn the_longest_payload_fits_telegrams_64_bytes() {
    let question = "q".repeat(MAX_ID_LEN);
    let worst = [
        Payload::Answer {
            survey: SurveyKind::FollowUp,
            question: question.clone(),
            press: Press::Skip,
        },
        Payload::Answer {
            survey: SurveyKind::FollowUp,
            question,
            press: Press::Toggle(255),
        },
        Payload::Rsvp {
            event: "e".repeat(MAX_ID_LEN),
            answer: RsvpAnswer::Maybe,
        },
        Payload::Event(Ev::DropConfirmed("e".repeat(MAX_ID_LEN))),
        Payload::More {
            outbox: i64::MAX,
            offset: u16::MAX,
        },
        Payload::Relay {
            pair: i64::MAX,
            ask: u32::MAX,
        },
        Payload::Rematch(Rm::Confirm {
            mentee: i64::MAX,
            mentor: i64::MAX,
        }),
    ];
    for p in worst {
        let t = Tagged {
            pair: Some(i64::MAX),
            payload: p,
        };
        assert!(
            t.encode().len() <= MAX_BYTES,
            "{} is {} bytes",
            t.encode(),
            t.encode().len()
        );
    }
}
