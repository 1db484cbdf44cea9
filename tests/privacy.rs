//! Privacy: forgetting means forgotten, consent on its own, retention.
//! Time is explicit throughout; nothing sleeps.

mod common;

use bot_core::{Lang, Role};
use common::{Harness, at};
use mentorbot::Store;
use mentorbot::store::Backend;
use sqlx::Row;

type Db = (Store, Option<tempfile::TempDir>);

both_backends!(
    forgetting_leaves_nothing_of_the_person_in_any_table,
    consent_is_withdrawn_and_given_again_on_its_own_with_version_and_time,
    a_programme_is_purged_once_its_retention_has_passed_and_a_dry_run_changes_nothing,
    mydata_sends_everything_stored_about_the_person_as_a_json_file,
);

/// Every table of the database, from the catalogue, so a table added
/// later is scanned too.
async fn tables(store: &Store) -> Vec<String> {
    let sql = match store.backend() {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%' ORDER BY name"
        }
        Backend::Postgres => {
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT LIKE '_sqlx%' ORDER BY 1"
        }
    };
    sqlx::query::<sqlx::Any>(sql)
        .fetch_all(store.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String, _>(0).unwrap())
        .collect()
}

async fn columns(store: &Store, table: &str) -> Vec<String> {
    let sql = match store.backend() {
        Backend::Sqlite => format!("SELECT name FROM pragma_table_info('{table}')"),
        Backend::Postgres => format!(
            "SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}'"
        ),
    };
    sqlx::query::<sqlx::Any>(sqlx::AssertSqlSafe(sql))
        .fetch_all(store.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String, _>(0).unwrap())
        .collect()
}

/// Every cell of every table that contains one of `needles`
/// (case-insensitive): "table.column: value".
async fn find_anywhere(store: &Store, needles: &[&str]) -> Vec<String> {
    let mut found = vec![];
    let tables = tables(store).await;
    assert!(tables.len() >= 10, "the catalogue lists the tables: {tables:?}");
    for table in tables {
        for col in columns(store, &table).await {
            let sql = format!("SELECT CAST({col} AS TEXT) FROM {table}");
            for row in sqlx::query::<sqlx::Any>(sqlx::AssertSqlSafe(sql))
                .fetch_all(store.pool())
                .await
                .unwrap()
            {
                let Some(v) = row.try_get::<Option<String>, _>(0).unwrap() else {
                    continue;
                };
                let lower = v.to_lowercase();
                if needles.iter().any(|n| lower.contains(&n.to_lowercase())) {
                    found.push(format!("{table}.{col}: {v}"));
                }
            }
        }
    }
    found
}

async fn forgetting_leaves_nothing_of_the_person_in_any_table(db: Db) {
    let mut h = Harness::new(db).await;
    h.pair().await;
    // The intro names her to Lars, with her contact.
    h.run(at(2030, 8, 19, 10, 0)).await;
    h.press("Amira", |p| p.ends_with("rsvp:kickoff:yes"), at(2030, 8, 19, 12, 0))
        .await;
    // She flags the pair: Karen is told, by name.
    h.say("Amira", "/flag", at(2030, 8, 19, 12, 5)).await;
    h.press("Amira", |p| p.ends_with("flag:more-exercises"), at(2030, 8, 19, 12, 6))
        .await;
    assert!(h.texts("Karen").iter().any(|t| t.contains("Amira")));

    // A meeting, then her goals, typed: both get them back.
    h.say("Amira", "/booked 03.09 17:00", at(2030, 8, 20, 12, 0)).await;
    h.run(at(2030, 9, 3, 18, 0)).await;
    let t = at(2030, 9, 3, 20, 0);
    h.say("Amira", "Understand which jobs in biotech fit my degree", t)
        .await;
    h.press("Amira", |p| p.ends_with("agree:rhythm:14"), t).await;
    h.press("Amira", |p| p.ends_with("agree:format:mixed"), t).await;
    h.press("Amira", |p| p.ends_with("agree:limits:yes"), t).await;
    assert!(h.texts("Lars").iter().any(|m| m.contains("biotech")));

    // The mid-term survey, with free text.
    h.run(at(2030, 10, 21, 10, 0)).await;
    let t = at(2030, 10, 21, 11, 0);
    h.press("Amira", |p| p.ends_with("ans:midterm:benefit:5"), t).await;
    h.press("Amira", |p| p.ends_with("ans:midterm:topics:t0"), t).await;
    h.press("Amira", |p| p.ends_with("ans:midterm:topics:done"), t).await;
    h.say("Amira", "Zanzibar-style exercises, please", t).await;

    // A late meeting: the questions about it wait for the morning, in
    // both inboxes, and Lars's names her.
    h.say("Amira", "/booked 23.10 20:00", at(2030, 10, 21, 12, 0)).await;
    h.run(at(2030, 10, 23, 22, 0)).await;
    let (pending, _, _) = h.engine.store.outbox_counts().await.unwrap();
    assert!(pending >= 2, "questions wait for the morning");
    let amira_had = h.inbox("Amira").len();
    // An update of hers, and one of Lars's, that failed and were parked.
    for who in ["Amira", "Lars"] {
        let update = bot_core::adapter::Inbound {
            platform: "memory".into(),
            update_key: format!("{who}|poison"),
            user_id: who.into(),
            address: who.into(),
            lang_hint: None,
            contact: None,
            kind: bot_core::adapter::InboundKind::Text(format!("{who} wrote this from lars@example.org's desk")),
        };
        let parked = mentorbot::store::ParkedUpdate {
            platform: "memory".into(),
            update_key: update.update_key.clone(),
            update_json: serde_json::to_string(&update).unwrap(),
            error: "the database was away".into(),
            attempts: 5,
            parked_at: at(2030, 10, 23, 21, 0),
        };
        assert!(h.engine.store.park_update(&parked).await.unwrap());
    }

    // What the web chat keeps: a conversation of hers, and one of Lars's
    // whose transcript names her.
    for (conv, user, text) in [
        ("conv-amira", "Amira", "Welcome, Amira!"),
        ("conv-lars", "web-lars", "Your mentee is Amira (amira@example.org)."),
    ] {
        sqlx::query::<sqlx::Any>(
            "INSERT INTO webchat_conversations (id, user_id, token_hash, expires_at, created_at) VALUES ($1, $2, $3, 0, 0)",
        )
        .bind(conv)
        .bind(user)
        .bind(format!("hash-of-{conv}"))
        .execute(h.engine.store.pool())
        .await
        .unwrap();
        sqlx::query::<sqlx::Any>(
            "INSERT INTO webchat_activities (conversation_id, watermark, activity) VALUES ($1, 1, $2)",
        )
        .bind(conv)
        .bind(serde_json::json!({"type": "message", "text": text}).to_string())
        .execute(h.engine.store.pool())
        .await
        .unwrap();
    }
    sqlx::query::<sqlx::Any>("INSERT INTO identities (participant_id, platform, platform_user_id, address, created_at) SELECT participant_id, 'webchat', 'Amira', 'conv-amira', 0 FROM identities WHERE platform_user_id = 'Amira'")
        .execute(h.engine.store.pool())
        .await
        .unwrap();

    // A dialogue of hers under way, holding what she typed.
    sqlx::query::<sqlx::Any>("INSERT INTO dialogues (participant_id, kind, state, updated_at) SELECT participant_id, 'test', '{\"text\":\"Zanzibar again\"}', 0 FROM identities WHERE platform_user_id = 'Amira' AND platform = 'memory'")
        .execute(h.engine.store.pool())
        .await
        .unwrap();

    // Her profile (with her e-mail) and a coordinator's pin naming her.
    sqlx::query::<sqlx::Any>("INSERT INTO profiles (participant_id, programme_id, profile, updated_at) SELECT participant_id, 'test-programme', '{\"email\":\"amira@example.org\",\"interests\":[\"Zanzibar\"]}', 0 FROM identities WHERE platform_user_id = 'Amira' AND platform = 'memory'")
        .execute(h.engine.store.pool())
        .await
        .unwrap();
    sqlx::query::<sqlx::Any>("INSERT INTO match_decisions (programme_id, mentee_id, mentor_id, kind, created_at) SELECT 'test-programme', participant_id, 0, 'pin', 0 FROM identities WHERE platform_user_id = 'Amira' AND platform = 'memory'")
        .execute(h.engine.store.pool())
        .await
        .unwrap();

    // She asks to be forgotten, and confirms.
    let t = at(2030, 10, 23, 22, 10);
    h.say("Amira", "/forget", t).await;
    h.press("Amira", |p| p.ends_with("forget:yes"), t).await;
    assert!(h.last("Amira").text.contains("deleted"), "{}", h.last("Amira").text);
    let amira_has = h.inbox("Amira").len();
    assert_eq!(amira_has, amira_had + 2, "the question and the confirmation");

    // Nothing queued for her goes out, and nothing naming her.
    let lars_before = h.inbox("Lars").len();
    let karen_before = h.inbox("Karen").len();
    h.run_until(at(2030, 10, 24, 7, 0), at(2030, 10, 24, 12, 0)).await;
    assert_eq!(h.inbox("Amira").len(), amira_has, "{:?}", h.texts("Amira"));
    for who in ["Lars", "Karen"] {
        let before = if who == "Lars" { lars_before } else { karen_before };
        for m in &h.inbox(who)[before..] {
            assert!(!m.text.contains("Amira"), "{who} was sent {}", m.text);
        }
    }

    // No table holds her name, contact, platform id, address or what she wrote.
    let found = find_anywhere(&h.engine.store, &["Amira", "amira@example.org", "biotech", "Zanzibar"]).await;
    assert!(found.is_empty(), "left behind:\n{}", found.join("\n"));
    let decisions: i64 = sqlx::query::<sqlx::Any>("SELECT COUNT(*) FROM match_decisions")
        .fetch_one(h.engine.store.pool())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(decisions, 0, "the pin naming her is gone");
    // The scan does see what is still there: Lars was not forgotten.
    let lars = find_anywhere(&h.engine.store, &["lars@example.org"]).await;
    assert!(lars.iter().any(|f| f.starts_with("participants.contact")), "{lars:?}");
    assert!(lars.iter().any(|f| f.starts_with("pairs.state")), "{lars:?}");
    assert!(
        lars.iter().any(|f| f.starts_with("parked_updates.update_json")),
        "{lars:?}"
    );
}

/// (given, version, at) of each consent a participant gave or withdrew.
async fn consents(store: &Store, participant: i64) -> Vec<(bool, String, i64)> {
    sqlx::query::<sqlx::Any>("SELECT given, version, at FROM consents WHERE participant_id = $1 ORDER BY id")
        .bind(participant)
        .fetch_all(store.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| {
            (
                r.try_get::<i64, _>(0).unwrap() != 0,
                r.try_get(1).unwrap(),
                r.try_get(2).unwrap(),
            )
        })
        .collect()
}

async fn consent_is_withdrawn_and_given_again_on_its_own_with_version_and_time(db: Db) {
    let mut h = Harness::new(db).await;
    h.pair().await;
    let t0 = at(2030, 8, 1, 9, 0);
    let sofie = h.register("Sofie", Role::Mentee, Lang::En, t0).await;
    let nils = h.register("Nils", Role::Mentor, Lang::En, t0).await;
    h.engine.match_pair(sofie, nils, t0).await.unwrap();

    // Amira withdraws her consent; she is told, and stays in.
    let t1 = at(2030, 8, 10, 12, 0);
    h.say("Amira", "/consent", t1).await;
    assert!(
        h.last("Amira").text.contains("may have your contact details"),
        "{}",
        h.last("Amira").text
    );
    h.press("Amira", |p| p.ends_with("consent:no"), t1).await;
    assert!(h.last("Amira").text.contains("no longer"), "{}", h.last("Amira").text);
    // Sofie withdraws and gives it again.
    h.say("Sofie", "/consent", t1).await;
    h.press("Sofie", |p| p.ends_with("consent:no"), t1).await;
    let t2 = at(2030, 8, 11, 12, 0);
    h.say("Sofie", "/consent", t2).await;
    assert!(
        h.last("Sofie").text.contains("are not passed on"),
        "{}",
        h.last("Sofie").text
    );
    h.press("Sofie", |p| p.ends_with("consent:yes"), t2).await;

    // The intro: Lars is not given Amira's contact; Nils gets Sofie's.
    h.run(at(2030, 8, 19, 10, 0)).await;
    let lars = h.texts("Lars").join("\n");
    assert!(lars.contains("Your mentee is Amira"), "{lars}");
    assert!(!lars.contains("amira@example.org"), "{lars}");
    assert!(h.texts("Nils").join("\n").contains("sofie@example.org"));
    // Amira is still in her mentorship: her intro came, and she can book.
    assert!(h.texts("Amira").join("\n").contains("Your mentor is Lars"));
    h.say("Amira", "/booked 03.09 17:00", at(2030, 8, 20, 12, 0)).await;
    assert!(h.last("Lars").text.contains("Amira booked"), "{}", h.last("Lars").text);

    // Each change is recorded with the text's version and its time.
    let ms = |t: bot_core::Ts| t.timestamp_millis();
    let a = consents(&h.engine.store, h.ids["Amira"]).await;
    assert_eq!(
        a.iter().map(|c| (c.0, c.2)).collect::<Vec<_>>(),
        vec![(true, ms(t0)), (false, ms(t1))]
    );
    assert!(a.iter().all(|c| !c.1.is_empty()), "{a:?}");
    let s = consents(&h.engine.store, sofie).await;
    assert_eq!(
        s.iter().map(|c| (c.0, c.2)).collect::<Vec<_>>(),
        vec![(true, ms(t0)), (false, ms(t1)), (true, ms(t2))]
    );

    // Pressing an old button again changes nothing.
    h.press_payload("Sofie", "consent:yes", t2).await;
    assert_eq!(consents(&h.engine.store, sofie).await.len(), 3);
}

async fn a_programme_is_purged_once_its_retention_has_passed_and_a_dry_run_changes_nothing(db: Db) {
    let mut h = Harness::with_extra(db, "[privacy]\nretention_days_after_end = 30\n").await;
    h.pair().await;
    h.run(at(2030, 8, 19, 10, 0)).await;
    h.press("Amira", |p| p.ends_with("rsvp:kickoff:yes"), at(2030, 8, 19, 12, 0))
        .await;
    let pid = h.programme_id();
    // A coordinator's recurring broadcast names someone.
    let job = bot_core::coordinator::schedules::Job::Broadcast {
        audience: bot_core::coordinator::broadcast::Audience::Mentees,
        texts: vec![(None, "Amira, the kickoff photos are up.".into())],
    };
    let s1 = h
        .engine
        .add_schedule(&pid, "0 9 * * 1", job, at(2030, 8, 19, 12, 0))
        .await
        .unwrap();
    let store = &h.engine.store;
    let people = ["Amira", "Lars", "Karen", "amira@example.org", "lars@example.org"];
    assert!(!find_anywhere(store, &people).await.is_empty());
    let file_schedules = |kinds: Vec<mentorbot::store::ScheduleRow>| {
        kinds
            .into_iter()
            .map(|s| s.kind)
            .filter(|k| *k != s1)
            .collect::<Vec<_>>()
    };
    let before = file_schedules(store.schedules(&pid).await.unwrap());

    // A dry run says what would go and removes nothing.
    let would = store.purge_programme(&pid, true).await.unwrap();
    let count = |v: &[(&str, u64)], t: &str| v.iter().find(|(n, _)| *n == t).map(|(_, n)| *n).unwrap();
    assert_eq!(count(&would, "participants"), 3);
    assert_eq!(count(&would, "pairs"), 1);
    assert!(count(&would, "outbox") > 0);
    assert_eq!(count(&would, "rsvps"), 1);
    assert_eq!(count(&would, "schedules"), 1);
    assert_eq!(h.engine.store.participants(&pid).await.unwrap().len(), 3);
    assert_eq!(store.schedules(&pid).await.unwrap().len(), before.len() + 1);

    // Before the retention period has passed (the follow-up survey is
    // still to come), the serve loop's check purges nothing.
    let end = h.engine.programme(&pid).unwrap().end_at();
    assert!(
        h.engine
            .purge_due(end + chrono::Duration::days(31))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(h.engine.store.participants(&pid).await.unwrap().len(), 3);

    // Once it has, everything about the people goes.
    let when = h.engine.programme(&pid).unwrap().purge_at().unwrap();
    let purged = h.engine.purge_due(when).await.unwrap();
    assert_eq!(purged.len(), 1, "{purged:?}");
    assert_eq!(count(&purged[0].1, "participants"), 3);
    let left = find_anywhere(store, &people).await;
    assert!(left.is_empty(), "left behind:\n{}", left.join("\n"));
    // The coordinator's schedule went with them; the file's stay.
    let after = store.schedules(&pid).await.unwrap();
    assert!(after.iter().all(|s| s.kind != s1), "{after:?}");
    assert_eq!(file_schedules(after), before);
    // The old invite links no longer work; the next check finds nothing.
    assert!(h.engine.purge_due(when).await.unwrap().is_empty());
    assert_eq!(h.say("Amira", "hello", when).await, mentorbot::Handled::Unregistered);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn purge_on_the_command_line_prints_what_it_removed_and_a_dry_run_removes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("purge.db");
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
    let store = Store::connect(&format!("sqlite://{}", db.display())).await.unwrap();
    store.migrate().await.unwrap();
    let (p, _) = mentorbot::load_programme(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("programmes/karrierementor.toml"),
    )
    .unwrap();
    let engine = mentorbot::Engine::new(store.clone(), vec![p]);
    engine
        .load_programmes(&Default::default(), at(2030, 8, 1, 9, 0))
        .await
        .unwrap();
    for (name, role) in [("Amira", Role::Mentee), ("Lars", Role::Mentor)] {
        let reg = mentorbot::Registration {
            programme_id: "karrierementor",
            role,
            name,
            lang: Lang::En,
            tz: None,
            contact: None,
            consent: true,
            platform: "telegram",
            user_id: name,
            address: name,
        };
        engine.register(&reg, at(2030, 8, 1, 9, 0)).await.unwrap();
    }
    let run = |args: Vec<String>| {
        tokio::task::spawn_blocking(move || {
            std::process::Command::new(env!("CARGO_BIN_EXE_mentorbot"))
                .args(&args)
                .env_remove("MENTORBOT_DATABASE_URL")
                .output()
                .unwrap()
        })
    };
    let args = |dry: bool| {
        let mut a: Vec<String> = [
            "purge",
            "--config",
            config.to_str().unwrap(),
            "--programme",
            "karrierementor",
        ]
        .map(String::from)
        .to_vec();
        if dry {
            a.push("--dry-run".into());
        }
        a
    };
    let o = run(args(true)).await.unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("participants: 2"), "{out}");
    assert!(out.contains("consents: 2"), "{out}");
    assert_eq!(store.participants("karrierementor").await.unwrap().len(), 2);

    let o = run(args(false)).await.unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("participants: 2") && out.contains("identities: 2"),
        "{out}"
    );
    assert!(store.participants("karrierementor").await.unwrap().is_empty());
    assert!(find_anywhere(&store, &["Amira", "Lars"]).await.is_empty());

    // An unknown programme is refused, naming it.
    let mut bad = args(true);
    bad[4] = "nope".into();
    let o = run(bad).await.unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("programme `nope`"));
}

async fn mydata_sends_everything_stored_about_the_person_as_a_json_file(db: Db) {
    let mut h = Harness::new(db).await;
    h.pair().await;
    h.run(at(2030, 8, 19, 10, 0)).await;
    h.press("Amira", |p| p.ends_with("rsvp:kickoff:yes"), at(2030, 8, 19, 12, 0))
        .await;
    h.say("Amira", "/flag", at(2030, 8, 19, 12, 5)).await;
    h.press("Amira", |p| p.ends_with("flag:more-exercises"), at(2030, 8, 19, 12, 6))
        .await;
    h.say("Amira", "/booked 03.09 17:00", at(2030, 8, 20, 12, 0)).await;
    h.run(at(2030, 9, 3, 18, 0)).await;
    h.press("Amira", |p| p.ends_with("met:good:1"), at(2030, 9, 3, 19, 0))
        .await;
    h.say(
        "Amira",
        "Understand which jobs in biotech fit my degree",
        at(2030, 9, 3, 20, 0),
    )
    .await;

    h.say("Amira", "/mydata", at(2030, 9, 4, 10, 0)).await;
    // Her data, beside the kickoff's calendar file.
    let files: Vec<_> = h
        .adapter
        .files_to("Amira")
        .into_iter()
        .filter(|f| !f.name.ends_with(".ics"))
        .collect();
    assert_eq!(files.len(), 1, "one file");
    let f = &files[0];
    assert_eq!(f.mime, "application/json");
    assert!(f.name.ends_with(".json"), "{}", f.name);
    let data: serde_json::Value = serde_json::from_slice(&f.bytes).unwrap();
    assert_eq!(data["profile"]["name"], "Amira");
    assert_eq!(data["profile"]["contact"], "amira@example.org");
    assert_eq!(data["profile"]["role"], "mentee");
    assert_eq!(data["identities"][0]["platform"], "memory");
    assert_eq!(data["pairs"].as_array().unwrap().len(), 1);
    assert_eq!(
        data["pairs"][0]["agreement_goals"],
        "Understand which jobs in biotech fit my degree"
    );
    assert_eq!(data["meetings"][0]["your_rating"], "good");
    assert_eq!(data["rsvps"][0]["event"], "kickoff");
    assert_eq!(data["flags"][0]["reason"], "more-exercises");
    assert_eq!(data["consents"][0]["given"], true);
    assert!(data["consents"][0]["version"].as_str().is_some_and(|v| !v.is_empty()));
    // Nothing of Lars's beyond his being her mentor: no contact of his.
    assert!(!String::from_utf8_lossy(&f.bytes).contains("lars@example.org"));
    // The outbox keeps no copy of the data.
    let copies = find_anywhere(&h.engine.store, &["biotech"]).await;
    assert!(copies.iter().all(|c| !c.starts_with("outbox")), "{copies:?}");
    // Lars got no data file (only his calendar file for the kickoff).
    assert!(h.adapter.files_to("Lars").iter().all(|f| f.name.ends_with(".ics")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mydata_on_telegram_is_a_document_and_the_fake_refuses_what_telegram_refuses() {
    use bot_core::adapter::{Adapter, InboundKind, Recipient, SendError};
    use bot_core::message::File;
    use mentorbot_telegram::fake::FakeTelegram;
    const TOKEN: &str = "556:FAKE";
    let (store, _dir) = common::sqlite_store().await;
    let (p, src) = mentorbot::load_programme(&common::fixture("test-programme.toml")).unwrap();
    let engine = std::sync::Arc::new(mentorbot::Engine::new(store, vec![p.clone()]));
    let t = at(2030, 8, 1, 9, 0);
    engine
        .load_programmes(&std::collections::HashMap::from([(p.id.clone(), src)]), t)
        .await
        .unwrap();
    let fake = FakeTelegram::start(TOKEN).await;
    fake.enforce_limits(false);
    let bot = mentorbot_telegram::bot(TOKEN, Some(&fake.url())).unwrap();
    let telegram = std::sync::Arc::new(mentorbot_telegram::Telegram::new(bot));
    let dispatcher =
        mentorbot::dispatch::Dispatcher::new(engine.clone(), vec![telegram.clone() as std::sync::Arc<dyn Adapter>]);
    engine
        .register(
            &mentorbot::Registration {
                programme_id: &p.id,
                role: Role::Mentee,
                name: "Amira",
                lang: Lang::En,
                tz: None,
                contact: Some("@amira"),
                consent: true,
                platform: "telegram",
                user_id: "1001",
                address: "1001",
            },
            t,
        )
        .await
        .unwrap();
    let u = bot_core::adapter::Inbound {
        platform: "telegram".into(),
        update_key: "1".into(),
        user_id: "1001".into(),
        address: "1001".into(),
        lang_hint: None,
        contact: None,
        kind: InboundKind::Text("/mydata".into()),
    };
    engine.handle(&u, t).await.unwrap();
    dispatcher.drain(t).await.unwrap();
    let docs = fake.documents_to(1001);
    assert_eq!(docs.len(), 1, "{:?}", fake.calls());
    let (name, content) = &docs[0];
    assert!(name.ends_with(".json"), "{name}");
    let data: serde_json::Value = serde_json::from_str(content).unwrap();
    assert_eq!(data["profile"]["name"], "Amira");
    assert_eq!(data["profile"]["contact"], "@amira");
    assert!(fake.texts_to(1001).iter().any(|t| t.contains("as a file")));

    // Telegram refuses an empty file, and so does the fake.
    let to = Recipient {
        platform: "telegram".into(),
        address: "1001".into(),
    };
    let empty = File {
        name: "x.json".into(),
        mime: "application/json".into(),
        bytes: vec![],
    };
    let r = telegram.send_file(&to, &empty).await;
    assert!(matches!(r, Err(SendError::Permanent(_))), "{r:?}");
    assert_eq!(fake.documents_to(1001).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_on_bot_framework_is_an_attachment_with_a_data_uri_and_a_name() {
    use bot_core::adapter::{Adapter, Recipient};
    use bot_core::message::File;
    use mentorbot_botframework::fake::FakeConnector;
    let fake = FakeConnector::start().await;
    let connector = mentorbot_botframework::Connector::new(fake.config(), reqwest::Client::new());
    let to = Recipient {
        platform: "botframework".into(),
        address: mentorbot_botframework::address(&fake.service_url(), "conv-amira"),
    };
    let file = File {
        name: "mentorbot-data-7.json".into(),
        mime: "application/json".into(),
        bytes: br#"{"a":1}"#.to_vec(),
    };
    connector.send_file(&to, &file).await.unwrap();
    let posted = fake.posted();
    let last = posted.last().unwrap();
    assert_eq!((last.conversation.as_str(), last.status), ("conv-amira", 200));
    let a = &last.activity["attachments"][0];
    assert_eq!(a["name"], "mentorbot-data-7.json");
    assert_eq!(a["contentType"], "application/json");
    assert_eq!(a["contentUrl"], "data:application/json;base64,eyJhIjoxfQ==");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_in_the_web_chat_is_a_download_with_a_data_uri_and_a_name() {
    use bot_core::adapter::{Adapter, Recipient};
    use bot_core::message::File;
    let (store, _dir) = common::sqlite_store().await;
    let engine = std::sync::Arc::new(mentorbot::Engine::new(store, vec![]));
    let clock = std::sync::Arc::new(common::TestClock(std::sync::Mutex::new(at(2030, 8, 1, 9, 0))));
    let handler = mentorbot::runtime::engine_handler(engine, clock);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let dl = mentorbot_webchat::DirectLine::new(mentorbot_webchat::Settings::loopback(port));
    let app = dl.clone().router(handler);
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let http = reqwest::Client::new();
    let started: serde_json::Value = http
        .post(format!("{base}/v3/directline/conversations"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let conv = started["conversationId"].as_str().unwrap().to_string();
    let token = started["token"].as_str().unwrap_or_default().to_string();

    let file = File {
        name: "mentorbot-data-7.json".into(),
        mime: "application/json".into(),
        bytes: br#"{"a":1}"#.to_vec(),
    };
    let to = Recipient {
        platform: "webchat".into(),
        address: conv.clone(),
    };
    mentorbot_webchat::WebChat(dl.clone())
        .send_file(&to, &file)
        .await
        .unwrap();
    let got: serde_json::Value = http
        .get(format!(
            "{base}/v3/directline/conversations/{conv}/activities?watermark=0"
        ))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let a = &got["activities"].as_array().unwrap().last().unwrap()["attachments"][0];
    assert_eq!(a["name"], "mentorbot-data-7.json");
    assert_eq!(a["contentUrl"], "data:application/json;base64,eyJhIjoxfQ==");
    // The page offers such an attachment as a download.
    let page = http.get(format!("{base}/")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("link.download = f.name"));
}
