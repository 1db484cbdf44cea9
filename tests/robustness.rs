//! One bad item never stops the bot: a poison outbox row, a poison pair and
//! a poison update sit beside good ones; the good ones go, each poison
//! item is set aside with one alert to the coordinator. Time is explicit.

mod common;

use bot_core::adapter::{Adapter, BoxFuture, InMemoryAdapter, Inbound, InboundKind, Recipient, SendError, Sent};
use bot_core::message::Rendered;
use bot_core::{Lang, Role, Ts};
use chrono::Duration;
use common::{Harness, at};
use mentorbot::Store;
use mentorbot::dispatch::Dispatcher;
use sqlx::Row;
use std::sync::Arc;

type Db = (Store, Option<tempfile::TempDir>);

both_backends!(
    a_poison_outbox_row_is_dead_lettered_and_the_rest_of_the_batch_goes,
    a_poison_pair_is_backed_off_and_alerted_once_and_the_scheduler_moves_on,
    a_panic_while_sending_one_row_is_caught_and_the_rest_goes,
    an_update_that_keeps_failing_is_parked_and_the_next_ones_go,
    a_poison_row_pair_and_update_beside_good_ones,
    a_split_message_retried_after_part_two_failed_does_not_resend_part_one,
);

/// Inserts a participant around the store with a language or time zone
/// the bot does not know, with an identity on the in-memory platform.
async fn bad_participant(h: &Harness, name: &str, lang: &str, tz: &str) -> i64 {
    let store = &h.engine.store;
    let row = sqlx::query::<sqlx::Any>(
        "INSERT INTO participants (programme_id, role, name, lang, tz, created_at)
         VALUES ($1, 'mentee', $2, $3, $4, 0) RETURNING id",
    )
    .bind(h.programme_id())
    .bind(name)
    .bind(lang)
    .bind(tz)
    .fetch_one(store.pool())
    .await
    .unwrap();
    row.try_get::<i64, _>(0).unwrap()
}

/// Queues a raw outbox row (as an older version or a hand edit could).
async fn raw_outbox(store: &Store, participant: Option<i64>, platform: &str, address: &str, msg: &str, t: Ts) -> i64 {
    let row = sqlx::query::<sqlx::Any>(
        "INSERT INTO outbox (participant_id, pair_id, platform, address, lang, msg, once_key, not_before, created_at)
         VALUES ($1, NULL, $2, $3, 'en', $4, NULL, $5, $5) RETURNING id",
    )
    .bind(participant)
    .bind(platform)
    .bind(address)
    .bind(msg)
    .bind(t.timestamp_millis())
    .fetch_one(store.pool())
    .await
    .unwrap();
    row.try_get::<i64, _>(0).unwrap()
}

fn count(texts: &[String], needle: &str) -> usize {
    texts.iter().filter(|t| t.contains(needle)).count()
}

async fn a_poison_outbox_row_is_dead_lettered_and_the_rest_of_the_batch_goes(db: Db) {
    let mut h = Harness::new(db).await;
    h.pair().await;
    h.dispatcher.policy.max_attempts = 3;
    let t = at(2030, 8, 20, 10, 0);
    let store = h.engine.store.clone();
    // A participant whose time zone no longer exists, and one whose language
    // is unknown: the claim must not fail the whole batch for them.
    let bad_tz = bad_participant(&h, "Tzvi", "en", "Mars/Olympus_Mons").await;
    let bad_lang = bad_participant(&h, "Klaus", "klingon", "Europe/Copenhagen").await;
    let good_json = &serde_json::to_string(&bot_core::message::Msg::new("help-mentee")).unwrap();
    let rows = [
        raw_outbox(&store, Some(bad_tz), "memory", "Tzvi", good_json, t).await,
        raw_outbox(&store, Some(bad_lang), "memory", "Klaus", good_json, t).await,
        // A message that cannot be decoded.
        raw_outbox(&store, Some(h.ids["Lars"]), "memory", "Lars", "{not json", t).await,
        // A platform no adapter serves.
        raw_outbox(&store, Some(h.ids["Amira"]), "carrier-pigeon", "Amira", good_json, t).await,
    ];
    // Good messages beside them, in the same batch.
    h.engine
        .handle(
            &bot_core::adapter::Inbound {
                platform: "memory".into(),
                update_key: "good-1".into(),
                user_id: "Amira".into(),
                address: "Amira".into(),
                lang_hint: None,
                contact: None,
                kind: bot_core::adapter::InboundKind::Text("/help".into()),
            },
            t,
        )
        .await
        .unwrap();
    for minutes in [1, 10, 60, 120] {
        h.dispatcher.drain(t + Duration::minutes(minutes)).await.unwrap();
    }
    assert!(!h.inbox("Amira").is_empty(), "the good message went");
    let all = store.outbox_rows().await.unwrap();
    for id in rows {
        let r = all.iter().find(|r| r.0 == id).unwrap();
        assert_eq!((r.1.as_str(), r.2), ("dead", 3), "row {id}: {r:?}");
        assert!(r.3.is_some(), "row {id} says why");
    }
    // Everything else went.
    assert!(
        all.iter().filter(|r| !rows.contains(&r.0)).all(|r| r.1 == "sent"),
        "{all:?}"
    );
    // One alert per poison row, no more.
    let karen = h.texts("Karen");
    for name in ["Tzvi", "Klaus", "Lars", "Amira"] {
        assert_eq!(count(&karen, &format!("A message to {name} ")), 1, "{name}: {karen:?}");
    }
    // More passes tell nobody again.
    h.dispatcher.drain(t + Duration::hours(5)).await.unwrap();
    assert_eq!(h.texts("Karen").len(), karen.len());
    let _ = (Role::Mentee, Lang::En);
}

/// Two pairs; the first one's saved state is garbage (a hand edit, an
/// older version). The second pair still gets its introduction, the first
/// is backed off, and the coordinator is told once.
async fn a_poison_pair_is_backed_off_and_alerted_once_and_the_scheduler_moves_on(db: Db) {
    let mut h = Harness::new(db).await;
    let t0 = at(2030, 8, 1, 9, 0);
    let poison = h.pair().await;
    let mentee = h.register("Bea", Role::Mentee, Lang::En, t0).await;
    let mentor = h.register("Ole", Role::Mentor, Lang::En, t0).await;
    let good = h.engine.match_pair(mentee, mentor, t0).await.unwrap();
    let store = h.engine.store.clone();
    // The poison pair is first in line (earliest due) on every pass.
    sqlx::query::<sqlx::Any>("UPDATE pairs SET state = '{garbage', next_due_at = 0 WHERE id = $1")
        .bind(poison)
        .execute(store.pool())
        .await
        .unwrap();
    let t = at(2030, 8, 19, 10, 0);
    h.engine.tick_all_due(t).await.unwrap();
    h.dispatcher.drain(t).await.unwrap();
    // The good pair went on.
    assert!(h.texts("Bea").iter().any(|m| m.contains("Ole")), "{:?}", h.texts("Bea"));
    let _ = good;
    // The poison pair is backed off, with its error kept.
    let (failures, error, next) = store.pair_tick_status(poison).await.unwrap();
    assert_eq!(failures, 1);
    assert!(error.is_some());
    assert!(next.unwrap() > t, "backed off");
    let alerts = |h: &Harness| count(&h.texts("Karen"), "Amira and Lars");
    assert_eq!(alerts(&h), 1, "{:?}", h.texts("Karen"));
    // Later passes retry it (and fail again) but tell nobody again.
    for hours in 1..30 {
        let t = t + Duration::hours(hours);
        h.engine.tick_all_due(t).await.unwrap();
        h.dispatcher.drain(t).await.unwrap();
    }
    let (failures, _, _) = store.pair_tick_status(poison).await.unwrap();
    assert!(failures > 1, "retried: {failures}");
    assert_eq!(alerts(&h), 1, "{:?}", h.texts("Karen"));
}

/// A platform whose send panics for one address (a bug in an adapter).
struct PanicsFor {
    inner: Arc<InMemoryAdapter>,
    address: &'static str,
}

impl Adapter for PanicsFor {
    fn platform(&self) -> &str {
        "memory"
    }
    fn capabilities(&self) -> bot_core::adapter::Capabilities {
        self.inner.capabilities()
    }
    fn send<'a>(&'a self, to: &'a Recipient, msg: &'a Rendered) -> BoxFuture<'a, Result<Sent, SendError>> {
        if to.address == self.address {
            panic!("adapter bug for {}", to.address);
        }
        self.inner.send(to, msg)
    }
}

async fn a_panic_while_sending_one_row_is_caught_and_the_rest_goes(db: Db) {
    let mut h = Harness::new(db).await;
    h.pair().await;
    let t = at(2030, 8, 19, 10, 0);
    h.engine.tick_all_due(t).await.unwrap();
    let mut d = Dispatcher::new(
        h.engine.clone(),
        vec![Arc::new(PanicsFor {
            inner: h.adapter.clone(),
            address: "Lars",
        }) as Arc<dyn Adapter>],
    );
    d.policy.max_attempts = 2;
    for minutes in [0, 10, 60] {
        d.drain(t + Duration::minutes(minutes)).await.unwrap();
    }
    assert!(!h.texts("Amira").is_empty(), "Amira's messages went");
    assert!(h.texts("Lars").is_empty());
    let rows = h.engine.store.outbox_rows().await.unwrap();
    let dead: Vec<_> = rows.iter().filter(|r| r.1 == "dead").collect();
    assert!(!dead.is_empty(), "{rows:?}");
    assert!(
        dead.iter().all(|r| r.3.as_deref().unwrap_or("").contains("panic")),
        "{dead:?}"
    );
    // Each of Lars's dead messages told Karen once.
    assert_eq!(count(&h.texts("Karen"), "A message to Lars "), dead.len());
}

/// A supervised loop whose task panics is restarted (after a backoff),
/// and one that returns while the bot is stopping is not.
#[tokio::test(start_paused = true)]
async fn a_supervised_loop_that_panics_is_restarted() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let runs = Arc::new(AtomicUsize::new(0));
    let (stop, stop_rx) = tokio::sync::watch::channel(false);
    let (done_tx, mut done_rx) = tokio::sync::mpsc::unbounded_channel();
    let task = {
        let runs = runs.clone();
        let stop_rx = stop_rx.clone();
        tokio::spawn(mentorbot::runtime::supervise("test loop", stop_rx.clone(), move || {
            let runs = runs.clone();
            let mut stop_rx = stop_rx.clone();
            let done_tx = done_tx.clone();
            async move {
                let n = runs.fetch_add(1, Ordering::SeqCst);
                if n < 2 {
                    panic!("a bug, run {n}");
                }
                let _ = done_tx.send(n);
                let _ = stop_rx.changed().await;
            }
        }))
    };
    assert_eq!(done_rx.recv().await, Some(2), "restarted twice after panics");
    stop.send(true).unwrap();
    task.await.unwrap();
    assert_eq!(runs.load(std::sync::atomic::Ordering::SeqCst), 3);
}

fn text(key: &str, from: &str, text: &str) -> Inbound {
    Inbound {
        platform: "memory".into(),
        update_key: key.into(),
        user_id: from.into(),
        address: from.into(),
        lang_hint: None,
        contact: None,
        kind: InboundKind::Text(text.into()),
    }
}

/// Klaus's participant row has a time zone that no longer exists, so every
/// update he sends fails. After a few tries it is parked for the operator
/// (the platform is told it was taken, so the updates behind it go on) and
/// the coordinator is told once.
async fn an_update_that_keeps_failing_is_parked_and_the_next_ones_go(db: Db) {
    let mut h = Harness::new(db).await;
    h.pair().await;
    let t = at(2030, 8, 20, 10, 0);
    let klaus = bad_participant(&h, "Klaus", "en", "Mars/Olympus_Mons").await;
    sqlx::query::<sqlx::Any>(
        "INSERT INTO identities (platform, platform_user_id, address, participant_id, created_at)
         VALUES ('memory', 'Klaus', 'Klaus', $1, 0)",
    )
    .bind(klaus)
    .execute(h.engine.store.pool())
    .await
    .unwrap();
    let clock = Arc::new(common::TestClock(std::sync::Mutex::new(t)));
    let handler = mentorbot::runtime::engine_handler_parking(h.engine.clone(), clock, None, 3);
    let poison = text("u-poison", "Klaus", "/help");
    // Offered again while it fails (the platform keeps it)…
    assert!(!handler(poison.clone()).await);
    assert!(!handler(poison.clone()).await);
    // …and on the third failure it is parked and taken.
    assert!(handler(poison.clone()).await);
    let parked = h.engine.store.parked_updates().await.unwrap();
    assert_eq!(parked.len(), 1, "{parked:?}");
    assert_eq!(
        (parked[0].platform.as_str(), parked[0].update_key.as_str()),
        ("memory", "u-poison")
    );
    assert_eq!(parked[0].attempts, 3);
    assert!(parked[0].error.contains("Mars/Olympus_Mons"), "{}", parked[0].error);
    let back: Inbound = serde_json::from_str(&parked[0].update_json).unwrap();
    assert_eq!(back, poison);
    // The update behind it goes through.
    assert!(handler(text("u-good", "Amira", "/help")).await);
    // Offered once more (a redelivery): taken at once? It fails again, but
    // is parked already: no second alert.
    for _ in 0..3 {
        handler(poison.clone()).await;
    }
    h.dispatcher.drain(t).await.unwrap();
    assert!(!h.texts("Amira").is_empty());
    let karen = h.texts("Karen");
    assert_eq!(count(&karen, "Klaus"), 1, "{karen:?}");
    assert_eq!(h.engine.store.parked_updates().await.unwrap().len(), 1);
}

/// The operator lists parked updates with `mentorbot parked`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mentorbot_parked_lists_what_was_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("parked.db").display());
    let store = Store::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    let config = dir.path().join("mentorbot.toml");
    std::fs::write(&config, format!("database_url = {url:?}\nprogrammes = []\n")).unwrap();
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_mentorbot"))
            .args(["parked", "--config"])
            .arg(&config)
            .env_remove("MENTORBOT_CONFIG")
            .output()
            .unwrap()
    };
    let o = run();
    assert!(o.status.success(), "{o:?}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("No parked updates"));
    store
        .park_update(&mentorbot::store::ParkedUpdate {
            platform: "telegram".into(),
            update_key: "4242".into(),
            update_json: "{}".into(),
            error: "participants row 7: tz \"Mars/Olympus_Mons\" is not an IANA time zone name".into(),
            attempts: 5,
            parked_at: at(2030, 8, 20, 10, 0),
        })
        .await
        .unwrap();
    let o = run();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("telegram 4242: 5 tries") && out.contains("Mars/Olympus_Mons"),
        "{out}"
    );
}

/// The whole promise at once: a poison outbox row, a poison pair and a
/// poison update beside good ones. The good ones are all delivered; each
/// poison item is dead-lettered, backed off or parked with one alert.
async fn a_poison_row_pair_and_update_beside_good_ones(db: Db) {
    let mut h = Harness::new(db).await;
    let t0 = at(2030, 8, 1, 9, 0);
    let poison_pair = h.pair().await;
    let bea = h.register("Bea", Role::Mentee, Lang::En, t0).await;
    let ole = h.register("Ole", Role::Mentor, Lang::En, t0).await;
    h.engine.match_pair(bea, ole, t0).await.unwrap();
    h.dispatcher.policy.max_attempts = 3;
    let store = h.engine.store.clone();
    let t = at(2030, 8, 19, 10, 0);
    // The poison pair.
    sqlx::query::<sqlx::Any>("UPDATE pairs SET state = '[1, 2', next_due_at = 0 WHERE id = $1")
        .bind(poison_pair)
        .execute(store.pool())
        .await
        .unwrap();
    // The poison row: a message nobody can read, to Lars.
    raw_outbox(&store, Some(h.ids["Lars"]), "memory", "Lars", "garbage", t).await;
    // The poison update: from Klaus, whose row has an unknown language.
    let klaus = bad_participant(&h, "Klaus", "klingon", "Europe/Copenhagen").await;
    sqlx::query::<sqlx::Any>(
        "INSERT INTO identities (platform, platform_user_id, address, participant_id, created_at)
         VALUES ('memory', 'Klaus', 'Klaus', $1, 0)",
    )
    .bind(klaus)
    .execute(store.pool())
    .await
    .unwrap();
    let clock = Arc::new(common::TestClock(std::sync::Mutex::new(t)));
    let handler = mentorbot::runtime::engine_handler_parking(h.engine.clone(), clock, None, 3);
    for i in 0..3 {
        handler(text("poison", "Klaus", "hello")).await;
        // Good updates between the tries.
        assert!(handler(text(&format!("good-{i}"), "Bea", "/help")).await);
    }
    for minutes in [0, 10, 60, 180] {
        let now = t + Duration::minutes(minutes);
        h.engine.tick_all_due(now).await.unwrap();
        h.dispatcher.drain(now).await.unwrap();
    }
    // The good pair got its introduction, Bea her answers.
    assert!(h.texts("Bea").iter().any(|m| m.contains("Ole")), "{:?}", h.texts("Bea"));
    assert!(h.texts("Bea").len() >= 4, "{:?}", h.texts("Bea"));
    // Every row but the poison one went.
    let rows = store.outbox_rows().await.unwrap();
    let dead: Vec<_> = rows.iter().filter(|r| r.1 == "dead").collect();
    assert_eq!(dead.len(), 1, "{rows:?}");
    assert!(rows.iter().all(|r| r.1 != "pending"), "{rows:?}");
    assert_eq!(store.parked_updates().await.unwrap().len(), 1);
    assert!(
        store.pair_tick_status(poison_pair).await.unwrap().0 >= 1,
        "backed off and retried"
    );
    // One alert each.
    let karen = h.texts("Karen");
    assert_eq!(count(&karen, "A message to Lars "), 1, "{karen:?}");
    assert_eq!(count(&karen, "Amira and Lars"), 1, "{karen:?}");
    assert_eq!(count(&karen, "Something Klaus wrote"), 1, "{karen:?}");
}

/// On Telegram by polling: an update that keeps failing is parked and the
/// offset moves on, so the stranger who wrote after it gets an answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_telegram_a_parked_update_lets_the_offset_move_on() {
    use mentorbot_telegram::fake::FakeTelegram;
    const TOKEN: &str = "123456:parking";
    let h = Harness::new(common::sqlite_store().await).await;
    let t = at(2030, 8, 20, 10, 0);
    let klaus = bad_participant(&h, "Klaus", "en", "Mars/Olympus_Mons").await;
    sqlx::query::<sqlx::Any>(
        "INSERT INTO identities (platform, platform_user_id, address, participant_id, created_at)
         VALUES ('telegram', '777', '777', $1, 0)",
    )
    .bind(klaus)
    .execute(h.engine.store.pool())
    .await
    .unwrap();
    let fake = FakeTelegram::start(TOKEN).await;
    let bot = mentorbot_telegram::bot(TOKEN, Some(&fake.url())).unwrap();
    let clock = Arc::new(common::TestClock(std::sync::Mutex::new(t)));
    let handler = mentorbot::runtime::engine_handler_parking(h.engine.clone(), clock, None, 3);
    let (stop, stop_rx) = tokio::sync::watch::channel(false);
    let poller = tokio::spawn(mentorbot_telegram::poll(bot.clone(), handler, 1, stop_rx));
    let d = Dispatcher::new(
        h.engine.clone(),
        vec![Arc::new(mentorbot_telegram::Telegram::new(bot)) as Arc<dyn Adapter>],
    );
    fake.user_says(777, "Klaus", "en", "hello").await;
    fake.user_says(888, "Stranger", "en", "hi").await;
    // A bounded wait on the poller (it re-offers a failed update every
    // 500 ms, as it does today).
    let started = std::time::Instant::now();
    while fake.texts_to(888).is_empty() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "the stranger never got an answer: the poison update blocks the offset"
        );
        d.drain(t).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let parked = h.engine.store.parked_updates().await.unwrap();
    assert_eq!(parked.len(), 1, "{parked:?}");
    assert_eq!(parked[0].platform, "telegram");
    stop.send(true).unwrap();
    poller.await.unwrap();
}

async fn a_split_message_retried_after_part_two_failed_does_not_resend_part_one(db: Db) {
    let caps = bot_core::adapter::Capabilities {
        buttons: true,
        max_text_len: 60,
        max_buttons: 6,
    };
    let mut h = Harness::with_adapter(db, InMemoryAdapter::with_capabilities(caps)).await;
    h.pair().await;
    let t = at(2030, 8, 20, 10, 0);
    h.adapter.script([
        None,
        Some(bot_core::adapter::Fault::Fail(SendError::Transient("503".into()))),
    ]);
    h.say("Amira", "/help", t).await;
    let first = h.texts("Amira");
    assert_eq!(first.len(), 1, "part one went, part two failed: {first:?}");
    for minutes in [1, 10, 60] {
        h.dispatcher.drain(t + Duration::minutes(minutes)).await.unwrap();
    }
    let all = h.texts("Amira");
    assert!(all.len() > 2, "{all:?}");
    assert_eq!(
        all.iter().filter(|m| **m == first[0]).count(),
        1,
        "part one sent twice: {all:?}"
    );
    assert!(
        h.engine
            .store
            .outbox_rows()
            .await
            .unwrap()
            .iter()
            .all(|r| r.1 == "sent")
    );
}
