//! The pair state machine, driven with explicit time and no I/O.

use bot_core::i18n::Catalog;
use bot_core::pair::{self, AlertKind, Effect, EndReason, Input, PairState, Person, Status};
use bot_core::programme::{Programme, SurveyKind};
use bot_core::sim::{self, Behaviour, SimEvent, SimOptions};
use bot_core::{Phase, Role, Ts};
use chrono::{Duration, NaiveDate, TimeZone};

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

struct Run {
    p: Programme,
    s: PairState,
    log: Vec<(Ts, Effect)>,
}

impl Run {
    fn new() -> Run {
        let p = programme();
        let s = PairState::new(&p, person("Amira"), person("Lars"), at(8, 1, 9));
        Run { p, s, log: vec![] }
    }

    fn input(&mut self, input: Input, now: Ts) -> Vec<Effect> {
        let (s, fx) = pair::step(&self.p, &self.s, input, now);
        self.s = s;
        self.log.extend(fx.iter().cloned().map(|e| (now, e)));
        fx
    }

    /// Ticks at every due time up to `until`, as the scheduler would.
    fn run_until(&mut self, until: Ts) {
        while let Some(due) = self.s.next_due(&self.p) {
            if due > until {
                break;
            }
            self.input(Input::Tick, due);
        }
    }

    fn say(&mut self, from: Role, text: &str, now: Ts) -> Vec<Effect> {
        self.input(
            Input::Text {
                from,
                text: text.into(),
            },
            now,
        )
    }

    fn press(&mut self, from: Role, payload: &str, now: Ts) -> Vec<Effect> {
        self.input(
            Input::Button {
                from,
                payload: bot_core::payload::Payload::parse(payload).expect("a payload this version writes"),
            },
            now,
        )
    }

    fn sent(&self, to: Role, key: &str) -> Vec<Ts> {
        self.log
            .iter()
            .filter(|(_, e)| matches!(e, Effect::Send { to: t, msg, .. } if *t == to && msg.key == key))
            .map(|(t, _)| *t)
            .collect()
    }

    fn alerts(&self, kind: AlertKind) -> Vec<Ts> {
        self.log
            .iter()
            .filter(|(_, e)| matches!(e, Effect::Alert { kind: k, .. } if *k == kind))
            .map(|(t, _)| *t)
            .collect()
    }
}

fn keys(fx: &[Effect]) -> Vec<String> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Send { msg, .. } => Some(msg.key.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_ladder_reaches_the_mentor_then_the_coordinator_on_the_programmes_days() {
    let mut r = Run::new();
    r.run_until(at(10, 1, 0));
    // Counted from the start, 2 September 10:00: 5, 8, 12 and 16 days.
    assert_eq!(r.sent(Role::Mentee, "nudge-mentee"), vec![at(9, 7, 10)]);
    assert_eq!(r.sent(Role::Mentee, "nudge-mentee-again"), vec![at(9, 10, 10)]);
    assert_eq!(r.sent(Role::Mentor, "nudge-mentor"), vec![at(9, 14, 10)]);
    assert_eq!(r.alerts(AlertKind::Stalled), vec![at(9, 18, 10)]);
    assert!(r.s.at_risk);
    // Nothing more after the top of the ladder.
    assert_eq!(
        r.log
            .iter()
            .filter(|(t, _)| *t > at(9, 18, 10) && *t < at(10, 1, 0))
            .count(),
        0
    );
}

#[test]
fn booking_stops_the_ladder_and_clears_at_risk() {
    let mut r = Run::new();
    r.run_until(at(9, 19, 0));
    assert!(r.s.at_risk);
    r.say(Role::Mentee, "/booked 2030-09-25 17:00", at(9, 19, 12));
    assert!(!r.s.at_risk);
    assert_eq!(r.s.phase, Phase::FirstMeeting);
    r.run_until(at(9, 25, 18));
    assert_eq!(
        r.sent(Role::Mentee, "meeting-reminder").len() + r.sent(Role::Mentee, "meeting-reminder-with-prompt").len(),
        1
    );
    assert_eq!(r.s.meetings_held, 1);
    assert_eq!(r.s.phase, Phase::ExpectationSetting);
    // The ladder starts again from the meeting, not from the start.
    r.run_until(at(10, 1, 0));
    assert_eq!(r.sent(Role::Mentee, "nudge-mentee"), vec![at(9, 7, 10), at(9, 30, 17)]);
}

#[test]
fn the_phases_follow_the_programme() {
    let mut r = Run::new();
    assert_eq!(r.s.phase, Phase::Matched);
    r.run_until(at(8, 19, 10));
    assert_eq!(r.s.phase, Phase::Introduced);
    r.say(Role::Mentee, "/booked 2030-09-03 17:00", at(8, 20, 9));
    assert_eq!(r.s.phase, Phase::FirstMeeting);
    r.run_until(at(9, 3, 18));
    assert_eq!(r.s.phase, Phase::ExpectationSetting);
    r.say(Role::Mentee, "Learn how companies hire", at(9, 3, 19));
    r.press(Role::Mentee, "agree:rhythm:14", at(9, 3, 19));
    r.press(Role::Mentee, "agree:format:virtual", at(9, 3, 19));
    let fx = r.press(Role::Mentee, "agree:limits:yes", at(9, 3, 19));
    assert_eq!(
        keys(&fx),
        vec!["agreement-summary", "agreement-summary", "agreement-confirm-ask"],
        "both receive the agreement, and the mentor is asked to confirm it"
    );
    assert_eq!(r.s.phase, Phase::Active);
    r.run_until(at(10, 21, 10));
    assert_eq!(r.s.phase, Phase::MidtermCheck);
    r.run_until(at(10, 28, 10));
    assert_eq!(r.s.phase, Phase::Active);
    r.run_until(at(12, 10, 10));
    assert_eq!(r.s.phase, Phase::Closing);
    r.run_until(at(12, 13, 10));
    assert_eq!(r.s.phase, Phase::Closed);
    assert_eq!(r.sent(Role::Mentor, "closed-mentor"), vec![at(12, 13, 10)]);
    let follow_up = r.p.survey(SurveyKind::FollowUp).opens;
    r.run_until(follow_up);
    assert_eq!(r.s.phase, Phase::FollowUp);
    assert_eq!(r.sent(Role::Mentee, "survey-intro").last(), Some(&follow_up));
    assert!(
        r.sent(Role::Mentor, "survey-intro").iter().all(|t| *t < follow_up),
        "the follow-up asks mentees only"
    );
    r.run_until(follow_up + Duration::days(30));
    assert_eq!(r.s.next_due(&r.p), None, "nothing is left to do");
}

#[test]
fn a_paused_pair_gets_no_nudges_until_it_resumes() {
    let mut r = Run::new();
    r.run_until(at(9, 3, 0));
    let fx = r.say(Role::Mentee, "/pause", at(9, 3, 9));
    assert!(fx.iter().any(|e| matches!(
        e,
        Effect::Alert {
            kind: AlertKind::Paused,
            ..
        }
    )));
    assert!(matches!(r.s.status, Status::Paused { .. }));
    r.run_until(at(10, 1, 0));
    assert!(r.sent(Role::Mentee, "nudge-mentee").is_empty());
    r.press(Role::Mentor, "resume", at(10, 1, 12));
    assert_eq!(r.s.status, Status::Running);
    r.run_until(at(10, 7, 0));
    assert_eq!(
        r.sent(Role::Mentee, "nudge-mentee"),
        vec![at(10, 6, 12)],
        "the ladder counts from the resume"
    );
}

#[test]
fn a_pair_ended_early_hears_nothing_more() {
    let mut r = Run::new();
    r.run_until(at(9, 1, 0));
    let fx = r.input(
        Input::EndEarly {
            reason: EndReason::FoundJob,
        },
        at(9, 1, 12),
    );
    assert_eq!(keys(&fx), vec!["ended-early", "ended-early"]);
    assert_eq!(r.s.next_due(&r.p), None);
    let fx = r.say(Role::Mentee, "/booked 2030-09-10 17:00", at(9, 2, 12));
    assert_eq!(keys(&fx), vec!["pair-ended-reply"]);
    assert!(r.s.booked.is_none());
}

#[test]
fn a_flag_reaches_the_coordinator_in_two_taps() {
    let mut r = Run::new();
    r.run_until(at(8, 19, 10));
    let fx = r.say(Role::Mentor, "/flag", at(8, 25, 12));
    let Effect::Send { msg, .. } = &fx[0] else {
        panic!("{fx:?}")
    };
    assert_eq!(msg.buttons.len(), 6);
    let fx = r.press(Role::Mentor, "flag:communication", at(8, 25, 12));
    let alert = fx.iter().find_map(|e| match e {
        Effect::Flag { by, reason, note, msg } => Some((by, reason, note, msg)),
        _ => None,
    });
    let (by, reason, note, msg) = alert.expect("the coordinator is alerted");
    assert_eq!((*by, reason.code(), note), (Role::Mentor, "communication", &None));
    assert_eq!(msg.key, "flag-alert");
    // Nothing goes to the mentee: only the flagger hears back.
    assert!(!fx.iter().any(|e| matches!(e, Effect::Send { to: Role::Mentee, .. })));
    assert!(r.s.at_risk);
    assert_eq!(keys(&fx), vec!["flag-thanks"]);
}

#[test]
fn a_flag_about_something_else_asks_for_one_line_first() {
    let mut r = Run::new();
    r.run_until(at(8, 19, 10));
    let fx = r.press(Role::Mentee, "flag:other", at(8, 25, 12));
    assert!(fx.contains(&Effect::AskFlagNote { by: Role::Mentee }));
    assert!(!fx.iter().any(|e| matches!(e, Effect::Flag { .. })));
    assert_eq!(keys(&fx), vec!["flag-note-ask"]);
    let fx = r.input(
        Input::FlagNote {
            from: Role::Mentee,
            note: "We disagree about the goals".into(),
        },
        at(8, 25, 13),
    );
    let Some(Effect::Flag { reason, note, msg, .. }) = fx.iter().find(|e| matches!(e, Effect::Flag { .. })) else {
        panic!("{fx:?}")
    };
    assert_eq!(reason.code(), "other");
    assert_eq!(note.as_deref(), Some("We disagree about the goals"));
    assert_eq!(msg.key, "flag-alert-note");
    assert_eq!(keys(&fx), vec!["flag-thanks"]);
}

#[test]
fn the_survey_reminder_goes_only_to_those_who_have_not_answered() {
    let mut r = Run::new();
    r.run_until(at(10, 21, 10));
    r.press(Role::Mentee, "ans:midterm:benefit:4", at(10, 21, 12));
    r.press(Role::Mentee, "ans:midterm:topics:t1", at(10, 21, 12));
    r.press(Role::Mentee, "ans:midterm:topics:done", at(10, 21, 12));
    r.press(Role::Mentee, "ans:midterm:changes:skip", at(10, 21, 12));
    assert!(r.sent(Role::Mentee, "survey-thanks").len() == 1);
    r.run_until(at(10, 26, 0));
    assert_eq!(r.sent(Role::Mentor, "survey-reminder"), vec![at(10, 25, 10)]);
    assert!(r.sent(Role::Mentee, "survey-reminder").is_empty());
}

#[test]
fn the_simulation_notices_ghosting_mentees_and_covers_the_whole_semester() {
    let p = programme();
    let mut keys_seen = std::collections::BTreeSet::new();
    let mut last: Option<Ts> = None;
    let mut in_order = true;
    let summary = sim::run(&p, &SimOptions { pairs: 35, seed: 7 }, |ev| {
        let t = match ev {
            SimEvent::Delivered { at, msg, .. } => {
                keys_seen.insert(msg.key.to_string());
                *at
            }
            SimEvent::Acted { at, .. } | SimEvent::Recorded { at, .. } => *at,
        };
        in_order &= last.is_none_or(|l| l <= t);
        last = Some(t);
    });
    assert!(in_order, "events come in time order");
    for key in [
        "intro-mentee",
        "intro-mentor",
        "event-invite",
        "booked-confirm",
        "survey-intro",
        "survey-reminder",
        "closed-mentor",
    ] {
        assert!(keys_seen.contains(key), "no {key} in the run");
    }
    let ghosts = summary.behaviours.get(&Behaviour::Ghosting).copied().unwrap_or(0);
    assert!(ghosts > 0);
    assert!(summary.at_risk.len() >= ghosts.min(1), "{summary:?}");
    assert!(summary.nudges.get("alert-stalled").copied().unwrap_or(0) >= 1);
    assert!(summary.meetings_held > 35);
}

#[test]
fn a_pair_runs_the_same_whether_read_in_time_order_or_pair_by_pair() {
    let p = programme();
    // Each pair's deliveries and actions, in the order that pair saw them.
    let run = |order| {
        let mut by_pair: Vec<Vec<(Ts, String)>> = vec![vec![]; 35];
        let mut last: Vec<Option<Ts>> = vec![None; 35];
        let mut pairs_seen = vec![];
        let mut in_order = true;
        let summary = sim::run_in(&p, &SimOptions { pairs: 35, seed: 11 }, order, |ev| {
            let (at, pair, what) = match ev {
                SimEvent::Delivered { at, pair, msg, .. } => (*at, *pair, format!("to:{}", msg.key)),
                SimEvent::Acted { at, pair, input, .. } => (*at, *pair, format!("{input:?}")),
                SimEvent::Recorded { at, pair, effect } => (*at, *pair, format!("{effect:?}")),
            };
            in_order &= last[pair].is_none_or(|l| l <= at);
            last[pair] = Some(at);
            if pairs_seen.last() != Some(&pair) {
                pairs_seen.push(pair);
            }
            by_pair[pair].push((at, what));
        });
        assert!(in_order, "each pair's events come in its time order");
        (by_pair, format!("{summary:?}"), pairs_seen)
    };
    let (time, time_summary, time_pairs) = run(sim::Order::Time);
    let (by_pair, by_pair_summary, by_pair_pairs) = run(sim::Order::ByPair);
    assert_eq!(by_pair_pairs, (0..35).collect::<Vec<_>>(), "one pair after another");
    assert!(time_pairs.len() > 35, "the pairs' events interleave in time order");
    assert_eq!(time, by_pair, "every pair meets the same messages and acts the same");
    assert_eq!(time_summary, by_pair_summary);
    assert!(time.iter().all(|events| events.len() > 20));

    // On three threads: each share's events, the shares in pair order.
    let (summary, shares) = sim::run_by_pair_on(
        &p,
        &SimOptions { pairs: 35, seed: 11 },
        3,
        Vec::new,
        |seen: &mut Vec<(usize, Ts, String)>, ev| {
            if let SimEvent::Delivered { at, pair, msg, .. } = ev {
                seen.push((*pair, *at, format!("to:{}", msg.key)));
            }
        },
    );
    assert_eq!(shares.len(), 3);
    assert!(shares.iter().all(|s| !s.is_empty()));
    let threaded: Vec<(usize, Ts, String)> = shares.into_iter().flatten().collect();
    let sequential: Vec<(usize, Ts, String)> = by_pair
        .iter()
        .enumerate()
        .flat_map(|(i, events)| {
            events
                .iter()
                .filter(|(_, what)| what.starts_with("to:"))
                .map(move |(at, what)| (i, *at, what.clone()))
        })
        .collect();
    assert_eq!(threaded, sequential, "the same deliveries, pair after pair");
    assert_eq!(format!("{summary:?}"), time_summary);
}

#[test]
fn a_run_on_several_threads_shows_every_event_in_the_same_time_order() {
    let p = programme();
    let opts = SimOptions { pairs: 35, seed: 11 };
    let what = |ev: &SimEvent<'_>| match ev {
        SimEvent::Delivered { pair, msg, .. } => format!("{pair} to:{}", msg.key),
        SimEvent::Acted { pair, input, .. } => format!("{pair} {input:?}"),
        SimEvent::Recorded { pair, effect, .. } => format!("{pair} {effect:?}"),
    };
    let mut sequential = vec![];
    let summary = sim::run(&p, &opts, |ev| sequential.push((ev.at(), what(ev))));
    assert!(sequential.len() > 35 * 20);
    for threads in [1, 2, 3] {
        for window in [Duration::hours(1), Duration::days(1), Duration::days(40)] {
            let mut threaded = vec![];
            let (s, counts) = sim::run_in_time_order_on(
                &p,
                &opts,
                threads,
                window,
                || 0usize,
                |n, text: &mut String, ev| {
                    *n += 1;
                    let from = text.len();
                    text.push_str(&what(ev));
                    Some(from..text.len())
                },
                |at, text, r| threaded.push((at, text[r].to_string())),
            );
            assert_eq!(threaded, sequential, "{threads} threads, windows of {window}");
            assert_eq!(format!("{s:?}"), format!("{summary:?}"));
            assert_eq!(counts.len(), threads);
            assert_eq!(counts.iter().sum::<usize>(), sequential.len());
        }
    }
    // An event turned into nothing reaches no one; the rest keep their order.
    let mut deliveries = vec![];
    sim::run_in_time_order_on(
        &p,
        &opts,
        2,
        Duration::days(1),
        || (),
        |_, _: &mut (), ev| matches!(ev, SimEvent::Delivered { .. }).then(|| what(ev)),
        |at, _, w| deliveries.push((at, w)),
    );
    let only: Vec<_> = sequential.iter().filter(|(_, w)| w.contains(" to:")).cloned().collect();
    assert_eq!(deliveries, only);
}

#[test]
fn a_survey_whose_window_passed_during_a_pause_is_not_due_again_and_again() {
    let mut r = Run::new();
    r.run_until(at(10, 15, 9));
    r.input(
        Input::Pause {
            until: Some(at(11, 5, 10)),
        },
        at(10, 15, 9),
    );
    // The scheduler's loop, bounded: a pair due in the past whose tick
    // changes nothing would be ticked forever.
    let mut ticks = 0;
    while let Some(due) = r.s.next_due(&r.p)
        && due <= at(11, 20, 9)
    {
        let now = due.max(at(11, 5, 10));
        r.input(Input::Tick, now);
        let next = r.s.next_due(&r.p);
        assert!(next.is_none_or(|n| n > now), "ticked at {now}, due again at {next:?}");
        ticks += 1;
        assert!(ticks < 100, "the pair never stops being due");
    }
    assert!(
        !r.log.iter().any(|(_, e)| matches!(
            e,
            Effect::SurveyOpened {
                survey: SurveyKind::Midterm,
                ..
            }
        )),
        "the midterm survey's week passed during the pause"
    );
    assert_eq!(r.s.status, Status::Running);
}

#[test]
fn the_same_seed_gives_the_same_run() {
    let p = programme();
    let trace = |seed| {
        let mut out = vec![];
        sim::run(&p, &SimOptions { pairs: 10, seed }, |ev| {
            if let SimEvent::Delivered { at, pair, msg, .. } = ev {
                out.push((*at, *pair, msg.key.to_string()));
            }
        });
        out
    };
    assert_eq!(trace(3), trace(3));
    assert_ne!(trace(3), trace(4));
}

#[test]
fn booking_the_next_meeting_does_not_lose_the_pending_goals_question() {
    let mut r = Run::new();
    r.run_until(at(8, 19, 10));
    r.say(Role::Mentee, "/booked 2030-09-03 17:00", at(8, 20, 9));
    r.run_until(at(9, 3, 18));
    assert_eq!(r.s.phase, Phase::ExpectationSetting);
    // As the guidance says: book the next one before parting.
    r.say(Role::Mentee, "/booked", at(9, 3, 18));
    r.press(Role::Mentee, "book:2030-09-17T17:00", at(9, 3, 18));
    assert!(r.s.booked.is_some());
    let fx = r.say(Role::Mentee, "Find a student job in my field", at(9, 3, 20));
    assert_eq!(r.s.agreement.goals.as_deref(), Some("Find a student job in my field"));
    assert_eq!(keys(&fx), vec!["agree-rhythm"]);
}

#[test]
fn health_rules_say_when_a_pair_is_at_risk_and_each_can_be_turned_off() {
    use bot_core::coordinator::pairs::{Facts, risks};
    let codes = |r: &Run, f: Facts, now| risks(&r.p, &r.s, f, now).iter().map(|x| x.code()).collect::<Vec<_>>();
    let mut r = Run::new();
    r.run_until(at(9, 8, 12));
    assert_eq!(codes(&r, Facts::default(), at(9, 8, 12)), Vec::<&str>::new());
    // Three weeks after the intro (19 August) without a meeting.
    r.run_until(at(9, 9, 12));
    assert_eq!(codes(&r, Facts::default(), at(9, 9, 12)), vec!["no-first-meeting"]);
    // The ladder's third step (the mentor told, 14 September): nudges unanswered.
    r.run_until(at(9, 14, 12));
    assert_eq!(
        codes(&r, Facts::default(), at(9, 14, 12)),
        vec!["no-first-meeting", "unanswered-nudges"]
    );
    let f = Facts {
        open_flag: true,
        unreachable: true,
    };
    assert_eq!(
        codes(&r, f, at(9, 14, 12)),
        vec!["no-first-meeting", "unanswered-nudges", "open-flag", "unreachable"]
    );
    // A paused pair is not late; an ended one is not at risk at all.
    r.input(Input::Pause { until: None }, at(9, 14, 13));
    assert_eq!(codes(&r, f, at(9, 14, 13)), vec!["open-flag", "unreachable"]);
    r.input(
        Input::EndEarly {
            reason: EndReason::Moved,
        },
        at(9, 14, 14),
    );
    assert!(codes(&r, f, at(9, 14, 14)).is_empty());
    // Turned off in the programme file.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/test-programme.toml");
    let src = std::fs::read_to_string(path).unwrap()
        + "\n[health]\nno_first_meeting_days = 0\nunanswered_nudges = 0\nopen_flag = false\n";
    let p = Programme::parse(path, &src, Catalog::builtin()).unwrap();
    let mut r = Run::new();
    r.p = p;
    r.run_until(at(9, 14, 12));
    assert_eq!(codes(&r, f, at(9, 14, 12)), vec!["unreachable"]);
    let bad = std::fs::read_to_string(path).unwrap() + "\n[health]\nno_meting_days = 3\n";
    assert!(Programme::parse(path, &bad, Catalog::builtin()).is_err());
}

#[test]
fn an_exercise_goes_out_the_day_after_a_meeting_once_per_phase() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/test-programme.toml");
    let src = std::fs::read_to_string(path).unwrap()
        + "\n[exercises]\nexpectation_setting = [\"exercise-goals\"]\nactive = [\"exercise-pitch\"]\n";
    let mut r = Run::new();
    r.p = Programme::parse(path, &src, Catalog::builtin()).unwrap();
    r.run_until(at(9, 19, 0));
    r.say(Role::Mentee, "/booked 2030-09-25 17:00", at(9, 19, 12));
    r.run_until(at(9, 26, 9));
    assert_eq!(r.s.meetings_held, 1);
    assert!(r.sent(Role::Mentee, "exercise-pushed").is_empty());
    r.run_until(at(9, 26, 11));
    assert_eq!(r.sent(Role::Mentee, "exercise-pushed"), vec![at(9, 26, 10)]);
    assert_eq!(r.sent(Role::Mentor, "exercise-pushed"), vec![at(9, 26, 10)]);
    // Another meeting in the same phase: no second exercise.
    assert_eq!(r.s.phase, Phase::ExpectationSetting);
    r.say(Role::Mentee, "/booked 2030-10-02 17:00", at(9, 26, 12));
    r.run_until(at(10, 4, 12));
    assert_eq!(r.s.meetings_held, 2);
    assert_eq!(r.sent(Role::Mentee, "exercise-pushed").len(), 1);
}

#[test]
fn the_karrierementor_simulation_pushes_exercises() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../programmes/karrierementor.toml");
    let p = Programme::parse(path, &std::fs::read_to_string(path).unwrap(), Catalog::builtin()).unwrap();
    let mut exercises = 0;
    sim::run(&p, &SimOptions { pairs: 35, seed: 1 }, |ev| {
        if let SimEvent::Delivered { msg, .. } = ev
            && msg.key == "exercise-pushed"
        {
            exercises += 1;
        }
    });
    assert!(exercises >= 35, "{exercises} exercises sent");
}

/// A pair that met on 3 September 17:00 and agreed to meet every `days`.
fn agreed(days: u32) -> Run {
    let mut r = Run::new();
    r.run_until(at(8, 19, 10));
    r.say(Role::Mentee, "/booked 2030-09-03 17:00", at(8, 20, 9));
    r.run_until(at(9, 3, 18));
    r.say(Role::Mentee, "Learn how companies hire", at(9, 3, 19));
    r.press(Role::Mentee, &format!("agree:rhythm:{days}"), at(9, 3, 19));
    r.press(Role::Mentee, "agree:format:virtual", at(9, 3, 19));
    r.press(Role::Mentee, "agree:limits:yes", at(9, 3, 19));
    r
}

#[test]
fn the_agreed_rhythm_drives_the_nudge_ladder() {
    // The test programme's ladder (5, 8, 12, 16 days) is written for a
    // meeting every 14 days; a pair meeting every 21 days gets it scaled:
    // 8, 12, 18 and 24 days after the meeting.
    let mut r = agreed(21);
    r.run_until(at(10, 1, 0));
    assert_eq!(r.sent(Role::Mentee, "nudge-mentee"), vec![at(9, 11, 17)]);
    assert_eq!(r.sent(Role::Mentee, "nudge-mentee-again"), vec![at(9, 15, 17)]);
    assert_eq!(r.sent(Role::Mentor, "nudge-mentor"), vec![at(9, 21, 17)]);
    assert_eq!(r.alerts(AlertKind::Stalled), vec![at(9, 27, 17)]);
    // The programme's own rhythm keeps the programme's days.
    let mut r = agreed(14);
    r.run_until(at(9, 9, 0));
    assert_eq!(r.sent(Role::Mentee, "nudge-mentee"), vec![at(9, 8, 17)]);
}

/// Three meetings (the test programme's target): 3, 10 and 17 September.
fn at_target(days: u32, p: Option<Programme>) -> Run {
    let mut r = agreed(days);
    if let Some(p) = p {
        r.p = p;
    }
    r.say(Role::Mentee, "/booked 2030-09-10 17:00", at(9, 4, 9));
    r.run_until(at(9, 10, 18));
    r.say(Role::Mentee, "/booked 2030-09-17 17:00", at(9, 11, 9));
    r.run_until(at(9, 17, 18));
    assert_eq!(r.s.meetings_held, 3);
    r
}

#[test]
fn after_the_target_pairs_are_reminded_at_their_rhythm_until_the_end() {
    let mut r = at_target(21, None);
    r.run_until(at(12, 31, 0));
    // Every 21 days from the last meeting while nothing is booked; the
    // closing phase (from 10 December) books no meetings. (Days of 24
    // hours: summer time ends on 27 October.)
    let expected = vec![at(10, 8, 17), at(10, 29, 16), at(11, 19, 16)];
    assert_eq!(r.sent(Role::Mentee, "nudge-keep-going-mentee"), expected);
    assert_eq!(r.sent(Role::Mentor, "nudge-keep-going-mentor"), expected);
    // The target was met: the escalating ladder stays silent.
    assert_eq!(r.sent(Role::Mentor, "nudge-mentor").len(), 0);
    assert!(r.alerts(AlertKind::Stalled).is_empty());
    assert!(!r.s.at_risk);

    // A fourth meeting restarts the count from that meeting.
    let mut r = at_target(21, None);
    r.run_until(at(10, 9, 0));
    r.say(Role::Mentee, "/booked 2030-10-15 17:00", at(10, 9, 9));
    r.run_until(at(11, 10, 0));
    assert_eq!(r.s.meetings_held, 4);
    assert_eq!(
        r.sent(Role::Mentee, "nudge-keep-going-mentee"),
        vec![at(10, 8, 17), at(11, 5, 16)]
    );
}

#[test]
fn the_programme_file_can_stop_nudges_at_the_target() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/test-programme.toml");
    let src = std::fs::read_to_string(path).unwrap().replace(
        "alert_coordinator_after_days = 16",
        "alert_coordinator_after_days = 16\nafter_target = false",
    );
    let p = Programme::parse(path, &src, Catalog::builtin()).unwrap();
    assert!(!p.nudges.after_target);
    let mut r = at_target(21, Some(p));
    r.run_until(at(12, 31, 0));
    assert!(r.sent(Role::Mentee, "nudge-keep-going-mentee").is_empty());
    assert!(
        r.log
            .iter()
            .all(|(t, e)| *t < at(9, 18, 0) || !matches!(e, Effect::Send { msg, .. } if msg.key.starts_with("nudge")))
    );
}

fn sent_to(fx: &[Effect], role: Role) -> Vec<String> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Send { to, msg, .. } if *to == role => Some(msg.key.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_mentor_confirms_the_agreement_and_only_the_mentor() {
    let mut r = agreed(21);
    // Both can propose a change from what they were sent: the mentee from
    // her summary, the mentor beside Confirm.
    let shown = |r: &Run, to: Role, key: &str| {
        r.log.iter().rev().find_map(|(_, e)| match e {
            Effect::Send { to: t, msg, .. } if *t == to && msg.key == key => Some(
                msg.buttons
                    .iter()
                    .flatten()
                    .map(|b| b.payload.encode())
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        })
    };
    assert_eq!(
        shown(&r, Role::Mentee, "agreement-summary"),
        Some(vec!["agree:change".to_string()])
    );
    assert_eq!(
        shown(&r, Role::Mentor, "agreement-confirm-ask"),
        Some(vec!["agree:confirm:yes".to_string(), "agree:change".to_string()])
    );
    assert!(r.s.agreement.completed_at.is_some());
    assert_eq!(r.s.agreement.mentor_confirmed_at, None);
    // The mentee cannot confirm on the mentor's behalf.
    let fx = r.press(Role::Mentee, "agree:confirm:yes", at(9, 4, 9));
    assert_eq!(keys(&fx), vec!["button-expired"]);
    assert_eq!(r.s.agreement.mentor_confirmed_at, None);
    let fx = r.press(Role::Mentor, "agree:confirm:yes", at(9, 4, 10));
    assert_eq!(r.s.agreement.mentor_confirmed_at, Some(at(9, 4, 10)));
    assert_eq!(sent_to(&fx, Role::Mentor), vec!["agreement-confirmed"]);
    assert_eq!(sent_to(&fx, Role::Mentee), vec!["agreement-confirmed-other"]);
    // Pressed twice: nothing changes.
    let fx = r.press(Role::Mentor, "agree:confirm:yes", at(9, 5, 10));
    assert_eq!(keys(&fx), vec!["button-expired"]);
    assert_eq!(r.s.agreement.mentor_confirmed_at, Some(at(9, 4, 10)));
}

#[test]
fn either_side_proposes_a_change_that_the_other_confirms() {
    let mut r = agreed(21);
    // The mentor proposes another rhythm instead of confirming.
    let fx = r.press(Role::Mentor, "agree:change", at(9, 4, 9));
    let Effect::Send { msg, .. } = &fx[0] else {
        panic!("{fx:?}")
    };
    assert_eq!(msg.key, "agreement-change-ask");
    let offered: Vec<String> = msg.buttons.iter().flatten().map(|b| b.payload.encode()).collect();
    assert!(offered.contains(&"agree:prop:rhythm:14".to_string()), "{offered:?}");
    assert!(
        !offered.contains(&"agree:prop:rhythm:21".to_string()),
        "not the current rhythm"
    );
    let fx = r.press(Role::Mentor, "agree:prop:rhythm:14", at(9, 4, 9));
    assert_eq!(sent_to(&fx, Role::Mentor), vec!["agreement-proposal-sent"]);
    assert_eq!(sent_to(&fx, Role::Mentee), vec!["agreement-proposal"]);
    assert_eq!(
        r.s.agreement.rhythm_days,
        Some(21),
        "nothing changes until the other accepts"
    );
    // The proposer cannot accept their own proposal.
    let fx = r.press(Role::Mentor, "agree:yes:rhythm:14", at(9, 4, 10));
    assert_eq!(keys(&fx), vec!["button-expired"]);
    assert_eq!(r.s.agreement.rhythm_days, Some(21));
    // An answer naming another change is stale.
    let fx = r.press(Role::Mentee, "agree:yes:rhythm:30", at(9, 4, 10));
    assert_eq!(keys(&fx), vec!["button-expired"]);
    let fx = r.press(Role::Mentee, "agree:yes:rhythm:14", at(9, 4, 11));
    assert_eq!(keys(&fx), vec!["agreement-changed", "agreement-changed"]);
    assert_eq!(r.s.agreement.rhythm_days, Some(14));
    assert_eq!(r.s.agreement.mentor_confirmed_at, Some(at(9, 4, 11)), "both agreed");
    // The new rhythm drives the ladder at once: 5 days after the meeting
    // on 3 September for a 14-day rhythm.
    r.run_until(at(9, 9, 0));
    assert_eq!(r.sent(Role::Mentee, "nudge-mentee"), vec![at(9, 8, 17)]);

    // The mentee proposes another format; the mentor declines it.
    r.press(Role::Mentee, "agree:prop:format:physical", at(9, 9, 9));
    let fx = r.press(Role::Mentor, "agree:no:format:physical", at(9, 9, 10));
    assert_eq!(sent_to(&fx, Role::Mentor), vec!["agreement-kept"]);
    assert_eq!(sent_to(&fx, Role::Mentee), vec!["agreement-proposal-declined"]);
    assert_eq!(r.s.agreement.format, Some(bot_core::payload::MeetingFormat::Virtual));
    assert_eq!(r.s.agreement.proposal, None);
    // Accepting it afterwards changes nothing.
    let fx = r.press(Role::Mentor, "agree:yes:format:physical", at(9, 9, 11));
    assert_eq!(keys(&fx), vec!["button-expired"]);
    assert_eq!(r.s.agreement.format, Some(bot_core::payload::MeetingFormat::Virtual));
}

/// Karrierementor's file; `extra` with a `[simulation]` replaces its own.
fn karrierementor(extra: &str) -> Programme {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../programmes/karrierementor.toml");
    let mut src = std::fs::read_to_string(path).unwrap();
    if extra.contains("[simulation]") {
        src.truncate(
            src.find("\n[simulation]")
                .expect("the file's own [simulation] comes last"),
        );
    }
    src += extra;
    Programme::parse(path, &src, Catalog::builtin()).unwrap()
}

/// Finished / asked for a survey and role, in percent.
fn rate(s: &sim::Summary, kind: SurveyKind, role: Role) -> f64 {
    let (asked, done) = s.responses.get(&(kind, role)).copied().unwrap_or((0, 0));
    100.0 * done as f64 / asked.max(1) as f64
}

#[test]
fn simulated_final_survey_rates_land_within_5_points_of_the_configured_ones() {
    // Karrierementor's by default: mentees 54%, mentors 70%.
    let km = karrierementor("");
    // Another programme's expectations, and more ghosting.
    let other = karrierementor(
        "\n[simulation]\nghosting = 0.2\nmidterm = { mentee = 0.5, mentor = 0.6 }\n\
         final = { mentee = 0.35, mentor = 0.9 }\nfollow_up = { mentee = 0.4 }\n",
    );
    for (p, mentee, mentor) in [(&km, 54.0, 70.0), (&other, 35.0, 90.0)] {
        for seed in 1..=10 {
            let s = sim::run(p, &SimOptions { pairs: 35, seed }, |_| {});
            let (e, o) = (
                rate(&s, SurveyKind::Final, Role::Mentee),
                rate(&s, SurveyKind::Final, Role::Mentor),
            );
            assert!(
                (e - mentee).abs() <= 5.0,
                "seed {seed}: mentees {e:.1}% against {mentee}%"
            );
            assert!(
                (o - mentor).abs() <= 5.0,
                "seed {seed}: mentors {o:.1}% against {mentor}%"
            );
        }
    }
    let s = sim::run(&other, &SimOptions { pairs: 100, seed: 1 }, |_| {});
    let ghosts = s.behaviours.get(&Behaviour::Ghosting).copied().unwrap_or(0);
    assert!(
        (12..=28).contains(&ghosts),
        "{ghosts} of 100 ghosting at a share of 0.2"
    );
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../programmes/karrierementor.toml");
    let bad = std::fs::read_to_string(path)
        .unwrap()
        .replace("ghosting = 0.086", "ghosting = 1.5");
    let e = Programme::parse(path, &bad, Catalog::builtin())
        .unwrap_err()
        .to_string();
    assert!(e.contains("ghosting"), "{e}");
}

#[test]
fn a_karrierementor_run_shows_exercises_nudges_after_the_target_and_its_ghosts_at_risk() {
    let p = karrierementor("");
    let mut exercises = 0;
    let mut after_target = 0;
    let mut recorded_answers = 0;
    let s = sim::run(&p, &SimOptions { pairs: 35, seed: 1 }, |ev| match ev {
        SimEvent::Delivered { msg, .. } if msg.key == "exercise-pushed" => exercises += 1,
        SimEvent::Delivered { msg, .. } if msg.key.starts_with("nudge-keep-going") => after_target += 1,
        SimEvent::Recorded {
            effect: Effect::Answer { .. },
            ..
        } => recorded_answers += 1,
        _ => {}
    });
    assert!(exercises >= 35, "{exercises} exercises sent");
    assert!(after_target > 0, "no nudges after the target: {:?}", s.nudges);
    assert!(recorded_answers > 0);
    // Every pair whose mentee stops answering is found at risk.
    assert!(!s.ghosting.is_empty());
    for g in &s.ghosting {
        assert!(s.at_risk.contains(g), "ghosting pair {g} not at risk: {:?}", s.at_risk);
    }
}

/// The labels of the "write to the other member" buttons on the messages
/// sent to `to` with `key`.
fn write_buttons(r: &Run, to: Role, key: &str) -> Vec<String> {
    r.log
        .iter()
        .filter_map(|(_, e)| match e {
            Effect::Send { to: t, msg, .. } if *t == to && msg.key == key => Some(msg),
            _ => None,
        })
        .flat_map(|m| m.buttons.iter().flatten())
        .filter(|b| b.payload == bot_core::payload::Payload::Write)
        .map(|b| b.label.key.to_string())
        .collect()
}

#[test]
fn the_intro_and_the_nudges_offer_to_write_to_the_mentor_or_the_mentee() {
    let mut r = Run::new();
    r.p.relay = true;
    r.run_until(at(9, 15, 0));
    assert_eq!(write_buttons(&r, Role::Mentee, "intro-mentee"), ["button-write-mentor"]);
    assert_eq!(write_buttons(&r, Role::Mentor, "intro-mentor"), ["button-write-mentee"]);
    assert_eq!(write_buttons(&r, Role::Mentee, "nudge-mentee"), ["button-write-mentor"]);
    assert_eq!(
        write_buttons(&r, Role::Mentee, "nudge-mentee-again"),
        ["button-write-mentor"]
    );
    assert_eq!(write_buttons(&r, Role::Mentor, "nudge-mentor"), ["button-write-mentee"]);
    // Pressed where one can type, it says to type, naming the other.
    let fx = r.press(Role::Mentor, "write", at(9, 15, 9));
    assert_eq!(keys(&fx), ["relay-write-hint-mentor"]);
    assert!(
        matches!(&fx[0], Effect::Send { msg, .. } if msg.get("name") == Some(&bot_core::message::Arg::Str("Amira".into())))
    );
}

#[test]
fn without_the_relay_there_is_no_button_to_write_to_the_other() {
    let mut r = Run::new();
    r.p.relay = false;
    r.run_until(at(9, 15, 0));
    assert!(write_buttons(&r, Role::Mentee, "intro-mentee").is_empty());
    assert!(write_buttons(&r, Role::Mentor, "nudge-mentor").is_empty());
    let fx = r.press(Role::Mentee, "write", at(9, 15, 9));
    assert_eq!(keys(&fx), ["relay-off"]);
}

/// What the intro tells each side about the other, rendered.
fn about(r: &Run, to: Role, lang: bot_core::Lang) -> Vec<String> {
    r.log
        .iter()
        .filter_map(|(_, e)| match e {
            Effect::Send { to: t, msg, .. } if *t == to && msg.key == "intro-about" => {
                Some(Catalog::builtin().text(msg, lang, chrono_tz::UTC))
            }
            _ => None,
        })
        .collect()
}

fn with_age(ask_age: bool) -> Run {
    use bot_core::profile::{AgeBand, Ask, Profile};
    let mut p = programme();
    if ask_age {
        p.profile.ask.push(Ask::Age);
    }
    let mut amira = person("Amira");
    amira.profile = Profile {
        field: Some("field-it".into()),
        wish_age: Some(AgeBand::From50),
        ..Profile::default()
    };
    let mut lars = person("Lars");
    lars.profile = Profile {
        field: Some("field-it".into()),
        age: Some(AgeBand::From50),
        ..Profile::default()
    };
    let s = PairState::new(&p, amira, lars, at(8, 1, 9));
    let mut r = Run { p, s, log: vec![] };
    r.run_until(at(8, 20, 0));
    r
}

#[test]
fn the_intro_tells_the_mentee_the_mentors_age_band_only_where_the_programme_asks_it() {
    let r = with_age(true);
    for (lang, line) in [
        (bot_core::Lang::En, "• Age: 50 or older"),
        (bot_core::Lang::Da, "• Alder: 50 eller ældre"),
        (bot_core::Lang::Nb, "• Alder: 50 eller eldre"),
    ] {
        let to_mentee = about(&r, Role::Mentee, lang);
        assert_eq!(to_mentee.len(), 1);
        assert!(to_mentee[0].contains(line), "{}", to_mentee[0]);
        // The mentee's wish is theirs: the mentor is not told it.
        let to_mentor = about(&r, Role::Mentor, lang);
        assert!(!to_mentor[0].contains("50"), "{}", to_mentor[0]);
    }
    let r = with_age(false);
    for lang in bot_core::Lang::ALL {
        let to_mentee = about(&r, Role::Mentee, lang);
        assert!(!to_mentee[0].contains("50"), "{}", to_mentee[0]);
    }
}
