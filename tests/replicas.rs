//! Replicas sharing one database: outbox claims are leases held by one
//! worker, renewed while it sends; a worker whose lease ran out changes
//! nothing; scheduler ticks are never duplicated; two dispatchers send
//! 10,000 messages with nothing lost and duplicates bounded by what was in
//! flight when one was killed. The store tests run on SQLite and on
//! PostgreSQL with two handles on one database.

mod common;

use bot_core::adapter::{Adapter, BoxFuture, InMemoryAdapter, Recipient, SendError, Sent};
use bot_core::message::Rendered;
use bot_core::{Lang, Role, Ts};
use chrono::{Duration, Utc};
use common::at;
use mentorbot::Store;
use mentorbot::dispatch::Dispatcher;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh database and its URL: a SQLite file, or a new PostgreSQL
/// database. Several handles can open it, as replicas do.
pub struct Db {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

impl Db {
    pub async fn sqlite() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("replicas.db").display());
        let db = Db { url, _dir: Some(dir) };
        db.store().await.migrate().await.unwrap();
        db
    }

    pub async fn postgres() -> Db {
        let db = Db {
            url: common::new_postgres_database().await,
            _dir: None,
        };
        db.store().await.migrate().await.unwrap();
        db
    }

    /// Another handle (its own pool), as another replica has.
    pub async fn store(&self) -> Store {
        Store::connect(&self.url).await.unwrap()
    }
}

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(super::Db::sqlite().await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(super::Db::postgres().await).await;
                }
            )*
        }
    };
}

on_both!(
    a_second_worker_cannot_claim_rows_another_holds,
    an_expired_lease_is_taken_over_and_the_stale_workers_marks_change_nothing,
    a_lease_renewed_while_a_slow_batch_is_sent_keeps_another_worker_off,
    two_replicas_ticking_at_once_tick_each_due_pair_once,
);

/// Queues `n` messages for the in-memory platform, to addresses `u0`…,
/// due at `t`.
async fn queue(store: &Store, n: usize, t: Ts) {
    let msg = serde_json::to_string(&bot_core::message::Msg::new("help-mentee")).unwrap();
    let mut tx = store.begin().await.unwrap();
    for i in 0..n {
        sqlx::query::<sqlx::Any>(
            "INSERT INTO outbox (participant_id, pair_id, platform, address, lang, msg, once_key, not_before, created_at)
             VALUES (NULL, NULL, 'memory', $1, 'en', $2, NULL, $3, $3)",
        )
        .bind(format!("u{i}"))
        .bind(&msg)
        .bind(t.timestamp_millis())
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

fn ids(claimed: &[mentorbot::store::Claimed]) -> Vec<i64> {
    claimed
        .iter()
        .map(|c| match c {
            Ok(r) => r.id,
            Err(b) => b.id,
        })
        .collect()
}

const MINUTE: i64 = 60_000;

async fn a_second_worker_cannot_claim_rows_another_holds(db: Db) {
    let (a, b) = (db.store().await, db.store().await);
    let t = at(2030, 8, 1, 9, 0);
    queue(&a, 10, t).await;
    let first = a.claim("worker-a", t, MINUTE, 6).await.unwrap();
    assert_eq!(first.len(), 6);
    // The other replica gets only the rows nobody holds, now and until the
    // lease runs out.
    let second = b.claim("worker-b", t, MINUTE, 100).await.unwrap();
    assert_eq!(second.len(), 4);
    let (x, y) = (ids(&first), ids(&second));
    assert!(x.iter().all(|id| !y.contains(id)), "{x:?} {y:?}");
    let later = b
        .claim("worker-b", t + Duration::seconds(59), MINUTE, 100)
        .await
        .unwrap();
    assert!(later.is_empty(), "held rows were claimed again: {:?}", ids(&later));
    // Nor can it settle them: marks by another worker change nothing.
    assert!(!b.mark_sent("worker-b", x[0], t, None).await.unwrap());
    assert!(!b.mark_dead("worker-b", x[1], 1, "no").await.unwrap());
    assert!(!b.mark_retry("worker-b", x[2], 1, t, "no").await.unwrap());
    assert_eq!(a.outbox_counts().await.unwrap(), (10, 0, 0));
    // The holder can.
    assert!(a.mark_sent("worker-a", x[0], t, None).await.unwrap());
    assert_eq!(a.outbox_counts().await.unwrap(), (9, 1, 0));
    // Concurrent claims on PostgreSQL (SKIP LOCKED) and SQLite (one
    // writer) never hand a row to both.
    queue(&a, 200, t).await;
    let (ca, cb) = tokio::join!(
        a.claim("worker-a", t + Duration::minutes(5), MINUTE, 150),
        b.claim("worker-b", t + Duration::minutes(5), MINUTE, 150)
    );
    let (ca, cb) = (ids(&ca.unwrap()), ids(&cb.unwrap()));
    assert!(ca.iter().all(|id| !cb.contains(id)), "a row claimed by both");
    assert_eq!(ca.len() + cb.len(), 209, "every pending row claimed once");
}

async fn an_expired_lease_is_taken_over_and_the_stale_workers_marks_change_nothing(db: Db) {
    let (a, b) = (db.store().await, db.store().await);
    let t = at(2030, 8, 1, 9, 0);
    queue(&a, 3, t).await;
    let held = ids(&a.claim("worker-a", t, MINUTE, 10).await.unwrap());
    assert_eq!(held.len(), 3);
    // Worker A stalls past its lease; B takes the rows over.
    let taken = ids(&b
        .claim("worker-b", t + Duration::seconds(61), MINUTE, 10)
        .await
        .unwrap());
    assert_eq!(taken, held);
    // A wakes up: its renewal holds nothing, and its marks change nothing.
    let still = a
        .renew("worker-a", &held, t + Duration::seconds(62) + Duration::minutes(1))
        .await
        .unwrap();
    assert!(still.is_empty(), "{still:?}");
    assert!(!a.mark_sent("worker-a", held[0], t, Some("m1")).await.unwrap());
    assert!(!a.mark_retry("worker-a", held[1], 1, t, "late").await.unwrap());
    assert!(!a.mark_dead("worker-a", held[2], 1, "late").await.unwrap());
    assert!(!a.mark_parts_sent("worker-a", held[0], 1).await.unwrap());
    a.release("worker-a", &held).await.unwrap();
    let rows = a.outbox_rows().await.unwrap();
    assert!(
        rows.iter().all(|r| r.1 == "pending" && r.2 == 0 && r.3.is_none()),
        "the stale worker changed a row: {rows:?}"
    );
    // B, which holds them, settles them.
    assert_eq!(
        b.renew("worker-b", &held, t + Duration::minutes(3)).await.unwrap(),
        held
    );
    for id in &held {
        assert!(b.mark_sent("worker-b", *id, t, None).await.unwrap());
    }
    assert_eq!(b.outbox_counts().await.unwrap(), (0, 3, 0));
    // A settled row is no one's to mark again.
    assert!(!b.mark_sent("worker-b", held[0], t, None).await.unwrap());
}

/// The in-memory platform, slow: each send takes `delay`, and `reached`
/// is told once `after` sends went.
struct Slow {
    inner: InMemoryAdapter,
    delay: std::time::Duration,
    after: usize,
    reached: tokio::sync::Notify,
}

impl Adapter for Slow {
    fn platform(&self) -> &str {
        self.inner.platform()
    }
    fn capabilities(&self) -> bot_core::adapter::Capabilities {
        self.inner.capabilities()
    }
    fn send<'a>(&'a self, to: &'a Recipient, msg: &'a Rendered) -> BoxFuture<'a, Result<Sent, SendError>> {
        Box::pin(async move {
            tokio::time::sleep(self.delay).await;
            let r = self.inner.send(to, msg).await;
            if self.inner.count() == self.after {
                self.reached.notify_one();
            }
            r
        })
    }
}

/// Sends per address.
fn per_address(adapters: &[&InMemoryAdapter]) -> HashMap<String, usize> {
    let mut n = HashMap::new();
    for a in adapters {
        for (to, _) in a.sent() {
            *n.entry(to.address).or_insert(0) += 1;
        }
    }
    n
}

async fn engine(store: Store) -> Arc<mentorbot::Engine> {
    let (p, src) = mentorbot::load_programme(&common::fixture("test-programme.toml")).unwrap();
    let engine = Arc::new(mentorbot::Engine::new(store, vec![p.clone()]));
    engine
        .load_programmes(&[(p.id.clone(), src)].into(), at(2030, 8, 1, 9, 0))
        .await
        .unwrap();
    engine
}

/// The bug of issue 13: a paced batch outlived its lease and a second
/// replica sent the same messages. The lease is now renewed while the
/// batch goes (here a lease of 300 ms and a batch of 12 sends of 100 ms).
async fn a_lease_renewed_while_a_slow_batch_is_sent_keeps_another_worker_off(db: Db) {
    let (a, b) = (engine(db.store().await).await, engine(db.store().await).await);
    queue(&a.store, 12, Utc::now()).await;
    let slow = Arc::new(Slow {
        inner: InMemoryAdapter::new(),
        delay: std::time::Duration::from_millis(100),
        after: 6,
        reached: tokio::sync::Notify::new(),
    });
    let mut first = Dispatcher::new(a, vec![slow.clone() as Arc<dyn Adapter>]);
    first.lease = Duration::milliseconds(300);
    let other = Arc::new(InMemoryAdapter::new());
    let mut second = Dispatcher::new(b, vec![other.clone() as Arc<dyn Adapter>]);
    second.lease = Duration::milliseconds(300);
    let batch = tokio::spawn(async move { first.run_once(Utc::now()).await.unwrap() });
    // Half-way through, 600 ms after the claim: twice the lease.
    slow.reached.notified().await;
    let meanwhile = second.run_once(Utc::now()).await.unwrap();
    assert_eq!(
        meanwhile,
        Default::default(),
        "the other replica took rows still being sent"
    );
    let done = batch.await.unwrap();
    assert_eq!((done.sent, done.lost, done.stale), (12, 0, 0));
    assert_eq!(other.count(), 0);
    let sends = per_address(&[&slow.inner]);
    assert_eq!(sends.len(), 12);
    assert!(sends.values().all(|n| *n == 1), "{sends:?}");
}

/// Two replicas' schedulers on one database, at the same instant: each
/// due pair is ticked by one of them (on PostgreSQL the pair's row is
/// taken with `FOR UPDATE SKIP LOCKED` and its due time checked again), so
/// every message of the tick is queued once.
async fn two_replicas_ticking_at_once_tick_each_due_pair_once(db: Db) {
    const PAIRS: usize = 40;
    let (a, b) = (engine(db.store().await).await, engine(db.store().await).await);
    let t0 = at(2030, 8, 1, 9, 0);
    for i in 0..PAIRS {
        let e = register(&a, &format!("Mentee{i}"), Role::Mentee, "memory", t0).await;
        let m = register(&a, &format!("Mentor{i}"), Role::Mentor, "memory", t0).await;
        a.match_pair(e, m, t0).await.unwrap();
    }
    let now = at(2030, 8, 19, 10, 0);
    // Small batches, many passes, both replicas at once.
    let run = |e: Arc<mentorbot::Engine>| async move {
        let mut n = 0;
        loop {
            let k = e.tick_due(now, 7).await.unwrap();
            n += k;
            if k == 0 {
                return n;
            }
        }
    };
    let (na, nb) = tokio::join!(run(a.clone()), run(b.clone()));
    assert_eq!(na + nb, PAIRS, "ticks: {na} + {nb}");
    // The intro, the frame and the kickoff invitations: six messages a
    // pair, as one scheduler alone queues (tests/store_suite.rs).
    let (pending, _, _) = a.store.outbox_counts().await.unwrap();
    assert_eq!(pending as usize, PAIRS * 6);
    println!("scheduler: {PAIRS} due pairs ticked by two replicas at once: {na} + {nb}, messages {pending}");
}

/// Registers `name` in the engine's first programme; on `platform` their
/// user id and address are `name`.
async fn register(e: &mentorbot::Engine, name: &str, role: Role, platform: &str, t: Ts) -> i64 {
    e.register(
        &mentorbot::Registration {
            programme_id: &e.order[0],
            role,
            name,
            lang: Lang::En,
            tz: None,
            contact: None,
            consent: true,
            platform,
            user_id: name,
            address: name,
        },
        t,
    )
    .await
    .unwrap()
}

/// Waits (bounded, 20 s) until `done`; how long it took.
async fn wait_for(what: &str, done: impl Fn() -> bool) -> std::time::Duration {
    let started = std::time::Instant::now();
    while !done() {
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "{what}");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    started.elapsed()
}

/// One fake platform shared by the replicas: every delivery, per address,
/// and which replica made it. A send answers after a yield, as a network
/// call would, so a replica can be killed with a message in flight.
#[derive(Default)]
struct Platform {
    deliveries: std::sync::Mutex<Vec<(usize, String)>>,
    by_one: AtomicUsize,
}

struct Replica {
    n: usize,
    platform: Arc<Platform>,
}

impl Adapter for Replica {
    fn platform(&self) -> &str {
        "memory"
    }
    fn capabilities(&self) -> bot_core::adapter::Capabilities {
        InMemoryAdapter::new().capabilities()
    }
    fn send<'a>(&'a self, to: &'a Recipient, _msg: &'a Rendered) -> BoxFuture<'a, Result<Sent, SendError>> {
        Box::pin(async move {
            self.platform
                .deliveries
                .lock()
                .unwrap()
                .push((self.n, to.address.clone()));
            if self.n == 1 {
                self.platform.by_one.fetch_add(1, Ordering::SeqCst);
            }
            tokio::task::yield_now().await;
            Ok(Sent {
                platform_message_id: None,
            })
        })
    }
}

/// A replica's dispatcher loop on the wall clock, until nothing is left.
async fn dispatch_until_empty(d: Arc<Dispatcher>) {
    loop {
        let s = d.run_once(Utc::now()).await.unwrap();
        if s == Default::default() {
            let (pending, _, _) = d_store(&d).outbox_counts().await.unwrap();
            if pending == 0 {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
}

fn d_store(d: &Dispatcher) -> &Store {
    &d.engine().store
}

/// Issue 13: 10,000 messages through two replicas sharing one PostgreSQL
/// database and one platform. Replica 1 is killed mid-batch; replica 2
/// takes over its claims once the lease (2 s here) runs out. Nothing is
/// lost; duplicates are counted and no more than were in flight.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_messages_through_two_replicas_one_killed_mid_batch() {
    const N: usize = 10_000;
    let db = Db::postgres().await;
    let (s1, s2) = (db.store().await, db.store().await);
    queue(&s1, N, Utc::now()).await;
    let platform = Arc::new(Platform::default());
    let replica = |n: usize, store: Store| {
        let platform = platform.clone();
        async move {
            let mut d = Dispatcher::new(
                engine(store).await,
                vec![Arc::new(Replica { n, platform }) as Arc<dyn Adapter>],
            );
            d.lease = Duration::seconds(2);
            d.batch = 100;
            Arc::new(d)
        }
    };
    let (d1, d2) = (replica(1, s1.clone()).await, replica(2, s2).await);
    let worker1 = d1.worker.clone();
    let started = std::time::Instant::now();
    let one = tokio::spawn(dispatch_until_empty(d1));
    let two = tokio::spawn(dispatch_until_empty(d2));
    // Kill replica 1 once it has sent a fifth of the messages.
    loop {
        if platform.by_one.load(Ordering::SeqCst) >= N / 5 {
            break;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(50),
            "replica 1 is stuck"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    one.abort();
    let _ = one.await;
    let killed_at = platform.deliveries.lock().unwrap().len();
    // What replica 1 held when it died: its claims, and the sends whose
    // outcome it never recorded (in flight).
    let held: i64 = sqlx::Row::try_get(
        &sqlx::query::<sqlx::Any>("SELECT COUNT(*) FROM outbox WHERE claimed_by = $1 AND status = 'pending'")
            .bind(&worker1)
            .fetch_one(s1.pool())
            .await
            .unwrap(),
        0,
    )
    .unwrap();
    tokio::time::timeout(std::time::Duration::from_secs(50), two)
        .await
        .expect("replica 2 finished within 50 s")
        .unwrap();
    let elapsed = started.elapsed();
    let deliveries = platform.deliveries.lock().unwrap().clone();
    let mut per: HashMap<&str, usize> = HashMap::new();
    for (_, a) in &deliveries {
        *per.entry(a.as_str()).or_insert(0) += 1;
    }
    assert_eq!(per.len(), N, "every message delivered at least once");
    let duplicates = deliveries.len() - N;
    let (pending, sent, dead) = s1.outbox_counts().await.unwrap();
    assert_eq!((pending, sent as usize, dead), (0, N, 0));
    // Replica 1 sends one message at a time: at most one was in flight.
    let in_flight = 1;
    assert!(duplicates <= in_flight, "{duplicates} duplicates");
    let by = |n| deliveries.iter().filter(|d| d.0 == n).count();
    println!(
        "replicas: {N} messages, replica 1 sent {} (killed after {killed_at} deliveries, holding {held} claims), \
         replica 2 sent {}, duplicates {duplicates}, in flight at the kill <= {in_flight}, {:.1} s",
        by(1),
        by(2),
        elapsed.as_secs_f64()
    );
}

mod crash {
    use super::Db;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sigkill_during_a_broadcast_to_1000_loses_nothing_on_sqlite() {
        super::sigkill_during_a_broadcast(Db::sqlite().await, "sqlite").await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sigkill_during_a_broadcast_to_1000_loses_nothing_on_postgres() {
        super::sigkill_during_a_broadcast(Db::postgres().await, "postgres").await;
    }
}

/// Successful sendMessage calls per chat.
fn received(fake: &mentorbot_telegram::fake::FakeTelegram) -> HashMap<i64, usize> {
    let mut n = HashMap::new();
    for c in fake.calls_to("sendMessage") {
        if c.status == 200
            && let Some(chat) = c.params["chat_id"].as_i64()
        {
            *n.entry(chat).or_insert(0) += 1;
        }
    }
    n
}

/// A `mentorbot serve` process, killed when dropped (a failed test leaves
/// none behind).
struct Serve(std::process::Child);

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(config: &std::path::Path) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_mentorbot"))
        .arg("serve")
        .arg("--config")
        .arg(config)
        .env_remove("MENTORBOT_CONFIG")
        .env_remove("TELOXIDE_TOKEN")
        .env("RUST_LOG", "warn")
        .env("MENTORBOT_OPS__LISTEN", "127.0.0.1:0")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

/// Issue 13's crash test: `mentorbot serve` is SIGKILLed while it sends
/// a broadcast to 1,000 people on Telegram (the fake Bot API), then
/// started again. Every person gets the message; a message goes twice only
/// if it was in flight at the kill (handed to Telegram, not yet marked).
async fn sigkill_during_a_broadcast(db: Db, backend: &str) {
    use mentorbot_telegram::fake::FakeTelegram;
    const PEOPLE: i64 = 1000;
    const TOKEN: &str = "123456:crash";
    let started = std::time::Instant::now();
    // The fake refuses (429) beyond Telegram's limits: 30 a second
    // overall, 1 a second per chat.
    let fake = FakeTelegram::start(TOKEN).await;
    let store = db.store().await;
    let e = engine(store.clone()).await;
    let programme = e.order[0].clone();
    let now = Utc::now();
    // Broadcasts wait for each recipient's quiet hours: the recipients
    // live where it is about noon now, so the test runs at any hour.
    let zone = common::noon_zone(now).name().to_string();
    {
        let mut tx = store.begin().await.unwrap();
        for i in 0..PEOPLE {
            let chat = 900_000 + i;
            let id: i64 = sqlx::Row::try_get(
                &sqlx::query::<sqlx::Any>(
                    "INSERT INTO participants (programme_id, role, name, lang, tz, created_at)
                     VALUES ($1, $2, $3, 'en', $4, $5) RETURNING id",
                )
                .bind(&programme)
                .bind(if i % 2 == 0 { "mentee" } else { "mentor" })
                .bind(format!("Person {i}"))
                .bind(&zone)
                .bind(now.timestamp_millis())
                .fetch_one(&mut *tx)
                .await
                .unwrap(),
                0,
            )
            .unwrap();
            sqlx::query::<sqlx::Any>(
                "INSERT INTO identities (platform, platform_user_id, address, participant_id, created_at)
                 VALUES ('telegram', $1, $1, $2, $3)",
            )
            .bind(chat.to_string())
            .bind(id)
            .bind(now.timestamp_millis())
            .execute(&mut *tx)
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
    }
    let queued = e
        .broadcast(
            &programme,
            &bot_core::coordinator::broadcast::Audience::Everyone,
            &mentorbot::engine::broadcast_texts("The kickoff moves to room 4.".into(), None),
            false,
            now,
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(queued.recipients, PEOPLE);

    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("mentorbot.toml");
    std::fs::write(
        &config,
        format!(
            "database_url = {:?}\nprogrammes = [{:?}]\n[dispatcher]\npoll_ms = 20\nlease_secs = 2\n[scheduler]\npoll_ms = 200\n\
             [telegram]\ntoken = {TOKEN:?}\napi_url = {:?}\npoll_timeout_secs = 1\n",
            db.url,
            common::fixture("test-programme.toml").display().to_string(),
            fake.url(),
        ),
    )
    .unwrap();
    let mut first = Serve(serve(&config));
    let first = &mut first.0;
    // Kill it a third of the way through.
    loop {
        let n: usize = received(&fake).values().sum();
        if n >= (PEOPLE as usize) / 3 {
            break;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(40),
            "serve sent {n} in 40 s"
        );
        assert!(first.try_wait().unwrap().is_none(), "serve exited early");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    first.kill().unwrap(); // SIGKILL
    first.wait().unwrap();
    let at_kill: usize = received(&fake).values().sum();
    let (_, marked, _) = store.outbox_counts().await.unwrap();
    // Handed to Telegram but never marked sent: in flight at the kill.
    let in_flight = at_kill.saturating_sub(marked as usize);

    let mut second = Serve(serve(&config));
    let second = &mut second.0;
    let done = loop {
        let (pending, sent, dead) = store.outbox_counts().await.unwrap();
        if pending == 0 {
            break (sent, dead);
        }
        if started.elapsed() > std::time::Duration::from_secs(55) {
            let _ = second.kill();
            panic!("{pending} messages still pending after the restart");
        }
        assert!(second.try_wait().unwrap().is_none(), "the restarted serve exited");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    second.kill().unwrap();
    second.wait().unwrap();
    assert_eq!(done, (PEOPLE, 0), "every message sent, none dead");
    let got = received(&fake);
    assert_eq!(got.len() as i64, PEOPLE, "everyone got the broadcast");
    let total: usize = got.values().sum();
    let duplicates = total - PEOPLE as usize;
    assert!(
        duplicates <= in_flight,
        "{duplicates} duplicates, {in_flight} in flight at the kill"
    );
    let refused = fake.calls_to("sendMessage").iter().filter(|c| c.status == 429).count();
    assert_eq!(refused, 0, "the pacing keeps within Telegram's limits");
    println!(
        "crash ({backend}): broadcast to {PEOPLE}, SIGKILL after {at_kill} sends ({marked} marked sent), \
         duplicates {duplicates}, in flight {in_flight}, 429s {refused}, {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// Only one replica long-polls Telegram: the fake answers a second
/// concurrent `getUpdates` with 409 Conflict, as Telegram does; two
/// replicas on one PostgreSQL database never draw it, because the poller
/// holds an advisory lock. When the holder dies, the other takes over
/// within seconds and the updates queued meanwhile are handled.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_one_replica_polls_telegram_and_another_takes_over_when_it_dies() {
    use mentorbot_telegram::fake::FakeTelegram;
    use teloxide::payloads::GetUpdatesSetters;
    use teloxide::prelude::Requester;
    const TOKEN: &str = "123456:poller";
    let fake = FakeTelegram::start(TOKEN).await;
    let bot = mentorbot_telegram::bot(TOKEN, Some(&fake.url())).unwrap();
    // The fake refuses a second poll at the same time, as Telegram does.
    let (x, y) = tokio::join!(bot.get_updates().timeout(1), async {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        bot.get_updates().timeout(0).await
    });
    assert!(x.is_ok());
    assert!(y.is_err(), "{y:?}");
    assert_eq!(
        fake.calls_to("getUpdates").iter().filter(|c| c.status == 409).count(),
        1
    );

    let db = Db::postgres().await;
    let handled: Arc<std::sync::Mutex<Vec<(usize, String)>>> = Arc::default();
    let replica = |n: usize, store: Store| {
        let handled = handled.clone();
        let handler: bot_core::adapter::Handler = Arc::new(move |inbound| {
            let handled = handled.clone();
            Box::pin(async move {
                handled.lock().unwrap().push((n, inbound.update_key));
                true
            })
        });
        let (stop, stop_rx) = tokio::sync::watch::channel(false);
        let task = tokio::spawn(mentorbot::runtime::poll_telegram(
            store,
            mentorbot_telegram::bot(TOKEN, Some(&fake.url())).unwrap(),
            handler,
            1,
            stop_rx,
        ));
        (task, stop)
    };
    let by = |n: usize| handled.lock().unwrap().iter().filter(|h| h.0 == n).count();
    let conflicts_before = fake.calls_to("getUpdates").iter().filter(|c| c.status == 409).count();
    let (one, _stop_one) = replica(1, db.store().await);
    fake.user_says(42, "Amira", "en", "hello").await;
    wait_for("replica 1 polls", || by(1) == 1).await;
    let (two, stop_two) = replica(2, db.store().await);
    for i in 0..5 {
        fake.user_says(42, "Amira", "en", &format!("message {i}")).await;
    }
    wait_for("replica 1 handles the rest", || by(1) == 6).await;
    // Replica 2 waited: it never polled beside replica 1.
    assert_eq!(by(2), 0);
    let conflicts = fake.calls_to("getUpdates").iter().filter(|c| c.status == 409).count() - conflicts_before;
    assert_eq!(conflicts, 0, "two replicas polled at once");

    // Replica 1 dies: its database session goes, and with it the lock.
    one.abort();
    let _ = one.await;
    fake.user_says(42, "Amira", "en", "are you there?").await;
    let took = wait_for("replica 2 takes over", || by(2) == 1).await;
    println!(
        "poller: replica 2 took over {:.1} s after replica 1 died",
        took.as_secs_f64()
    );
    assert!(took < std::time::Duration::from_secs(10), "took {took:?}");
    // Nothing was lost, nothing handled twice.
    let mut keys: Vec<String> = handled.lock().unwrap().iter().map(|h| h.1.clone()).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 7);
    stop_two.send(true).unwrap();
    two.await.unwrap();
}
