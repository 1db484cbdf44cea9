//! Running a cohort (issue 11): flags that get handled.

mod common;

use bot_core::Role;
use bot_core::pair::{EndReason, Input};
use common::{Harness, at};
use mentorbot::Store;
use sqlx::Row;

async fn one(store: &Store, sql: &str) -> Option<String> {
    let r = sqlx::query::<sqlx::Any>(sqlx::AssertSqlSafe(sql))
        .fetch_one(store.pool())
        .await
        .unwrap();
    r.try_get::<Option<String>, _>(0)
        .or_else(|_| r.try_get::<Option<i64>, _>(0).map(|v| v.map(|n| n.to_string())))
        .unwrap()
}

async fn count(store: &Store, sql: &str) -> i64 {
    one(store, sql).await.unwrap().parse().unwrap()
}

/// The payload of the newest button shown to `who` that matches.
fn button(h: &Harness, who: &str, ends: &str) -> String {
    h.inbox(who)
        .iter()
        .rev()
        .flat_map(|m| m.buttons.iter().flatten())
        .find(|b| b.payload.ends_with(ends) || b.payload.contains(ends))
        .unwrap_or_else(|| panic!("{who} was shown no {ends} button"))
        .payload
        .clone()
}

/// A coordinator of another programme, stored as registration would.
async fn outsider(h: &mut Harness) {
    let src = std::fs::read_to_string(common::fixture("test-programme.toml")).unwrap();
    let p = bot_core::Programme::parse("other-programme.toml", &src, bot_core::i18n::Catalog::builtin()).unwrap();
    assert_ne!(p.id, h.programme_id());
    let store = &h.engine.store;
    store.upsert_programme(&p, &src, at(2030, 8, 1, 9, 0)).await.unwrap();
    let mut tx = store.begin().await.unwrap();
    let id = store
        .add_participant(
            &mut tx,
            &mentorbot::store::NewParticipant {
                programme_id: &p.id,
                role: Role::Coordinator,
                name: "Olga",
                lang: bot_core::Lang::En,
                tz: p.time_zone,
                contact: Some("olga@example.org"),
                consent_given_at: None,
            },
            at(2030, 8, 1, 9, 0),
        )
        .await
        .unwrap();
    store
        .add_identity(&mut tx, "memory", "Olga", "Olga", id, at(2030, 8, 1, 9, 0))
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

async fn flag_lifecycle(store: (Store, Option<tempfile::TempDir>)) {
    let mut h = Harness::new(store).await;
    h.pair().await;
    outsider(&mut h).await;
    let t = at(2030, 8, 20, 12, 0);
    h.run(t).await;
    let lars_before = h.inbox("Lars").len();

    // Two taps: /flag, then the reason.
    h.say("Amira", "/flag", t).await;
    assert!(h.last("Amira").buttons.len() == 6, "six reasons: {:?}", h.last("Amira"));
    h.press("Amira", |p| p.ends_with("flag:no-answer"), t).await;
    assert!(h.last("Amira").text.contains("No answer from the other"));
    let alert = h.last("Karen");
    assert!(alert.text.contains("Amira (mentee)"), "{}", alert.text);
    assert!(alert.text.contains("No answer from the other"));
    assert!(alert.text.contains("No meeting held yet."), "{}", alert.text);
    assert!(alert.text.contains("Surveys still open: 0"), "{}", alert.text);
    let ack = button(&h, "Karen", "fa:ack:");
    let resolve = button(&h, "Karen", "fa:resolve:");
    h.say("Karen", "/status", t).await;
    assert!(
        h.last("Karen").text.contains("1 pair, 1 at risk, 1 open flag."),
        "{}",
        h.last("Karen").text
    );

    // The wrong people press the coordinator's buttons: refused, nothing changes.
    let unacked = "SELECT COUNT(*) FROM flags WHERE kind = 'flag' AND acknowledged_at IS NULL AND resolved_at IS NULL";
    for who in ["Amira", "Lars"] {
        for payload in [&ack, &resolve] {
            h.press_payload(who, payload, t).await;
            assert_eq!(h.last(who).text, "Only the programme's coordinators can do that.");
        }
    }
    for payload in [&ack, &resolve] {
        h.press_payload("Olga", payload, t).await;
        assert_eq!(h.last("Olga").text, "That flag is not one of your programme's.");
    }
    assert_eq!(count(&h.engine.store, unacked).await, 1);
    let amira_before = h.inbox("Amira").len();

    // Acknowledged: the flagger is told, once.
    h.press_payload("Karen", &ack, t).await;
    assert_eq!(h.inbox("Amira").len(), amira_before + 1);
    assert!(
        h.last("Amira")
            .text
            .contains("Karen, your coordinator, has seen your message")
    );
    assert_eq!(count(&h.engine.store, unacked).await, 0);
    h.press_payload("Karen", &ack, t).await;
    assert_eq!(h.last("Karen").text, "This flag has already been acknowledged.");
    assert_eq!(h.inbox("Amira").len(), amira_before + 1);

    // Resolved: `resolved_at` is written and /status counts it no more.
    h.press_payload("Karen", &resolve, t).await;
    assert_eq!(h.last("Karen").text, "The flag is marked as resolved.");
    let resolved = one(&h.engine.store, "SELECT resolved_at FROM flags WHERE kind = 'flag'").await;
    assert!(resolved.is_some());
    h.say("Karen", "/status", t).await;
    assert!(
        h.last("Karen").text.contains("0 open flags"),
        "{}",
        h.last("Karen").text
    );

    // "Something else" asks for one line, and the coordinator gets it.
    let t2 = at(2030, 8, 21, 12, 0);
    h.say("Lars", "/flag", t2).await;
    h.press("Lars", |p| p.ends_with("flag:other"), t2).await;
    assert!(h.last("Lars").text.contains("Write it in one message"));
    let karen_before = h.inbox("Karen").len();
    h.say("Lars", "We never find a time\nthat suits us both", t2).await;
    assert_eq!(h.inbox("Karen").len(), karen_before + 1);
    let alert = h.last("Karen");
    assert!(alert.text.contains("Lars (mentor)"), "{}", alert.text);
    assert!(
        alert.text.contains("“We never find a time that suits us both”"),
        "{}",
        alert.text
    );
    assert_eq!(
        one(&h.engine.store, "SELECT note FROM flags WHERE reason = 'other'")
            .await
            .as_deref(),
        Some("We never find a time that suits us both")
    );
    // The dialogue is over: the next text goes where it always did.
    h.say("Lars", "hello", t2).await;
    assert_eq!(h.inbox("Karen").len(), karen_before + 1);

    // Call me: the coordinator's contact goes to the flagger only.
    let call = button(&h, "Karen", "fa:call:");
    let amira_before = h.inbox("Amira").len();
    h.press_payload("Karen", &call, t2).await;
    assert!(
        h.last("Lars").text.contains("karen@example.org"),
        "{}",
        h.last("Lars").text
    );
    assert_eq!(h.inbox("Amira").len(), amira_before);

    // The mentor was never told about the mentee's flag, nor the mentee
    // about the mentor's.
    let lars: Vec<String> = h.texts("Lars")[lars_before..].to_vec();
    assert!(
        !lars.iter().any(|m| m.contains("Amira") && m.contains("No answer")),
        "{lars:?}"
    );
    assert!(!h.texts("Amira").iter().any(|m| m.contains("We never find a time")));
}

async fn unacknowledged_flags_are_raised_again(store: (Store, Option<tempfile::TempDir>)) {
    let mut h = Harness::new(store).await;
    let pair = h.pair().await;
    let t = at(2030, 8, 20, 12, 0);
    h.run(t).await;
    h.say("Amira", "/flag", t).await;
    h.press("Amira", |p| p.ends_with("flag:illness"), t).await;
    let e = &h.engine;
    let day = chrono::Duration::days(1);
    assert_eq!(e.reraise_flags(t + day * 2).await.unwrap(), 0);
    assert_eq!(e.reraise_flags(t + day * 3).await.unwrap(), 1);
    h.dispatcher.drain(t + day * 3).await.unwrap();
    let again = h.last("Karen");
    assert!(
        again.text.contains("Still not acknowledged after 3 days"),
        "{}",
        again.text
    );
    assert!(again.text.contains("Illness or a break"));
    assert!(again.buttons.iter().flatten().any(|b| b.payload.contains("fa:ack:")));
    assert_eq!(e.reraise_flags(t + day * 5).await.unwrap(), 0);
    assert_eq!(e.reraise_flags(t + day * 6).await.unwrap(), 1);
    // Once the pair has ended, it stops.
    e.coordinate(
        pair,
        Input::EndEarly {
            reason: EndReason::Illness,
        },
        t + day * 7,
    )
    .await
    .unwrap();
    assert_eq!(e.reraise_flags(t + day * 20).await.unwrap(), 0);
}

async fn a_forgotten_flagger_is_not_raised_again_and_their_note_goes(store: (Store, Option<tempfile::TempDir>)) {
    let mut h = Harness::new(store).await;
    h.pair().await;
    let t = at(2030, 8, 20, 12, 0);
    h.run(t).await;
    h.press_payload("Lars", "flag:other", t).await;
    h.say("Lars", "Private words", t).await;
    h.say("Lars", "/forget", t).await;
    h.press("Lars", |p| p.ends_with("forget:yes"), t).await;
    let store = &h.engine.store;
    assert_eq!(
        count(store, "SELECT COUNT(*) FROM flags WHERE note IS NOT NULL").await,
        0
    );
    assert_eq!(h.engine.reraise_flags(t + chrono::Duration::days(4)).await.unwrap(), 0);
}

/// A Danish mentee and a Norwegian mentor, matched on 1 August.
async fn nordic_pair(h: &mut Harness) -> i64 {
    let t = at(2030, 8, 1, 9, 0);
    let mentee = h.register("Mette", Role::Mentee, bot_core::Lang::Da, t).await;
    let mentor = h.register("Ola", Role::Mentor, bot_core::Lang::Nb, t).await;
    h.engine.match_pair(mentee, mentor, t).await.unwrap()
}

async fn status_of(h: &Harness, pair: i64) -> String {
    one(&h.engine.store, &format!("SELECT status FROM pairs WHERE id = {pair}"))
        .await
        .unwrap()
}

async fn pairs_in_chat_with_risks_and_control(store: (Store, Option<tempfile::TempDir>)) {
    let mut h = Harness::new(store).await;
    let first = h.pair().await;
    let nordic = nordic_pair(&mut h).await;
    let t = at(2030, 8, 20, 12, 0);
    h.run(t).await;
    h.press_payload("Amira", "flag:illness", t).await;

    h.say("Karen", "/pairs", t).await;
    let shown = h.texts("Karen");
    let n = shown.len();
    assert!(shown[n - 3].starts_with("⚠️ #"), "{:?}", &shown[n - 3..]);
    assert!(shown[n - 3].contains("Amira – Lars") && shown[n - 3].contains("At risk: an open flag"));
    assert!(shown[n - 2].contains("Mette – Ola") && !shown[n - 2].contains("At risk"));
    assert!(shown[n - 2].contains("Meetings: 0 of 3."), "{}", shown[n - 2]);
    assert_eq!(shown[n - 1], "Pairs 1–2 of 2 (1 at risk).");

    // No meeting three weeks after the intro (19 August): at risk.
    let later = at(2030, 9, 10, 12, 0);
    let lines = h.engine.pair_lines(&h.programme_id(), true, later).await.unwrap();
    let risks: Vec<_> = lines
        .iter()
        .map(|l| (l.id, l.risks.iter().map(|r| r.code()).collect::<Vec<_>>()))
        .collect();
    assert!(risks.contains(&(nordic, vec!["no-first-meeting"])), "{risks:?}");
    assert!(
        risks.contains(&(first, vec!["no-first-meeting", "open-flag"])),
        "{risks:?}"
    );
    assert!(
        h.engine
            .pair_lines(&h.programme_id(), true, t)
            .await
            .unwrap()
            .iter()
            .all(|l| l.id == first)
    );

    // Pause from /pairs: both told, each in their own language.
    let pause = format!("pc:pause:{nordic}");
    h.press_payload("Karen", &pause, t).await;
    assert_eq!(
        h.last("Karen").text,
        "The pair Mette – Ola is paused. Both have been told."
    );
    assert!(
        h.last("Mette").text.contains("er sat på pause"),
        "{}",
        h.last("Mette").text
    );
    assert!(
        h.last("Ola").text.contains("er satt på pause"),
        "{}",
        h.last("Ola").text
    );
    assert_eq!(status_of(&h, nordic).await, "paused");
    h.press_payload("Karen", &pause, t).await;
    assert_eq!(h.last("Karen").text, "Nothing changed: the pair is already like that.");
    h.press_payload("Karen", &format!("pc:resume:{nordic}"), t).await;
    assert!(h.last("Mette").text.contains("kører igen"));
    assert_eq!(status_of(&h, nordic).await, "running");

    // End: the reason first, then both are told.
    h.press_payload("Karen", &format!("pc:end:{nordic}"), t).await;
    assert_eq!(h.last("Karen").buttons.len(), 6);
    h.press("Karen", |p| p.ends_with(&format!("pc:end:{nordic}:found_job")), t)
        .await;
    assert!(
        h.last("Mette").text.contains("afsluttet før tid"),
        "{}",
        h.last("Mette").text
    );
    assert!(
        h.last("Ola").text.contains("avsluttet før tiden"),
        "{}",
        h.last("Ola").text
    );
    assert_eq!(status_of(&h, nordic).await, "ended_early");

    // The command line: the same rule and the same pair.
    let msg = h
        .engine
        .control_pair(
            &h.programme_id(),
            first,
            mentorbot::pairs_cli::ctl("pause", "holiday").unwrap(),
            t,
        )
        .await
        .unwrap();
    assert_eq!(msg.key, "pair-control-paused");
    assert_eq!(status_of(&h, first).await, "paused");
    assert!(
        h.engine
            .control_pair("test-programme", 999_999, bot_core::payload::PairCtl::Resume, t)
            .await
            .unwrap()
            .key
            == "pair-unknown"
    );
    assert!(mentorbot::pairs_cli::ctl("end", "bored").is_err());
}

async fn pairs_are_paged(store: (Store, Option<tempfile::TempDir>)) {
    let mut h = Harness::new(store).await;
    h.pair().await;
    let t = at(2030, 8, 1, 9, 0);
    for i in 0..6 {
        let a = h
            .register(&format!("Mentee{i}"), Role::Mentee, bot_core::Lang::En, t)
            .await;
        let b = h
            .register(&format!("Mentor{i}"), Role::Mentor, bot_core::Lang::En, t)
            .await;
        h.engine.match_pair(a, b, t).await.unwrap();
    }
    h.say("Karen", "/pairs", t).await;
    assert_eq!(h.last("Karen").text, "Pairs 1–5 of 7 (0 at risk).");
    assert_eq!(h.inbox("Karen").len(), 6);
    h.press("Karen", |p| p.ends_with("pl:1"), t).await;
    assert_eq!(h.last("Karen").text, "Pairs 6–7 of 7 (0 at risk).");
    assert_eq!(h.inbox("Karen").len(), 9);
    assert!(
        h.last("Karen")
            .buttons
            .iter()
            .flatten()
            .any(|b| b.payload.ends_with("pl:0"))
    );
}

/// /pairs, pair control and flag handling as a mentee, a mentor and
/// another programme's coordinator: refused, and nothing changes.
async fn only_the_programmes_coordinator_sees_and_controls_pairs(store: (Store, Option<tempfile::TempDir>)) {
    let mut h = Harness::new(store).await;
    let pair = h.pair().await;
    outsider(&mut h).await;
    let t = at(2030, 8, 20, 12, 0);
    h.run(t).await;
    let outbox = "SELECT COUNT(*) FROM outbox";
    for who in ["Amira", "Lars"] {
        let karen = h.inbox("Karen").len();
        h.say(who, "/pairs", t).await;
        assert_eq!(h.last(who).text, "Only the programme's coordinators can do that.");
        for payload in [
            "pl:0",
            &format!("pc:pause:{pair}"),
            &format!("pc:end:{pair}:moved"),
            &format!("pc:end:{pair}"),
        ] {
            let before = count(&h.engine.store, outbox).await;
            h.press_payload(who, payload, t).await;
            assert_eq!(
                h.last(who).text,
                "Only the programme's coordinators can do that.",
                "{who} pressed {payload}"
            );
            // Only the refusal was sent.
            assert_eq!(count(&h.engine.store, outbox).await, before + 1);
        }
        assert_eq!(status_of(&h, pair).await, "running");
        assert_eq!(h.inbox("Karen").len(), karen);
    }
    for payload in [
        format!("pc:pause:{pair}"),
        format!("pc:end:{pair}:moved"),
        format!("pc:end:{pair}"),
    ] {
        h.press_payload("Olga", &payload, t).await;
        assert_eq!(h.last("Olga").text, "That pair is not one of your programme's.");
    }
    assert_eq!(status_of(&h, pair).await, "running");
    assert!(
        !h.texts("Amira")
            .iter()
            .any(|m| m.contains("paused") || m.contains("ended early"))
    );
    assert!(
        h.engine
            .control_pair("test-programme", pair, bot_core::payload::PairCtl::Pause, t)
            .await
            .is_ok()
    );
}

/// While the mid-term survey is open, `/report` shows its response rate so
/// far per role, and "Remind them now" reminds each who has not answered,
/// once; a mentee or mentor pressing it is refused and nothing is sent.
async fn survey_progress_and_one_extra_reminder(store: (Store, Option<tempfile::TempDir>)) {
    let mut h = Harness::new(store).await;
    h.pair().await;
    let t = at(2030, 10, 21, 10, 0);
    h.run(t).await;
    let t = at(2030, 10, 21, 12, 0);
    h.press("Amira", |p| p.ends_with("ans:midterm:benefit:4"), t).await;
    h.press("Amira", |p| p.ends_with("ans:midterm:topics:t1"), t).await;
    h.press("Amira", |p| p.ends_with("ans:midterm:topics:done"), t).await;
    h.press("Amira", |p| p.ends_with("ans:midterm:changes:skip"), t).await;

    h.say("Karen", "/report", t).await;
    let progress = h.last("Karen");
    assert!(
        progress.text.contains("The mid-term evaluation is open until"),
        "{}",
        progress.text
    );
    assert!(
        progress.text.contains("Mentees: 1 of 1 have answered (100 %)."),
        "{}",
        progress.text
    );
    assert!(
        progress.text.contains("Mentors: 0 of 1 have answered (0 %)."),
        "{}",
        progress.text
    );
    assert!(
        progress.text.contains("1 person has not answered yet."),
        "{}",
        progress.text
    );
    let remind = button(&h, "Karen", "srem:midterm");

    // The attack: a mentee and a mentor press the coordinator's button.
    let outbox = "SELECT COUNT(*) FROM outbox";
    for who in ["Amira", "Lars"] {
        let before = count(&h.engine.store, outbox).await;
        h.press_payload(who, &remind, t).await;
        assert_eq!(h.last(who).text, "Only the programme's coordinators can do that.");
        assert_eq!(count(&h.engine.store, outbox).await, before + 1, "only the refusal");
    }
    assert!(!h.texts("Lars").iter().any(|m| m.contains("Your coordinator asks you")));

    // The coordinator: Lars, who has not answered, is reminded with his
    // question; Amira, who has, hears nothing.
    let (amira, lars) = (h.inbox("Amira").len(), h.inbox("Lars").len());
    h.press_payload("Karen", &remind, t).await;
    assert_eq!(
        h.last("Karen").text,
        "1 person who has not answered the mid-term evaluation was reminded now."
    );
    assert_eq!(h.inbox("Amira").len(), amira);
    let new: Vec<String> = h.texts("Lars")[lars..].to_vec();
    assert_eq!(new.len(), 2, "{new:?}");
    assert!(
        new[0].contains("Your coordinator asks you to answer the mid-term evaluation"),
        "{new:?}"
    );
    assert!(new[1].starts_with("1/"), "the question he is at: {new:?}");

    // Once: a second press reminds nobody.
    h.press_payload("Karen", &remind, t).await;
    assert!(
        h.last("Karen").text.starts_with("Nobody was reminded"),
        "{}",
        h.last("Karen").text
    );
    assert_eq!(h.inbox("Lars").len(), lars + 2);
    let msg = h
        .engine
        .remind_survey("test-programme", bot_core::programme::SurveyKind::Midterm, t)
        .await
        .unwrap();
    assert_eq!(msg.key, "survey-reminded");
    h.dispatcher.drain(t).await.unwrap();
    assert_eq!(h.inbox("Lars").len(), lars + 2);

    // After the deadline: nothing to remind, and /report shows no progress.
    let late = at(2030, 10, 29, 12, 0);
    h.press_payload("Karen", &remind, late).await;
    assert_eq!(
        h.last("Karen").text,
        "The mid-term evaluation is not open now, so no reminder was sent."
    );
    assert!(
        h.engine
            .survey_progress("test-programme", late)
            .await
            .unwrap()
            .is_empty()
    );
}

/// Ending a pair from pair control offers the coordinator a rematch: the
/// button shows the best free mentor (not the last one) with the score,
/// and confirming matches them; a mentee pressing either is refused and
/// nothing changes.
async fn ending_a_pair_offers_a_rematch(store: (Store, Option<tempfile::TempDir>)) {
    let mut h = Harness::new(store).await;
    let pair = h.pair().await;
    let t = at(2030, 8, 20, 12, 0);
    let eva = h.register("Eva", Role::Mentor, bot_core::Lang::En, t).await;
    let (amira, _) = with_profiles(&h, eva, t).await;
    h.run(t).await;

    h.press_payload("Karen", &format!("pc:end:{pair}:moved"), t).await;
    assert!(
        h.texts("Karen").iter().any(|m| m.contains("has ended (")),
        "{:?}",
        h.texts("Karen")
    );
    // One Rematch button: on the alert that the pair ended (the answer to
    // the press has none).
    assert!(
        h.texts("Karen").iter().any(|m| m.contains("has ended early")),
        "{:?}",
        h.texts("Karen")
    );
    let rematches = h
        .inbox("Karen")
        .iter()
        .flat_map(|m| m.buttons.iter().flatten())
        .filter(|b| b.payload.ends_with("|rm") || b.payload.contains(":rematch:"))
        .count();
    assert_eq!(rematches, 1, "{:?}", h.inbox("Karen"));
    let rematch = button(&h, "Karen", &format!("p{pair}|rm"));

    let pairs = "SELECT COUNT(*) FROM pairs";
    assert_eq!(count(&h.engine.store, pairs).await, 1);
    h.press_payload("Amira", &rematch, t).await;
    assert_eq!(h.last("Amira").text, "Only the programme's coordinators can do that.");
    assert_eq!(count(&h.engine.store, pairs).await, 1);

    h.press_payload("Karen", &rematch, t).await;
    let answer = h.last("Karen").text;
    assert!(
        answer.starts_with("The best free mentor for Amira is Eva, with a score of "),
        "{answer}"
    );
    assert_eq!(count(&h.engine.store, pairs).await, 1);
    let confirm = button(&h, "Karen", &format!("rm:{amira}:{eva}"));
    h.press_payload("Amira", &confirm, t).await;
    assert_eq!(h.last("Amira").text, "Only the programme's coordinators can do that.");
    assert_eq!(count(&h.engine.store, pairs).await, 1);

    h.press_payload("Karen", &confirm, t).await;
    let answer = h.last("Karen").text;
    assert!(answer.starts_with("Amira is matched with Eva (pair "), "{answer}");
    assert_eq!(count(&h.engine.store, pairs).await, 2);
    // Pressed again: Amira has a pair under way, so the press is stale.
    h.press_payload("Karen", &confirm, t).await;
    let texts = h.texts("Karen");
    assert!(
        texts[texts.len() - 2].starts_with("That proposal no longer holds for Amira"),
        "{texts:?}"
    );
    assert!(texts[texts.len() - 1].starts_with("No new mentor:"), "{texts:?}");
    assert_eq!(count(&h.engine.store, pairs).await, 2);
}

/// Profiles that fit for Amira, Lars and a new mentor; Amira's and
/// Lars's ids.
async fn with_profiles(h: &Harness, mentor: i64, t: bot_core::Ts) -> (i64, i64) {
    let pid = h.programme_id();
    let profile = bot_core::profile::Profile {
        field: Some("field-it".into()),
        format: Some(bot_core::profile::Format::Both),
        languages: vec!["da".into()],
        capacity: Some(2),
        ..Default::default()
    };
    let ids: Vec<i64> = {
        let sql = "SELECT id FROM participants WHERE name IN ('Amira', 'Lars') ORDER BY name";
        let rows = sqlx::query::<sqlx::Any>(sql)
            .fetch_all(h.engine.store.pool())
            .await
            .unwrap();
        rows.iter().map(|r| r.try_get::<i64, _>(0).unwrap()).collect()
    };
    let mut tx = h.engine.store.begin().await.unwrap();
    for id in [ids[0], ids[1], mentor] {
        h.engine
            .store
            .save_profile(&mut tx, id, &pid, &profile, t)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    (ids[0], ids[1])
}

/// A pair ended another way (the CLI here) tells the coordinators with a
/// rematch button; the wrong people pressing it, or a forged or stale
/// confirmation, change nothing.
async fn a_pair_ended_from_the_cli_offers_the_coordinators_a_rematch(store: (Store, Option<tempfile::TempDir>)) {
    let mut h = Harness::new(store).await;
    let pair = h.pair().await;
    let t = at(2030, 8, 20, 12, 0);
    let eva = h.register("Eva", Role::Mentor, bot_core::Lang::En, t).await;
    let (amira, lars) = with_profiles(&h, eva, t).await;
    outsider(&mut h).await;
    h.run(t).await;
    let pid = h.programme_id();
    h.engine
        .control_pair(&pid, pair, bot_core::payload::PairCtl::End(EndReason::Moved), t)
        .await
        .unwrap();
    h.run(t).await;
    let alert = h.last("Karen");
    assert!(alert.text.contains("has ended early"), "{}", alert.text);
    let rematch = button(&h, "Karen", &format!("p{pair}|rm"));
    assert_eq!(alert.buttons.concat()[0].payload, rematch);

    let pairs = "SELECT COUNT(*) FROM pairs";
    // The mentee and the mentor: coordinators only, the forged confirmation too.
    for (who, payload) in [
        ("Amira", rematch.clone()),
        ("Lars", rematch.clone()),
        ("Amira", format!("rm:{amira}:{eva}")),
        ("Amira", format!("rm:{amira}")),
    ] {
        h.press_payload(who, &payload, t).await;
        assert_eq!(h.last(who).text, "Only the programme's coordinators can do that.");
    }
    // Another programme's coordinator: not theirs to rematch.
    h.press_payload("Olga", &rematch, t).await;
    assert_eq!(h.last("Olga").text, "That pair is not one of your programme's.");
    h.press_payload("Olga", &format!("rm:{amira}:{eva}"), t).await;
    assert_eq!(h.last("Olga").text, "That mentee is not one of your programme's.");
    // A mentor is not rematched as a mentee.
    h.press_payload("Karen", &format!("rm:{lars}"), t).await;
    assert_eq!(h.last("Karen").text, "That mentee is not one of your programme's.");
    // Without its pair tag the button is stale.
    h.press_payload("Karen", "rm", t).await;
    assert!(
        h.last("Karen").text.contains("no longer active"),
        "{}",
        h.last("Karen").text
    );
    assert_eq!(count(&h.engine.store, pairs).await, 1);

    h.press_payload("Karen", &rematch, t).await;
    let answer = h.last("Karen").text;
    assert!(
        answer.starts_with("The best free mentor for Amira is Eva, with a score of "),
        "{answer}"
    );
    // A confirmation for another mentor than the one shown is stale: the
    // answer says so and shows the proposal as it stands.
    h.press_payload("Karen", &format!("rm:{amira}:{lars}"), t).await;
    let texts = h.texts("Karen");
    assert!(
        texts[texts.len() - 2].starts_with("That proposal no longer holds for Amira"),
        "{texts:?}"
    );
    assert!(
        texts[texts.len() - 1].starts_with("The best free mentor for Amira is Eva"),
        "{texts:?}"
    );
    assert_eq!(count(&h.engine.store, pairs).await, 1);

    h.press_payload("Karen", &format!("rm:{amira}:{eva}"), t).await;
    assert!(
        h.last("Karen").text.starts_with("Amira is matched with Eva (pair "),
        "{}",
        h.last("Karen").text
    );
    assert_eq!(count(&h.engine.store, pairs).await, 2);
}

/// A mentor who asks to be forgotten ends the pair: the coordinators can
/// rematch the mentee. A forgotten mentee is not offered for a rematch.
async fn a_forgetting_mentor_leaves_the_mentee_to_rematch_a_forgotten_mentee_does_not(
    store: (Store, Option<tempfile::TempDir>),
) {
    let mut h = Harness::new(store).await;
    let first = h.pair().await;
    let t0 = at(2030, 8, 1, 9, 0);
    let bo = h.register("Bo", Role::Mentee, bot_core::Lang::En, t0).await;
    let ole = h.register("Ole", Role::Mentor, bot_core::Lang::En, t0).await;
    let second = h.engine.match_pair(bo, ole, t0).await.unwrap();
    let t = at(2030, 8, 20, 12, 0);
    h.run(t).await;
    for who in ["Lars", "Bo"] {
        h.say(who, "/forget", t).await;
        h.press(who, |p| p.ends_with("forget:yes"), t).await;
    }
    h.run(t).await;
    let ended: Vec<_> = h
        .inbox("Karen")
        .into_iter()
        .filter(|m| m.text.contains("has ended early"))
        .collect();
    assert_eq!(ended.len(), 2, "{ended:?}");
    let rematch = format!("p{first}|rm");
    assert_eq!(ended[0].buttons.concat()[0].payload, rematch);
    assert!(ended[1].buttons.is_empty(), "{:?}", ended[1].buttons);
    h.press_payload("Karen", &rematch, t).await;
    assert!(
        h.last("Karen")
            .text
            .starts_with("The best free mentor for Amira is Ole"),
        "{}",
        h.last("Karen").text
    );
    // A forged button for Bo's pair finds nobody.
    h.press_payload("Karen", &format!("p{second}|rm"), t).await;
    assert_eq!(h.last("Karen").text, "That mentee is not one of your programme's.");
}

/// `/match` offers a "Find a mentor" button for each waitlisted mentee:
/// it shows the best free mentor once one is free, then confirms.
async fn match_in_chat_offers_a_mentor_to_each_waitlisted_mentee(store: (Store, Option<tempfile::TempDir>)) {
    let mut h = Harness::new(store).await;
    h.pair().await;
    let t = at(2030, 8, 20, 12, 0);
    let bo = h.register("Bo", Role::Mentee, bot_core::Lang::En, t).await;
    h.run(t).await;
    h.say("Karen", "/match", t).await;
    let find = button(&h, "Karen", &format!("rm:{bo}"));
    let label = h
        .last("Karen")
        .buttons
        .concat()
        .into_iter()
        .find(|b| b.payload == find)
        .unwrap()
        .label;
    assert_eq!(label, "Find a mentor for Bo");
    h.press_payload("Bo", &find, t).await;
    assert_eq!(h.last("Bo").text, "Only the programme's coordinators can do that.");
    // Lars is full: Bo waits.
    h.press_payload("Karen", &find, t).await;
    assert!(
        h.last("Karen").text.starts_with("No free mentor fits Bo now"),
        "{}",
        h.last("Karen").text
    );
    // A new mentor: shown, then matched on confirmation.
    let eva = h.register("Eva", Role::Mentor, bot_core::Lang::En, t).await;
    h.press_payload("Karen", &find, t).await;
    assert!(
        h.last("Karen").text.starts_with("The best free mentor for Bo is Eva"),
        "{}",
        h.last("Karen").text
    );
    h.press_payload("Karen", &format!("rm:{bo}:{eva}"), t).await;
    assert!(
        h.last("Karen").text.starts_with("Bo is matched with Eva (pair "),
        "{}",
        h.last("Karen").text
    );
    assert_eq!(count(&h.engine.store, "SELECT COUNT(*) FROM pairs").await, 2);
}

both_backends!(
    ending_a_pair_offers_a_rematch,
    a_pair_ended_from_the_cli_offers_the_coordinators_a_rematch,
    a_forgetting_mentor_leaves_the_mentee_to_rematch_a_forgotten_mentee_does_not,
    match_in_chat_offers_a_mentor_to_each_waitlisted_mentee,
    survey_progress_and_one_extra_reminder,
    flag_lifecycle,
    unacknowledged_flags_are_raised_again,
    a_forgotten_flagger_is_not_raised_again_and_their_note_goes,
    pairs_in_chat_with_risks_and_control,
    pairs_are_paged,
    only_the_programmes_coordinator_sees_and_controls_pairs
);
