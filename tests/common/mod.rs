//! Test harness: a store on SQLite or PostgreSQL, the test programme, an
//! in-memory platform, and helpers that act as a person would (write text,
//! press a button they were shown).
#![allow(dead_code)]

mod noon;
mod webchat;
#[allow(unused_imports)]
pub use {noon::noon_zone, webchat::WebChat};

use bot_core::adapter::{Adapter, InMemoryAdapter, Inbound, InboundKind};
use bot_core::message::Rendered;
use bot_core::{Lang, Role, Ts};
use chrono::{NaiveDate, TimeZone, Utc};
use mentorbot::dispatch::Dispatcher;
use mentorbot::{Engine, Handled, Registration, Store};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub const PG_URL_DEFAULT: &str = "postgres://postgres@127.0.0.1:5432/test";

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A fresh SQLite file in a temporary directory.
pub async fn sqlite_store() -> (Store, Option<tempfile::TempDir>) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("test.db").display());
    let store = Store::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    (store, Some(dir))
}

/// A fresh PostgreSQL database, created from `MENTORBOT_TEST_PG_URL`
/// (default: the local `test` database). Fails loudly when PostgreSQL is
/// not there: the suite must run on both backends.
pub async fn postgres_store() -> (Store, Option<tempfile::TempDir>) {
    let store = Store::connect(&new_postgres_database().await).await.unwrap();
    store.migrate().await.unwrap();
    (store, None)
}

/// A new, empty PostgreSQL database (see [`postgres_store`]); its URL, so
/// that several handles can open it, as replicas do.
pub async fn new_postgres_database() -> String {
    use sqlx::Executor;
    let base = std::env::var("MENTORBOT_TEST_PG_URL").unwrap_or_else(|_| PG_URL_DEFAULT.into());
    static N: AtomicU64 = AtomicU64::new(0);
    let name = format!(
        "mentorbot_test_{}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst),
        Utc::now().timestamp_micros()
    );
    sqlx::any::install_default_drivers();
    let mut admin = <sqlx::AnyConnection as sqlx::Connection>::connect(&base)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL is not answering at {base}: {e}. Start it (see .ci/run)."));
    admin
        .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .await
        .unwrap();
    match base.rfind('/') {
        Some(i) => format!("{}/{name}", &base[..i]),
        None => panic!("bad MENTORBOT_TEST_PG_URL"),
    }
}

pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> Ts {
    // Local Copenhagen time, as the programme's coordinator reads it.
    chrono_tz::Europe::Copenhagen
        .from_local_datetime(
            &NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_hms_opt(h, min, 0)
                .unwrap(),
        )
        .unwrap()
        .to_utc()
}

/// A clock the test moves by hand.
pub struct TestClock(pub std::sync::Mutex<Ts>);

impl mentorbot::runtime::Clock for TestClock {
    fn now(&self) -> Ts {
        *self.0.lock().unwrap()
    }
}

pub struct Harness {
    pub engine: Arc<Engine>,
    pub adapter: Arc<InMemoryAdapter>,
    pub dispatcher: Dispatcher,
    pub ids: HashMap<String, i64>,
    update: AtomicU64,
    _dir: Option<tempfile::TempDir>,
}

impl Harness {
    pub async fn new(store: (Store, Option<tempfile::TempDir>)) -> Harness {
        Harness::with_adapter(store, InMemoryAdapter::new()).await
    }

    /// With an in-memory platform of other capabilities (no buttons, few
    /// buttons).
    pub async fn with_adapter(store: (Store, Option<tempfile::TempDir>), adapter: InMemoryAdapter) -> Harness {
        let (p, src) = mentorbot::load_programme(&fixture("test-programme.toml")).unwrap();
        let mut sources = HashMap::new();
        sources.insert(p.id.clone(), src);
        let engine = Arc::new(Engine::new(store.0, vec![p]));
        engine.load_programmes(&sources, at(2030, 8, 1, 9, 0)).await.unwrap();
        let adapter = Arc::new(adapter);
        let dispatcher = Dispatcher::new(engine.clone(), vec![adapter.clone() as Arc<dyn Adapter>]);
        Harness {
            engine,
            adapter,
            dispatcher,
            ids: HashMap::new(),
            update: AtomicU64::new(1),
            _dir: store.1,
        }
    }

    /// With the test programme plus `extra` TOML appended (e.g. a
    /// `[privacy]` section).
    pub async fn with_extra(store: (Store, Option<tempfile::TempDir>), extra: &str) -> Harness {
        let src = std::fs::read_to_string(fixture("test-programme.toml")).unwrap() + "\n" + extra;
        let p = bot_core::Programme::parse("test-programme.toml", &src, bot_core::i18n::Catalog::builtin()).unwrap();
        let mut sources = HashMap::new();
        sources.insert(p.id.clone(), src);
        let engine = Arc::new(Engine::new(store.0, vec![p]));
        engine.load_programmes(&sources, at(2030, 8, 1, 9, 0)).await.unwrap();
        let adapter = Arc::new(InMemoryAdapter::new());
        let dispatcher = Dispatcher::new(engine.clone(), vec![adapter.clone() as Arc<dyn Adapter>]);
        Harness {
            engine,
            adapter,
            dispatcher,
            ids: HashMap::new(),
            update: AtomicU64::new(1),
            _dir: store.1,
        }
    }

    /// With the test programme, `prelude` put first (top-level keys such
    /// as `relay = false` must come before the file's tables).
    pub async fn with_prelude(store: (Store, Option<tempfile::TempDir>), prelude: &str) -> Harness {
        let src = format!(
            "{prelude}\n{}",
            std::fs::read_to_string(fixture("test-programme.toml")).unwrap()
        );
        let p = bot_core::Programme::parse("test-programme.toml", &src, bot_core::i18n::Catalog::builtin()).unwrap();
        let engine = Arc::new(Engine::new(store.0, vec![p.clone()]));
        engine
            .load_programmes(&HashMap::from([(p.id.clone(), src)]), at(2030, 8, 1, 9, 0))
            .await
            .unwrap();
        let adapter = Arc::new(InMemoryAdapter::new());
        let dispatcher = Dispatcher::new(engine.clone(), vec![adapter.clone() as Arc<dyn Adapter>]);
        Harness {
            engine,
            adapter,
            dispatcher,
            ids: HashMap::new(),
            update: AtomicU64::new(1),
            _dir: store.1,
        }
    }

    pub fn programme_id(&self) -> String {
        self.engine.order[0].clone()
    }

    /// Registers someone on the in-memory platform; their user id and chat
    /// address are their name.
    pub async fn register(&mut self, name: &str, role: Role, lang: Lang, now: Ts) -> i64 {
        let pid = self.programme_id();
        let id = self
            .engine
            .register(
                &Registration {
                    programme_id: &pid,
                    role,
                    name,
                    lang,
                    tz: None,
                    contact: Some(&format!("{}@example.org", name.to_lowercase())),
                    consent: true,
                    platform: "memory",
                    user_id: name,
                    address: name,
                },
                now,
            )
            .await
            .unwrap();
        self.ids.insert(name.to_string(), id);
        id
    }

    /// A mentee, a mentor and a coordinator, matched on 1 August.
    pub async fn pair(&mut self) -> i64 {
        let t = at(2030, 8, 1, 9, 0);
        let mentee = self.register("Amira", Role::Mentee, Lang::En, t).await;
        let mentor = self.register("Lars", Role::Mentor, Lang::En, t).await;
        self.register("Karen", Role::Coordinator, Lang::En, t).await;
        self.engine.match_pair(mentee, mentor, t).await.unwrap()
    }

    /// Everything due at `now`: scheduler ticks, then the outbox.
    pub async fn run(&self, now: Ts) {
        self.engine.tick_all_due(now).await.unwrap();
        self.dispatcher.drain(now).await.unwrap();
    }

    /// Runs the clock hour by hour from `from` to `to` (inclusive).
    pub async fn run_until(&self, from: Ts, to: Ts) {
        let mut t = from;
        while t <= to {
            self.run(t).await;
            t += chrono::Duration::hours(1);
        }
    }

    pub fn inbox(&self, who: &str) -> Vec<Rendered> {
        self.adapter.sent_to(who)
    }

    pub fn texts(&self, who: &str) -> Vec<String> {
        self.inbox(who).into_iter().map(|m| m.text).collect()
    }

    pub fn last(&self, who: &str) -> Rendered {
        self.inbox(who)
            .pop()
            .unwrap_or_else(|| panic!("{who} has received nothing"))
    }

    fn next_key(&self) -> String {
        self.update.fetch_add(1, Ordering::SeqCst).to_string()
    }

    pub async fn say(&self, who: &str, text: &str, now: Ts) -> Handled {
        self.deliver(who, InboundKind::Text(text.into()), now).await
    }

    /// Presses the newest button shown to `who` whose payload matches.
    pub async fn press(&self, who: &str, matches: impl Fn(&str) -> bool, now: Ts) -> Handled {
        let payload = self
            .inbox(who)
            .iter()
            .rev()
            .flat_map(|m| m.buttons.iter().flatten())
            .find(|b| matches(&b.payload))
            .unwrap_or_else(|| panic!("{who} was shown no such button"))
            .payload
            .clone();
        self.press_payload(who, &payload, now).await
    }

    /// On a platform without buttons: types the number of the numbered
    /// choice whose line in the last message with choices contains `label`.
    pub async fn choose(&self, who: &str, label: &str, now: Ts) -> Handled {
        let number = self
            .inbox(who)
            .iter()
            .rev()
            .flat_map(|m| m.text.lines().map(str::to_string).collect::<Vec<_>>())
            .find_map(|line| {
                let (n, rest) = line.split_once(". ")?;
                (n.parse::<usize>().is_ok() && rest.contains(label)).then(|| n.to_string())
            })
            .unwrap_or_else(|| panic!("{who} was shown no numbered choice {label:?}"));
        self.say(who, &number, now).await
    }

    pub async fn press_payload(&self, who: &str, payload: &str, now: Ts) -> Handled {
        self.deliver(who, InboundKind::Button(payload.into()), now).await
    }

    /// An update from `who`, handled, then whatever it queued is sent.
    async fn deliver(&self, who: &str, kind: InboundKind, now: Ts) -> Handled {
        let u = Inbound {
            platform: "memory".into(),
            // Like Bot Framework's keys, the key names the conversation.
            update_key: format!("{who}|{}", self.next_key()),
            user_id: who.into(),
            address: who.into(),
            lang_hint: None,
            contact: None,
            kind,
        };
        let h = self.engine.handle(&u, now).await.unwrap();
        self.dispatcher.drain(now).await.unwrap();
        h
    }
}

/// Defines each test once per backend: `mod sqlite` and `mod postgres`.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::common::sqlite_store().await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::common::postgres_store().await).await;
                }
            )*
        }
    };
}

/// The test programme twice: as `test-programme` and as `other-programme`
/// (another programme with its own coordinators).
pub async fn two_programmes(store: (Store, Option<tempfile::TempDir>)) -> Harness {
    let src = std::fs::read_to_string(fixture("test-programme.toml")).unwrap();
    let catalog = bot_core::i18n::Catalog::builtin();
    let p = bot_core::Programme::parse("test-programme.toml", &src, catalog).unwrap();
    let other = bot_core::Programme::parse("other-programme.toml", &src, catalog).unwrap();
    let sources: HashMap<String, String> = [(p.id.clone(), src.clone()), (other.id.clone(), src)].into();
    let engine = Arc::new(Engine::new(store.0, vec![p, other]));
    engine.load_programmes(&sources, at(2030, 8, 1, 9, 0)).await.unwrap();
    let adapter = Arc::new(InMemoryAdapter::new());
    let dispatcher = Dispatcher::new(engine.clone(), vec![adapter.clone() as Arc<dyn Adapter>]);
    Harness {
        engine,
        adapter,
        dispatcher,
        ids: HashMap::new(),
        update: AtomicU64::new(1),
        _dir: store.1,
    }
}

impl Harness {
    /// Registers someone in a given programme (see [`two_programmes`]).
    pub async fn register_in(&mut self, programme: &str, name: &str, role: Role, lang: Lang, now: Ts) -> i64 {
        let id = self
            .engine
            .register(
                &Registration {
                    programme_id: programme,
                    role,
                    name,
                    lang,
                    tz: None,
                    contact: None,
                    consent: true,
                    platform: "memory",
                    user_id: name,
                    address: name,
                },
                now,
            )
            .await
            .unwrap();
        self.ids.insert(name.to_string(), id);
        id
    }
}
