//! `/broadcast` as a coordinator uses it (audience, text, preview,
//! confirmation, progress, stopping), tried as the wrong person, and
//! `mentorbot broadcast` from the command line. Time is explicit.

mod common;

use bot_core::adapter::{Adapter, Inbound, InboundKind};
use bot_core::{Lang, Role, Ts};
use common::{Harness, at};
use mentorbot::Store;
use mentorbot::dispatch::Dispatcher;
use sqlx::Row;
use std::sync::Arc;

type Db = (Store, Option<tempfile::TempDir>);

both_backends!(
    a_coordinator_broadcasts_to_the_mentees_with_a_preview_and_every_mentee_gets_it_once,
    one_text_per_language_reaches_each_reader_in_theirs,
    a_broadcast_stopped_while_it_sends_drops_what_was_not_sent,
    mentees_and_mentors_cannot_broadcast_or_make_events_and_nothing_changes,
    another_programmes_coordinator_cannot_stop_a_broadcast,
    the_weekly_digest_comes_on_monday_at_nine_once_across_restarts,
    a_broadcast_sent_at_night_waits_for_the_end_of_the_quiet_hours,
    a_recurring_broadcast_fires_once_on_octobers_change_reaches_only_mentees_and_stops_at_the_end,
    a_restart_neither_loses_nor_repeats_a_recurring_broadcast,
    a_coordinators_schedule_is_stored_survives_a_restart_and_a_bad_cron_stores_nothing,
    a_coordinators_recurring_event_is_made_with_its_title_once_and_invites_the_pairs,
);

async fn a_broadcast_sent_at_night_waits_for_the_end_of_the_quiet_hours(db: Db) {
    let mut h = Harness::new(db).await;
    people(&mut h).await;
    // The programme's quiet hours are 21:00–08:00, in each recipient's zone.
    let t = at(2030, 8, 5, 22, 30);
    h.say("Karen", "/broadcast", t).await;
    h.press("Karen", |p| p == "bc:aud:mentees", t).await;
    h.say("Karen", "Workshop tomorrow", t).await;
    h.press("Karen", |p| p == "bc:send", t).await;
    // The coordinator's own answers come at once.
    assert!(h.last("Karen").text.contains("Sending"), "{}", h.last("Karen").text);
    h.run(at(2030, 8, 6, 7, 59)).await;
    assert_eq!(got(&h, "Amira", "Workshop tomorrow"), 0);
    h.run(at(2030, 8, 6, 8, 0)).await;
    assert_eq!(got(&h, "Amira", "Workshop tomorrow"), 1);
    assert_eq!(got(&h, "Sofie", "Workshop tomorrow"), 1);
    assert_eq!(got(&h, "Lars", "Workshop tomorrow"), 0);
}

async fn count(store: &Store, sql: &str) -> i64 {
    sqlx::query::<sqlx::Any>(sqlx::AssertSqlSafe(sql))
        .fetch_one(store.pool())
        .await
        .unwrap()
        .try_get(0)
        .unwrap()
}

/// An update handled without sending what it queued.
async fn handle_only(h: &Harness, who: &str, kind: InboundKind, key: &str, now: Ts) {
    let u = Inbound {
        platform: "memory".into(),
        update_key: format!("{who}|raw-{key}"),
        user_id: who.into(),
        address: who.into(),
        lang_hint: None,
        contact: None,
        kind,
    };
    h.engine.handle(&u, now).await.unwrap();
}

/// Amira and Sofie are mentees, Lars and Ole mentors, Karen coordinates.
async fn people(h: &mut Harness) {
    h.pair().await;
    let t = at(2030, 8, 1, 9, 0);
    h.register("Sofie", Role::Mentee, Lang::Da, t).await;
    h.register("Ole", Role::Mentor, Lang::Nb, t).await;
}

fn got(h: &Harness, who: &str, text: &str) -> usize {
    h.texts(who).iter().filter(|t| t.contains(text)).count()
}

async fn a_coordinator_broadcasts_to_the_mentees_with_a_preview_and_every_mentee_gets_it_once(db: Db) {
    let mut h = Harness::new(db).await;
    people(&mut h).await;
    let t = at(2030, 8, 5, 10, 0);
    h.say("Karen", "/broadcast", t).await;
    assert!(h.last("Karen").text.contains("Who should get the message?"));
    h.press("Karen", |p| p == "bc:aud:mentees", t).await;
    assert!(h.last("Karen").text.contains("Write the message"));
    h.say("Karen", "Kickoff moves to 18:00 in room 2.", t).await;
    let preview = h.inbox("Karen");
    let texts: Vec<&str> = preview.iter().map(|m| m.text.as_str()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("This is what they will get:\nKickoff moves to 18:00"))
    );
    assert!(
        h.last("Karen")
            .text
            .contains("It goes to the mentees: 2 people. Send it?"),
        "{texts:?}"
    );
    // Nothing went out before the confirmation.
    assert_eq!(got(&h, "Amira", "Kickoff moves"), 0);
    assert_eq!(got(&h, "Sofie", "Kickoff moves"), 0);

    h.press("Karen", |p| p == "bc:send", t).await;
    assert!(h.texts("Karen").iter().any(|t| t.contains("Sending to 2 people")));
    for mentee in ["Amira", "Sofie"] {
        assert_eq!(got(&h, mentee, "Kickoff moves to 18:00 in room 2."), 1, "{mentee}");
    }
    for other in ["Lars", "Ole"] {
        assert_eq!(got(&h, other, "Kickoff moves"), 0, "{other}");
    }
    // The scheduler's next pass shows the end, once.
    h.run(t).await;
    h.run(t + chrono::Duration::minutes(1)).await;
    assert_eq!(got(&h, "Karen", "100% done: 2 of 2 delivered."), 1);

    // The send button again (a double tap, a replay): nothing more goes out.
    h.press("Karen", |p| p == "bc:send", t).await;
    assert!(h.last("Karen").text.contains("no longer"), "{}", h.last("Karen").text);
    for mentee in ["Amira", "Sofie"] {
        assert_eq!(got(&h, mentee, "Kickoff moves"), 1, "{mentee}");
    }
    // The dialogue is over: her next words are not a broadcast.
    assert_eq!(count(&h.engine.store, "SELECT COUNT(*) FROM dialogues").await, 0);
}

async fn one_text_per_language_reaches_each_reader_in_theirs(db: Db) {
    let mut h = Harness::new(db).await;
    people(&mut h).await;
    let t = at(2030, 8, 5, 10, 0);
    h.say("Karen", "/broadcast", t).await;
    h.press("Karen", |p| p == "bc:aud:everyone", t).await;
    h.press("Karen", |p| p == "bc:perlang", t).await;
    // The programme's languages in order: Danish, then English.
    assert!(h.last("Karen").text.contains("Dansk"));
    h.say("Karen", "Husk kickoff torsdag.", t).await;
    assert!(h.last("Karen").text.contains("English"));
    h.say("Karen", "Remember the kickoff on Thursday.", t).await;
    assert!(h.last("Karen").text.contains("4 people"));
    h.press("Karen", |p| p == "bc:send", t).await;
    assert_eq!(got(&h, "Amira", "Remember the kickoff"), 1);
    assert_eq!(got(&h, "Lars", "Remember the kickoff"), 1);
    assert_eq!(got(&h, "Sofie", "Husk kickoff"), 1);
    // Norwegian is not one of the programme's: Ole reads Danish.
    assert_eq!(got(&h, "Ole", "Husk kickoff"), 1);
    assert_eq!(got(&h, "Sofie", "Remember"), 0);
    assert_eq!(
        got(&h, "Karen", "Husk kickoff torsdag.\n"),
        0,
        "a coordinator is not a recipient"
    );
}

async fn a_broadcast_stopped_while_it_sends_drops_what_was_not_sent(db: Db) {
    let mut h = Harness::new(db).await;
    people(&mut h).await;
    let t = at(2030, 8, 5, 10, 0);
    for (i, name) in ["Mette", "Jonas", "Ida"].iter().enumerate() {
        h.register(
            name,
            Role::Mentee,
            Lang::En,
            t - chrono::Duration::minutes(i as i64 + 1),
        )
        .await;
    }
    h.say("Karen", "/broadcast", t).await;
    h.press("Karen", |p| p == "bc:aud:mentees", t).await;
    h.say("Karen", "Workshop tonight", t).await;
    assert!(h.last("Karen").text.contains("5 people"));
    // Confirmed; the platform has sent one message when she stops it.
    handle_only(&h, "Karen", InboundKind::Button("bc:send".into()), "send", t).await;
    let mut slow = Dispatcher::new(h.engine.clone(), vec![h.adapter.clone() as Arc<dyn Adapter>]);
    slow.batch = 1;
    slow.run_once(t).await.unwrap();
    let id = count(&h.engine.store, "SELECT MAX(id) FROM broadcasts").await;
    h.press_payload("Karen", &format!("bc:stop:{id}"), t).await;
    h.run(t + chrono::Duration::minutes(5)).await;
    let reached: usize = ["Amira", "Sofie", "Mette", "Jonas", "Ida"]
        .iter()
        .map(|m| got(&h, m, "Workshop tonight"))
        .sum();
    assert_eq!(reached, 1, "only the one sent before the stop");
    assert!(
        h.texts("Karen")
            .iter()
            .any(|t| t.contains("Stopped. 1 had already been delivered; 4 will not be sent.")),
        "{:?}",
        h.texts("Karen")
    );
    // A stopped broadcast reports no progress, and stopping again does nothing.
    assert_eq!(got(&h, "Karen", "% done"), 0);
    h.press_payload("Karen", &format!("bc:stop:{id}"), t).await;
    assert!(h.last("Karen").text.contains("no longer"));
}

async fn mentees_and_mentors_cannot_broadcast_or_make_events_and_nothing_changes(db: Db) {
    let mut h = Harness::new(db).await;
    people(&mut h).await;
    let t = at(2030, 8, 5, 10, 0);
    let store = h.engine.store.clone();
    let outbox_before = count(&store, "SELECT COUNT(*) FROM outbox").await;
    for who in ["Amira", "Lars"] {
        for cmd in ["/broadcast", "/event"] {
            h.say(who, cmd, t).await;
            assert_eq!(
                h.last(who).text,
                "Only the programme's coordinators can do that.",
                "{who} {cmd}"
            );
        }
        // Forged presses of the dialogue's buttons.
        for forged in ["bc:aud:everyone", "bc:perlang", "bc:send", "bc:stop:1"] {
            h.press_payload(who, forged, t).await;
            assert!(!h.last(who).text.contains("Sending"), "{who} {forged}");
        }
        // Forged presses of the event dialogue, its new audiences included.
        for forged in ["ev:new", "ev:aud:unmatched", "ev:aud:at-risk"] {
            h.press_payload(who, forged, t).await;
            assert_eq!(
                h.last(who).text,
                "Only the programme's coordinators can do that.",
                "{who} {forged}"
            );
        }
        // Text afterwards is ordinary text, not a broadcast.
        h.say(who, "Everyone: party at mine", t).await;
    }
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM events WHERE spec IS NOT NULL").await,
        0
    );
    assert_eq!(count(&store, "SELECT COUNT(*) FROM dialogues").await, 0);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM broadcasts").await, 0);
    for bystander in ["Sofie", "Ole", "Karen"] {
        assert_eq!(got(&h, bystander, "party at mine"), 0, "{bystander}");
        assert!(h.inbox(bystander).is_empty(), "{bystander}: {:?}", h.texts(bystander));
    }
    // Only the answers to Amira and Lars were queued: 2 × (2 commands + 7 presses + 1 text).
    assert_eq!(count(&store, "SELECT COUNT(*) FROM outbox").await - outbox_before, 20);
}

async fn another_programmes_coordinator_cannot_stop_a_broadcast(db: Db) {
    let mut h = common::two_programmes(db).await;
    people(&mut h).await;
    let t = at(2030, 8, 5, 10, 0);
    h.register_in("other-programme", "Bodil", Role::Coordinator, Lang::Da, t)
        .await;
    h.say("Karen", "/broadcast", t).await;
    h.press("Karen", |p| p == "bc:aud:mentees", t).await;
    h.say("Karen", "Workshop tonight", t).await;
    handle_only(&h, "Karen", InboundKind::Button("bc:send".into()), "send", t).await;
    let id = count(&h.engine.store, "SELECT MAX(id) FROM broadcasts").await;
    // Bodil (another programme) tries to stop it, and to start one of hers
    // that would reach Karen's people.
    h.press_payload("Bodil", &format!("bc:stop:{id}"), t).await;
    assert!(!h.last("Bodil").text.contains("Stop"), "{}", h.last("Bodil").text);
    let status: String = sqlx::query::<sqlx::Any>("SELECT status FROM broadcasts WHERE id = $1")
        .bind(id)
        .fetch_one(h.engine.store.pool())
        .await
        .unwrap()
        .get(0);
    assert_eq!(status, "sending");
    h.dispatcher.drain(t).await.unwrap();
    assert_eq!(got(&h, "Amira", "Workshop tonight"), 1);
    assert_eq!(got(&h, "Sofie", "Workshop tonight"), 1);
    h.say("Bodil", "/broadcast", t).await;
    h.press("Bodil", |p| p == "bc:aud:everyone", t).await;
    h.say("Bodil", "Hej fra Bodil", t).await;
    assert!(
        h.last("Bodil").text.contains("Der er ingen i den gruppe"),
        "{}",
        h.last("Bodil").text
    );
    for p in ["Amira", "Sofie", "Lars", "Ole"] {
        assert_eq!(got(&h, p, "Bodil"), 0);
    }
}

/// `mentorbot` with these arguments.
fn cli(args: &[&str]) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_mentorbot"));
    c.args(args).env_remove("MENTORBOT_DATABASE_URL");
    c
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_counts_on_a_dry_run_then_sends_to_each_mentee_once_with_a_progress_bar() {
    use std::path::Path;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let config = dir.path().join("mentorbot.toml");
    std::fs::write(
        &config,
        format!(
            "database_url = \"sqlite://{}\"\nprogrammes = [\"{}/programmes/karrierementor.toml\"]\n",
            db.display(),
            env!("CARGO_MANIFEST_DIR"),
        ),
    )
    .unwrap();
    let text = dir.path().join("kickoff.txt");
    std::fs::write(&text, "Kickoff er flyttet til kl. 18.\n").unwrap();
    let store = Store::connect(&format!("sqlite://{}", db.display())).await.unwrap();
    store.migrate().await.unwrap();
    let (p, src) =
        mentorbot::load_programme(&Path::new(env!("CARGO_MANIFEST_DIR")).join("programmes/karrierementor.toml"))
            .unwrap();
    let engine = Arc::new(mentorbot::Engine::new(store, vec![p]));
    let t = at(2030, 8, 1, 9, 0);
    engine
        .load_programmes(&[("karrierementor".to_string(), src)].into(), t)
        .await
        .unwrap();
    for (name, role) in [("Amira", Role::Mentee), ("Sofie", Role::Mentee), ("Lars", Role::Mentor)] {
        let reg = mentorbot::Registration {
            programme_id: "karrierementor",
            role,
            name,
            lang: Lang::Da,
            tz: None,
            contact: None,
            consent: true,
            platform: "memory",
            user_id: name,
            address: name,
        };
        engine.register(&reg, t).await.unwrap();
    }
    let args = |extra: &[&str]| {
        let mut a = vec![
            "broadcast",
            "--config",
            config.to_str().unwrap(),
            "--programme",
            "karrierementor",
            "--audience",
            "mentees",
            "--text-file",
            text.to_str().unwrap(),
        ];
        a.extend_from_slice(extra);
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let run = |a: Vec<String>| {
        tokio::task::spawn_blocking(move || cli(&a.iter().map(String::as_str).collect::<Vec<_>>()).output().unwrap())
    };

    // A dry run counts and changes nothing.
    let o = run(args(&["--dry-run"])).await.unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Prøvekørsel: den ville gå til 2 (mentees)"), "{out}");
    assert_eq!(count(&engine.store, "SELECT COUNT(*) FROM outbox").await, 0);
    assert_eq!(count(&engine.store, "SELECT COUNT(*) FROM broadcasts").await, 0);

    // A wrong audience or an empty file is refused, naming what is allowed.
    let mut bad = args(&["--dry-run"]);
    bad[6] = "bosses".into();
    let o = run(bad).await.unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("everyone, mentors, mentees"));
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    let mut bad = args(&[]);
    bad[8] = empty.to_str().unwrap().into();
    let o = run(bad).await.unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("nothing to send"));
    assert_eq!(count(&engine.store, "SELECT COUNT(*) FROM outbox").await, 0);

    // For real: the command follows the sending until the last message
    // is out (`serve`'s dispatcher sends; here, the test's).
    let child = tokio::task::spawn_blocking({
        let a = args(&[]);
        move || cli(&a.iter().map(String::as_str).collect::<Vec<_>>()).output().unwrap()
    });
    let adapter = Arc::new(bot_core::adapter::InMemoryAdapter::new());
    let dispatcher = Dispatcher::new(engine.clone(), vec![adapter.clone() as Arc<dyn Adapter>]);
    let mut waited = 0;
    while count(&engine.store, "SELECT COUNT(*) FROM outbox").await < 2 {
        waited += 1;
        assert!(waited < 600, "the broadcast was never queued");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    dispatcher.drain(t).await.unwrap();
    let o = child.await.unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("Udsendelse 1 er sat i kø til 2 modtagere."),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    for mentee in ["Amira", "Sofie"] {
        let got: Vec<_> = adapter.sent_to(mentee).into_iter().map(|m| m.text).collect();
        assert_eq!(got, ["Kickoff er flyttet til kl. 18."], "{mentee}");
    }
    assert!(adapter.sent_to("Lars").is_empty());
}

async fn the_weekly_digest_comes_on_monday_at_nine_once_across_restarts(db: Db) {
    let mut h = Harness::new(db).await;
    people(&mut h).await;
    let digests = |h: &Harness| got(h, "Karen", "Your weekly overview");
    let restart = |h: &Harness| {
        let programmes = h.engine.programmes().iter().map(|p| (**p).clone()).collect();
        mentorbot::Engine::new(h.engine.store.clone(), programmes)
    };
    // Sunday 4 August 2030: Amira flags her pair.
    let sunday = at(2030, 8, 4, 12, 0);
    h.say("Amira", "/flag", sunday).await;
    h.press("Amira", |p| p.ends_with("flag:more-exercises"), sunday).await;
    h.run(sunday).await;
    h.run(at(2030, 8, 5, 8, 59)).await;
    assert_eq!(digests(&h), 0);
    // Restarted just before nine, and again just after it fired.
    restart(&h).tick_all_due(at(2030, 8, 5, 9, 0)).await.unwrap();
    restart(&h).tick_all_due(at(2030, 8, 5, 9, 1)).await.unwrap();
    h.run(at(2030, 8, 5, 9, 2)).await;
    assert_eq!(digests(&h), 1, "{:?}", h.texts("Karen"));
    let digest = h
        .texts("Karen")
        .into_iter()
        .find(|t| t.contains("Your weekly overview"))
        .unwrap();
    assert!(digest.contains("Open flags: 1"), "{digest}");
    assert!(digest.contains("kickoff ✅ 0 ❌ 0"), "{digest}");
    // No mentee or mentor gets it.
    assert_eq!(
        got(&h, "Amira", "weekly overview") + got(&h, "Lars", "weekly overview"),
        0
    );
    // Down over the next Monday: the missed digest comes once on return.
    h.run(at(2030, 8, 13, 10, 0)).await;
    h.run(at(2030, 8, 13, 10, 5)).await;
    assert_eq!(digests(&h), 2);
    h.run(at(2030, 8, 19, 8, 0)).await;
    assert_eq!(digests(&h), 2);
}

/// A daily 02:30 broadcast to the mentees, from the programme file.
const NIGHTLY: &str = "[[recurring_broadcasts]]\nid = \"nightly\"\ncron = \"30 2 * * *\"\naudience = \"mentees\"\ntext = { da = \"Husk logbogen\", en = \"Remember the logbook\" }\n";

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> Ts {
    use chrono::TimeZone;
    chrono::Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

async fn broadcasts(h: &Harness) -> i64 {
    count(&h.engine.store, "SELECT COUNT(*) FROM broadcasts").await
}

fn restarted(h: &Harness) -> mentorbot::Engine {
    let programmes = h.engine.programmes().iter().map(|p| (**p).clone()).collect();
    mentorbot::Engine::new(h.engine.store.clone(), programmes)
}

async fn a_recurring_broadcast_fires_once_on_octobers_change_reaches_only_mentees_and_stops_at_the_end(db: Db) {
    let mut h = Harness::with_extra(db, NIGHTLY).await;
    people(&mut h).await;
    // 2030-10-27: 02:00–03:00 happens twice in Copenhagen. Every hour,
    // and each half hour inside the repeated one, from the 26th to the 28th.
    let mut t = utc(2030, 10, 25, 22, 0);
    while t <= utc(2030, 10, 28, 12, 0) {
        h.run(t).await;
        h.run(t + chrono::Duration::minutes(30)).await;
        t += chrono::Duration::hours(1);
    }
    // The 26th, the 27th (at the first 02:30 only), the 28th.
    assert_eq!(broadcasts(&h).await, 3);
    assert_eq!(got(&h, "Amira", "Remember the logbook"), 3, "{:?}", h.texts("Amira"));
    assert_eq!(got(&h, "Sofie", "Husk logbogen"), 3);
    assert_eq!(
        got(&h, "Lars", "logbook") + got(&h, "Ole", "logbogen") + got(&h, "Karen", "logbook"),
        0
    );
    let fired: Vec<i64> = sqlx::query::<sqlx::Any>("SELECT created_at FROM broadcasts ORDER BY id")
        .fetch_all(h.engine.store.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get(0).unwrap())
        .collect();
    assert_eq!(
        fired[1],
        utc(2030, 10, 27, 0, 30).timestamp_millis(),
        "the first 02:30 (CEST)"
    );

    // The programme ends on 2030-12-13: the last firing is that night's,
    // and none after it (March's change is tested in the core, on both
    // zones: coordinator::schedules::tests).
    h.run(utc(2031, 3, 31, 12, 0)).await;
    let last: i64 = sqlx::query::<sqlx::Any>("SELECT MAX(created_at) FROM broadcasts")
        .fetch_one(h.engine.store.pool())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert!(
        last < utc(2030, 12, 14, 0, 0).timestamp_millis(),
        "a broadcast after the programme's end, at {last}"
    );
}

async fn a_restart_neither_loses_nor_repeats_a_recurring_broadcast(db: Db) {
    let mut h = Harness::with_extra(db, NIGHTLY).await;
    people(&mut h).await;
    h.run(at(2030, 9, 10, 2, 0)).await;
    assert_eq!(broadcasts(&h).await, 0);
    // Restarted at the firing, and again just after it.
    restarted(&h).tick_all_due(at(2030, 9, 10, 2, 30)).await.unwrap();
    restarted(&h).tick_all_due(at(2030, 9, 10, 2, 30)).await.unwrap();
    restarted(&h).tick_all_due(at(2030, 9, 10, 2, 31)).await.unwrap();
    h.run(at(2030, 9, 10, 8, 0)).await;
    assert_eq!(broadcasts(&h).await, 1);
    assert_eq!(got(&h, "Amira", "Remember the logbook"), 1);
    // Down from before the next firing until well after two more: the
    // missed firings come once on return, not twice, not never.
    restarted(&h).tick_all_due(at(2030, 9, 13, 9, 0)).await.unwrap();
    restarted(&h).tick_all_due(at(2030, 9, 13, 9, 5)).await.unwrap();
    h.run(at(2030, 9, 13, 9, 10)).await;
    assert_eq!(broadcasts(&h).await, 2);
    assert_eq!(got(&h, "Amira", "Remember the logbook"), 2);
    assert_eq!(got(&h, "Sofie", "Husk logbogen"), 2);
    // Each recipient once per broadcast: one outbox row per key and person.
    let dup = count(
        &h.engine.store,
        "SELECT COUNT(*) FROM (SELECT once_key, participant_id FROM outbox WHERE once_key LIKE 'bc:%'
         GROUP BY once_key, participant_id HAVING COUNT(*) > 1) d",
    )
    .await;
    assert_eq!(dup, 0);
}

async fn a_coordinators_schedule_is_stored_survives_a_restart_and_a_bad_cron_stores_nothing(db: Db) {
    use bot_core::coordinator::broadcast::Audience;
    use bot_core::coordinator::schedules::Job;
    let mut h = Harness::new(db).await;
    people(&mut h).await;
    let pid = h.programme_id();
    let t = at(2030, 9, 2, 12, 0); // a Monday
    let job = Job::Broadcast {
        audience: Audience::Unmatched,
        texts: vec![(None, "Still waiting for a match? Write to us.".into())],
    };
    let rows = |h: &Harness| {
        let store = h.engine.store.clone();
        let pid = pid.clone();
        async move { store.schedules(&pid).await.unwrap() }
    };
    h.run(t).await;
    let before = rows(&h).await;
    let err = h
        .engine
        .add_schedule(&pid, "0 9 * *", job.clone(), t)
        .await
        .unwrap_err();
    assert!(format!("{err:#}").contains("write 5"), "{err:#}");
    assert!(h.engine.add_schedule(&pid, "0 9 * * 8", job.clone(), t).await.is_err());
    assert_eq!(rows(&h).await, before, "nothing stored");

    let id = h.engine.add_schedule(&pid, "0 9 * * 1", job, t).await.unwrap();
    assert_eq!(id, "s1");
    let listed = h.engine.list_schedules(&pid, t).await.unwrap();
    let s1 = listed.iter().find(|s| s.kind == "s1").unwrap();
    assert_eq!(
        (s1.job, s1.cron.as_str(), s1.next_at),
        ("broadcast", "0 9 * * 1", Some(at(2030, 9, 9, 9, 0)))
    );
    // Sofie and Ole are in no pair; Amira and Lars are.
    restarted(&h).tick_all_due(at(2030, 9, 9, 9, 0)).await.unwrap();
    h.run(at(2030, 9, 9, 9, 1)).await;
    assert_eq!(got(&h, "Sofie", "Still waiting for a match?"), 1);
    assert_eq!(got(&h, "Ole", "Still waiting for a match?"), 1);
    assert_eq!(got(&h, "Amira", "Still waiting") + got(&h, "Lars", "Still waiting"), 0);
    // The digest moves to Friday 08:00: Friday's comes, Monday's does not.
    let digests = |h: &Harness| {
        h.texts("Karen")
            .iter()
            .filter(|t| t.contains("Your weekly overview"))
            .count()
    };
    let d0 = digests(&h);
    let now = at(2030, 9, 9, 9, 2);
    assert_eq!(
        h.engine
            .add_schedule(&pid, "0 8 * * 5", Job::Digest, now)
            .await
            .unwrap(),
        "digest"
    );
    h.run_until(at(2030, 9, 13, 5, 0), at(2030, 9, 13, 9, 0)).await;
    assert_eq!(digests(&h), d0 + 1, "Friday's");
    h.run_until(at(2030, 9, 16, 5, 0), at(2030, 9, 16, 10, 0)).await;
    assert_eq!(digests(&h), d0 + 1, "not Monday's");
    // Removed: no more firings; the digest goes back to the file's.
    h.engine.remove_schedule(None, "s1").await.unwrap();
    h.engine.remove_schedule(Some(&pid), "digest").await.unwrap();
    assert!(h.engine.remove_schedule(None, "s1").await.is_err());
    h.run(at(2030, 9, 23, 9, 0)).await;
    assert_eq!(
        got(&h, "Sofie", "Still waiting for a match?"),
        2,
        "the 16th's, not the 23rd's"
    );
    let digest = h.engine.list_schedules(&pid, at(2030, 9, 23, 9, 1)).await.unwrap();
    let d = digest.iter().find(|s| s.kind == "digest").unwrap();
    assert_eq!((d.cron.as_str(), d.by_coordinator), ("0 9 * * 1", false));
}

async fn a_coordinators_recurring_event_is_made_with_its_title_once_and_invites_the_pairs(db: Db) {
    use bot_core::coordinator::schedules::Job;
    use bot_core::programme::{EventKind, Recurring};
    let mut h = Harness::new(db).await;
    people(&mut h).await;
    let pid = h.programme_id();
    let t = at(2030, 9, 2, 12, 0); // a Monday
    let job = |place: &str| Job::Event {
        event: Recurring {
            id: String::new(),
            cron: String::new(),
            kind: EventKind::Workshop,
            title: None,
            duration_minutes: 90,
            place: place.into(),
            invite_days_before: 7,
            roles: vec![Role::Mentee, Role::Mentor],
        },
        label: Some("CV clinic".into()),
    };
    h.run(t).await;
    let before = h.engine.store.schedules(&pid).await.unwrap();
    // No place: refused, nothing stored.
    let err = h
        .engine
        .add_schedule(&pid, "0 17 * * 4", job(" "), t)
        .await
        .unwrap_err();
    assert!(format!("{err:#}").contains("--place"), "{err:#}");
    assert_eq!(h.engine.store.schedules(&pid).await.unwrap(), before);
    // Every Thursday at 17:00, invitations a week before.
    let id = h
        .engine
        .add_schedule(&pid, "0 17 * * 4", job("Library, room 2"), t)
        .await
        .unwrap();
    let listed = h.engine.list_schedules(&pid, t).await.unwrap();
    let s = listed.iter().find(|s| s.kind == id).unwrap();
    // Thursday the 12th's occurrence is made on the 5th, at its lead.
    assert_eq!((s.job, s.next_at), ("event", Some(at(2030, 9, 5, 17, 0))));
    // Restarted at the firing and just after: the occurrence is made once.
    restarted(&h).tick_all_due(at(2030, 9, 5, 17, 0)).await.unwrap();
    restarted(&h).tick_all_due(at(2030, 9, 5, 17, 1)).await.unwrap();
    h.run(at(2030, 9, 5, 17, 2)).await;
    h.run(at(2030, 9, 6, 10, 0)).await;
    let made: Vec<_> = h
        .engine
        .programme(&pid)
        .unwrap()
        .events
        .iter()
        .filter(|e| e.id.starts_with(&format!("{id}-")))
        .cloned()
        .collect();
    assert_eq!(made.len(), 1, "{made:?}");
    assert_eq!(made[0].id, format!("{id}-0912"));
    assert_eq!(made[0].label.as_deref(), Some("CV clinic"));
    assert_eq!(made[0].place, "Library, room 2");
    // The pair is invited by the title the coordinator wrote, once each;
    // Sofie, in no pair, is not (the event is for the pairs).
    assert_eq!(got(&h, "Amira", "CV clinic"), 1, "{:?}", h.texts("Amira"));
    assert_eq!(got(&h, "Lars", "CV clinic"), 1, "{:?}", h.texts("Lars"));
    assert_eq!(got(&h, "Sofie", "CV clinic"), 0);
}
