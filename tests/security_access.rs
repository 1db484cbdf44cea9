//! Who gets in, tried as the attacker: demo codes on a real programme or
//! another platform, codes from an earlier demo, demo matching with real
//! people, expired, used-up and revoked invite codes. Each attack must be
//! refused with a clear answer and change nothing.

mod common;

use bot_core::adapter::{Inbound, InboundKind};
use bot_core::i18n::Catalog;
use bot_core::message::Msg;
use bot_core::{Lang, Role, Ts};
use common::{Harness, TestClock, at};
use mentorbot::config::{Config, TelegramConfig, WebChatConfig};
use mentorbot::dispatch::Dispatcher;
use mentorbot::runtime::{Clock, start_platforms};
use mentorbot::{Engine, Handled, Store};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// What the bot answers, in a language.
fn says(key: &str, lang: Lang) -> String {
    Catalog::builtin().text(&Msg::new(key.to_string()), lang, chrono_tz::UTC)
}

async fn count(store: &Store, sql: &str) -> i64 {
    use sqlx::Row;
    sqlx::query::<sqlx::Any>(sqlx::AssertSqlSafe(sql))
        .fetch_one(store.pool())
        .await
        .unwrap()
        .try_get::<i64, _>(0)
        .unwrap()
}

/// Nothing was created: no participant, identity or registration.
async fn nobody_got_in(store: &Store) {
    assert_eq!(count(store, "SELECT COUNT(*) FROM participants").await, 0);
    assert_eq!(count(store, "SELECT COUNT(*) FROM identities").await, 0);
    assert_eq!(count(store, "SELECT COUNT(*) FROM registrations").await, 0);
}

async fn engine_with(store: Store, programmes: Vec<(bot_core::Programme, String)>, now: Ts) -> Arc<Engine> {
    let sources: HashMap<_, _> = programmes.iter().map(|(p, s)| (p.id.clone(), s.clone())).collect();
    let engine = Arc::new(Engine::new(store, programmes.into_iter().map(|(p, _)| p).collect()));
    engine.load_programmes(&sources, now).await.unwrap();
    engine
}

fn real_programme() -> (bot_core::Programme, String) {
    mentorbot::load_programme(&common::fixture("test-programme.toml")).unwrap()
}

fn demo_programme() -> (bot_core::Programme, String) {
    let src = mentorbot::runtime::DEMO_PROGRAMME.to_string();
    let p = bot_core::Programme::parse("programmes/demo.toml", &src, Catalog::builtin()).unwrap();
    (p, src)
}

static UPDATE: AtomicU64 = AtomicU64::new(1);

/// An update as a platform adapter hands it to the engine.
fn inbound(platform: &str, user: &str, lang: Option<&str>, kind: InboundKind) -> Inbound {
    Inbound {
        platform: platform.into(),
        update_key: format!("u{}", UPDATE.fetch_add(1, Ordering::SeqCst)),
        user_id: user.into(),
        address: user.into(),
        lang_hint: lang.map(str::to_string),
        contact: Some(format!("@{user}")),
        kind,
    }
}

fn text(platform: &str, user: &str, t: &str) -> Inbound {
    inbound(platform, user, Some("en"), InboundKind::Text(t.into()))
}

fn demo_config(port: u16) -> Config {
    Config {
        ops: mentorbot::config::OpsConfig {
            listen: "127.0.0.1:0".into(),
        },
        webchat: Some(WebChatConfig {
            listen: format!("127.0.0.1:{port}"),
            demo: true,
            public_url: None,
        }),
        ..Default::default()
    }
}

// ---------------------------------------------------------------- demo

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_telegram_user_cannot_become_coordinator_of_a_real_programme_with_a_demo_code() {
    use mentorbot_telegram::fake::FakeTelegram;
    let (store, _dir) = common::sqlite_store().await;
    let now = at(2030, 8, 1, 9, 0);
    let engine = engine_with(store.clone(), vec![real_programme()], now).await;
    let fake = FakeTelegram::start("555:FAKE").await;
    fake.enforce_limits(false);
    // A real programme on Telegram, and a web chat whose section says demo.
    let cfg = Config {
        ops: mentorbot::config::OpsConfig {
            listen: "127.0.0.1:0".into(),
        },
        programmes: vec![common::fixture("test-programme.toml")],
        telegram: Some(TelegramConfig {
            token: Some("555:FAKE".into()),
            api_url: Some(fake.url()),
            poll_timeout_secs: Some(1),
            ..Default::default()
        }),
        webchat: Some(WebChatConfig {
            listen: format!("127.0.0.1:{}", free_port()),
            demo: true,
            public_url: None,
        }),
        ..Default::default()
    };
    let clock: Arc<dyn Clock> = Arc::new(TestClock(Mutex::new(now)));
    let (_stop, stop_rx) = tokio::sync::watch::channel(false);
    let adapters = start_platforms(&cfg, engine.clone(), clock, stop_rx).await.unwrap();
    let dispatcher = Dispatcher::new(engine.clone(), adapters);

    const MALLORY: i64 = 6666;
    fake.user_says(MALLORY, "Mallory", "en", "/start demo-coordinator")
        .await;
    tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            dispatcher.drain(now).await.unwrap();
            if !fake.texts_to(MALLORY).is_empty() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("the bot answered");
    assert_eq!(fake.texts_to(MALLORY), vec![says("invite-unknown", Lang::En)]);
    nobody_got_in(&store).await;
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM invites WHERE code LIKE 'demo-%'").await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_codes_work_in_the_web_chat_only() {
    let (store, _dir) = common::sqlite_store().await;
    let now = at(2026, 12, 10, 12, 0);
    let engine = engine_with(store.clone(), vec![demo_programme()], now).await;
    let (_stop, stop_rx) = tokio::sync::watch::channel(false);
    start_platforms(
        &demo_config(free_port()),
        engine.clone(),
        Arc::new(TestClock(Mutex::new(now))),
        stop_rx,
    )
    .await
    .unwrap();
    for platform in ["telegram", "botframework", "memory"] {
        let h = engine
            .handle(&text(platform, "mallory", "/start demo-coordinator"), now)
            .await
            .unwrap();
        assert_eq!(h, Handled::Unregistered, "{platform}");
    }
    nobody_got_in(&store).await;
    // In the web chat, the same code starts a registration.
    let h = engine
        .handle(&text("webchat", "visitor", "/start demo-coordinator"), now)
        .await
        .unwrap();
    assert_eq!(h, Handled::Processed);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM registrations").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_codes_from_an_earlier_demo_run_stop_working_once_the_demo_is_off() {
    let (store, _dir) = common::sqlite_store().await;
    let now = at(2026, 12, 10, 12, 0);
    // First run: the demo.
    {
        let engine = engine_with(store.clone(), vec![demo_programme()], now).await;
        let (_stop, stop_rx) = tokio::sync::watch::channel(false);
        start_platforms(
            &demo_config(free_port()),
            engine.clone(),
            Arc::new(TestClock(Mutex::new(now))),
            stop_rx,
        )
        .await
        .unwrap();
        // Someone got halfway through registering.
        engine
            .handle(&text("webchat", "early", "/start demo-mentee"), now)
            .await
            .unwrap();
    }
    // Second run: a real programme in the web chat, demo off.
    let engine = engine_with(store.clone(), vec![real_programme()], now).await;
    let mut cfg = demo_config(free_port());
    cfg.webchat.as_mut().unwrap().demo = false;
    cfg.programmes = vec![common::fixture("test-programme.toml")];
    let (_stop, stop_rx) = tokio::sync::watch::channel(false);
    start_platforms(&cfg, engine.clone(), Arc::new(TestClock(Mutex::new(now))), stop_rx)
        .await
        .unwrap();
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM invites WHERE code LIKE 'demo-%'").await,
        0
    );
    let h = engine
        .handle(&text("webchat", "mallory", "/start demo-coordinator"), now)
        .await
        .unwrap();
    assert_eq!(h, Handled::Unregistered);
    nobody_got_in(&store).await;
}

/// The web chat as a browser speaks it (Direct Line): a conversation, then
/// activities; a token, when the server issues one, goes with every call.
struct Browser {
    http: reqwest::Client,
    base: String,
    conv: String,
    token: Option<String>,
}

impl Browser {
    async fn open(base: &str) -> Browser {
        let http = reqwest::Client::new();
        let r: Value = http
            .post(format!("{base}/v3/directline/conversations"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        Browser {
            http,
            base: base.into(),
            conv: r["conversationId"].as_str().unwrap().into(),
            token: r["token"].as_str().map(str::to_string),
        }
    }

    async fn post(&self, mut activity: Value) {
        activity["type"] = json!("message");
        activity["from"] = json!({"id": "stranger"});
        activity["locale"] = json!("en-GB");
        let mut req = self
            .http
            .post(format!(
                "{}/v3/directline/conversations/{}/activities",
                self.base, self.conv
            ))
            .json(&activity);
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        assert!(req.send().await.unwrap().status().is_success());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_matching_never_pairs_a_stranger_with_a_real_mentee() {
    let (store, _dir) = common::sqlite_store().await;
    let now = at(2030, 8, 1, 9, 0);
    let engine = engine_with(store.clone(), vec![real_programme()], now).await;
    // A real mentee, on Telegram, waiting for her mentor.
    let amira = engine
        .register(
            &mentorbot::Registration {
                programme_id: "test-programme",
                role: Role::Mentee,
                name: "Amira",
                lang: Lang::Da,
                tz: None,
                contact: Some("@amira"),
                consent: true,
                platform: "telegram",
                user_id: "1001",
                address: "1001",
            },
            now,
        )
        .await
        .unwrap();
    // The web chat is the only platform and its section says demo, but a
    // real programme is configured.
    let port = free_port();
    let mut cfg = demo_config(port);
    cfg.programmes = vec![common::fixture("test-programme.toml")];
    let (_stop, stop_rx) = tokio::sync::watch::channel(false);
    start_platforms(&cfg, engine.clone(), Arc::new(TestClock(Mutex::new(now))), stop_rx)
        .await
        .unwrap();
    let stranger = Browser::open(&format!("http://127.0.0.1:{port}")).await;
    stranger.post(json!({"text": "/start demo-mentor"})).await;
    stranger.post(json!({"value": {"payload": "reg:lang:en"}})).await;
    stranger.post(json!({"text": "Mallory"})).await;
    stranger.post(json!({"value": {"payload": "reg:consent:yes"}})).await;
    let mut tx = store.begin().await.unwrap();
    assert!(store.pairs_of(&mut tx, amira).await.unwrap().is_empty());
    drop(tx);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM pairs").await, 0);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM participants").await, 1);
}

// ------------------------------------------------------------- invites

/// `who` on the in-memory platform, writing in Norwegian.
async fn start(h: &Harness, who: &str, code: &str, now: Ts) -> Handled {
    let u = inbound("memory", who, Some("nb"), InboundKind::Text(format!("/start {code}")));
    let handled = h.engine.handle(&u, now).await.unwrap();
    h.dispatcher.drain(now).await.unwrap();
    handled
}

/// Registers `who` through `code`, to the end.
async fn join(h: &Harness, who: &str, code: &str, now: Ts) -> Handled {
    start(h, who, code, now).await;
    h.press(who, |p| p == "reg:lang:nb", now).await;
    h.say(who, who, now).await;
    h.press(who, |p| p == "reg:consent:yes", now).await
}

async fn participants(h: &Harness) -> usize {
    h.engine.store.participants("test-programme").await.unwrap().len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invite_code_expires_after_30_days_with_a_clear_answer() {
    let h = Harness::new(common::sqlite_store().await).await;
    let made = at(2030, 8, 1, 9, 0);
    let code = h
        .engine
        .create_invite("test-programme", Role::Mentee, made)
        .await
        .unwrap();
    let later = made + chrono::Duration::days(30) + chrono::Duration::minutes(1);
    assert_eq!(start(&h, "mallory", &code, later).await, Handled::Unregistered);
    assert_eq!(h.texts("mallory"), vec![says("invite-expired", Lang::Nb)]);
    nobody_got_in(&h.engine.store).await;
    // The day before, it works.
    assert_eq!(
        join(&h, "amira", &code, made + chrono::Duration::days(29)).await,
        Handled::Registered(Role::Mentee)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_code_lets_one_person_in_even_when_two_start_at_once() {
    let h = Harness::new(common::sqlite_store().await).await;
    let now = at(2030, 8, 1, 9, 0);
    let code = h
        .engine
        .create_invite("test-programme", Role::Coordinator, now)
        .await
        .unwrap();
    // Both open the link before either finishes.
    start(&h, "karen", &code, now).await;
    start(&h, "mallory", &code, now).await;
    h.press("karen", |p| p == "reg:lang:nb", now).await;
    h.press("mallory", |p| p == "reg:lang:nb", now).await;
    h.say("karen", "Karen", now).await;
    h.say("mallory", "Mallory", now).await;
    assert_eq!(
        h.press("karen", |p| p == "reg:consent:yes", now).await,
        Handled::Registered(Role::Coordinator)
    );
    assert_eq!(
        h.press("mallory", |p| p == "reg:consent:yes", now).await,
        Handled::Unregistered
    );
    assert_eq!(h.texts("mallory").last().unwrap(), &says("invite-used-up", Lang::Nb));
    assert_eq!(participants(&h).await, 1);
    // A third person gets the same answer at once.
    assert_eq!(start(&h, "eve", &code, now).await, Handled::Unregistered);
    assert_eq!(h.texts("eve"), vec![says("invite-used-up", Lang::Nb)]);
    assert_eq!(count(&h.engine.store, "SELECT COUNT(*) FROM registrations").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mentee_code_allows_as_many_as_its_limit() {
    let h = Harness::new(common::sqlite_store().await).await;
    let now = at(2030, 8, 1, 9, 0);
    let code = h
        .engine
        .create_invite_with("test-programme", Role::Mentee, Some(2), Some(7), now)
        .await
        .unwrap();
    assert_eq!(join(&h, "anna", &code, now).await, Handled::Registered(Role::Mentee));
    assert_eq!(join(&h, "bo", &code, now).await, Handled::Registered(Role::Mentee));
    assert_eq!(start(&h, "c", &code, now).await, Handled::Unregistered);
    assert_eq!(h.texts("c"), vec![says("invite-used-up", Lang::Nb)]);
    assert_eq!(participants(&h).await, 2);
    // --expires-in-days 7.
    let code = h
        .engine
        .create_invite_with("test-programme", Role::Mentor, None, Some(7), now)
        .await
        .unwrap();
    assert_eq!(
        start(&h, "d", &code, now + chrono::Duration::days(7)).await,
        Handled::Unregistered
    );
    assert_eq!(h.texts("d"), vec![says("invite-expired", Lang::Nb)]);
    // A coordinator code cannot be made for more than one person.
    assert!(
        h.engine
            .create_invite_with("test-programme", Role::Coordinator, Some(5), None, now)
            .await
            .is_err()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_code_is_refused_with_a_clear_answer_also_halfway_through() {
    let h = Harness::new(common::sqlite_store().await).await;
    let now = at(2030, 8, 1, 9, 0);
    let code = h
        .engine
        .create_invite("test-programme", Role::Mentor, now)
        .await
        .unwrap();
    // Halfway through when the code is revoked.
    start(&h, "lars", &code, now).await;
    h.press("lars", |p| p == "reg:lang:nb", now).await;
    h.say("lars", "Lars", now).await;
    assert!(h.engine.store.revoke_invite(&code, now).await.unwrap());
    assert_eq!(
        h.press("lars", |p| p == "reg:consent:yes", now).await,
        Handled::Unregistered
    );
    assert_eq!(h.texts("lars").last().unwrap(), &says("invite-revoked", Lang::Nb));
    assert_eq!(start(&h, "mallory", &code, now).await, Handled::Unregistered);
    assert_eq!(h.texts("mallory"), vec![says("invite-revoked", Lang::Nb)]);
    nobody_got_in(&h.engine.store).await;
}

// ----------------------------------------------------------------- CLI

#[test]
fn invite_list_shows_the_codes_and_revoke_closes_one() {
    use std::process::Command;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("mentorbot.toml");
    std::fs::write(
        &config,
        format!(
            "database_url = \"sqlite://{}\"\nprogrammes = [\"{}\"]\n",
            dir.path().join("cli.db").display(),
            common::fixture("test-programme.toml").display(),
        ),
    )
    .unwrap();
    let c = config.to_str().unwrap();
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_mentorbot"))
            .args(args)
            .env_remove("TELOXIDE_TOKEN")
            .output()
            .unwrap();
        (
            o.status.success(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let (ok, out, err) = run(&[
        "invite",
        "--config",
        c,
        "--programme",
        "test-programme",
        "--role",
        "mentor",
        "--uses",
        "3",
        "--expires-in-days",
        "10",
    ]);
    assert!(ok, "{err}");
    let code = out.trim().rsplit(' ').next().unwrap().to_string();
    assert_eq!(code.len(), 16, "{out}");
    let (ok, _, err) = run(&[
        "invite",
        "--config",
        c,
        "--programme",
        "test-programme",
        "--role",
        "coordinator",
    ]);
    assert!(ok, "{err}");
    // A coordinator code for five is refused.
    let (ok, _, err) = run(&[
        "invite",
        "--config",
        c,
        "--programme",
        "test-programme",
        "--role",
        "coordinator",
        "--uses",
        "5",
    ]);
    assert!(!ok && err.contains("single-use"), "{err}");

    // The programme speaks Danish first.
    let (ok, out, err) = run(&["invite", "--config", c, "--list", "--programme", "test-programme"]);
    assert!(ok, "{err}");
    let line = out
        .lines()
        .find(|l| l.contains(&code))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.contains("test-programme") && line.contains("brugt 0/3") && line.contains("aktiv"),
        "{line}"
    );
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.lines().any(|l| l.contains("brugt 0/1")), "{out}");

    let (ok, out, err) = run(&["invite", "--config", c, "--revoke", &code]);
    assert!(ok && out.contains(&code), "{err}");
    let (_, out, _) = run(&["invite", "--config", c, "--list"]);
    let line = out.lines().find(|l| l.contains(&code)).unwrap();
    assert!(line.contains("trukket tilbage"), "{line}");
    let (ok, _, err) = run(&["invite", "--config", c, "--revoke", "NOSUCHCODE"]);
    assert!(!ok && err.contains("no invite code NOSUCHCODE"), "{err}");
}

// --------------------------------------------------------------- names

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invisible_names_and_names_that_reverse_text_never_reach_the_coordinator() {
    let h = Harness::new(common::sqlite_store().await).await;
    let now = at(2030, 8, 1, 9, 0);
    let code = h
        .engine
        .create_invite("test-programme", Role::Mentee, now)
        .await
        .unwrap();
    start(&h, "ghost", &code, now).await;
    h.press("ghost", |p| p == "reg:lang:nb", now).await;
    // Only zero-width characters: refused, asked again, nothing stored.
    h.say("ghost", "\u{200B}\u{200C}\u{2060}\u{FEFF}", now).await;
    let texts = h.texts("ghost");
    assert_eq!(texts[texts.len() - 2], says("reg-name-invisible", Lang::Nb));
    assert_eq!(participants(&h).await, 0);
    // A right-to-left override that would flip the alert around it.
    h.say("ghost", "\u{202E}Mallory\u{202C} \u{2067}x\u{2069}", now).await;
    h.press("ghost", |p| p == "reg:consent:yes", now).await;
    let people = h.engine.store.participants("test-programme").await.unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].2, "Mallory x");
}

// ------------------------------------------------------------- consent

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_is_asked_about_sharing_with_the_right_people() {
    let h = Harness::new(common::sqlite_store().await).await;
    let now = at(2030, 8, 1, 9, 0);
    for (who, role, asked) in [
        ("karen", Role::Coordinator, "the mentees and mentors of the programme"),
        ("lars", Role::Mentor, "with your mentee"),
        ("amira", Role::Mentee, "with your mentor"),
    ] {
        let code = h.engine.create_invite("test-programme", role, now).await.unwrap();
        start(&h, who, &code, now).await;
        h.press(who, |p| p == "reg:lang:en", now).await;
        h.say(who, who, now).await;
        let question = h.texts(who).pop().unwrap();
        assert!(question.contains(asked), "{who}: {question}");
        if role == Role::Coordinator {
            assert!(!question.contains("your mentee"), "{question}");
        }
    }
}

// ------------------------------------------------------------- secrets

#[test]
fn debug_output_of_the_config_carries_no_secret() {
    let cfg = Config {
        database_url: "postgres://bot:pg-Pa55word@db.example.org/mentorbot".into(),
        telegram: Some(TelegramConfig {
            token: Some("123456:AAE-telegram-token-secret".into()),
            webhook_url: Some("https://bot.example.org/tg".into()),
            webhook_secret: Some("hook-secret-value".into()),
            ..Default::default()
        }),
        botframework: Some(
            toml::from_str(
                "app_id = \"1d1e5d3c-app-id\"\napp_password = \"bf-app-password-value\"\nlisten = \"127.0.0.1:3978\"\n",
            )
            .unwrap(),
        ),
        ..Default::default()
    };
    // The adapter's own config, made from it, hides the password too.
    let adapter = cfg.botframework.as_ref().unwrap().adapter_config();
    let shown = format!("{cfg:?}{cfg:#?}{adapter:?}");
    for secret in [
        "pg-Pa55word",
        "AAE-telegram-token-secret",
        "hook-secret-value",
        "bf-app-password-value",
    ] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    // What is not secret still helps.
    assert!(shown.contains("db.example.org") && shown.contains("1d1e5d3c-app-id") && shown.contains("***"));
}

/// A log writer the test reads.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Log {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_serve_log_names_the_database_without_its_password() {
    use sqlx::Executor;
    // A fresh PostgreSQL database; the local server trusts any password.
    sqlx::any::install_default_drivers();
    let base = common::PG_URL_DEFAULT;
    let name = format!("mentorbot_secret_{}", std::process::id());
    let mut admin = <sqlx::AnyConnection as sqlx::Connection>::connect(base).await.unwrap();
    admin
        .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .await
        .unwrap();
    let log = Log::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let cfg = Config {
        ops: mentorbot::config::OpsConfig {
            listen: "127.0.0.1:0".into(),
        },
        database_url: format!("postgres://postgres:pg-Pa55word@127.0.0.1:5432/{name}"),
        programmes: vec![common::fixture("test-programme.toml")],
        ..Default::default()
    };
    let (stop, stop_rx) = tokio::sync::watch::channel(false);
    let server = mentorbot::runtime::serve(cfg, vec![], stop_rx);
    tokio::pin!(server);
    let text = || String::from_utf8_lossy(&log.0.lock().unwrap()).into_owned();
    // Serve on this task (the log line is written here) until it says it runs.
    tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            tokio::select! {
                r = &mut server => panic!("serve stopped: {r:?}"),
                _ = tokio::time::sleep(Duration::from_millis(20)) => {}
            }
            if text().contains("mentorbot is running") {
                return;
            }
        }
    })
    .await
    .expect("serve logged that it runs");
    stop.send(true).unwrap();
    let _ = tokio::time::timeout(Duration::from_secs(10), server).await;
    let logged = text();
    assert!(!logged.contains("pg-Pa55word"), "{logged}");
    assert!(logged.contains(&name), "{logged}");
}

#[test]
fn moving_the_web_chat_keeps_the_demo_and_a_programme_turns_it_off() {
    let dir = tempfile::tempdir().unwrap();
    let load = |toml: &str| {
        let f = dir.path().join("mentorbot.toml");
        std::fs::write(&f, toml).unwrap();
        Config::load(Some(&f)).unwrap()
    };
    // Only another port: still the demo, as with no configuration.
    assert!(load("[webchat]\nlisten = \"127.0.0.1:18080\"\n").demo_mode());
    // A real programme: never the demo, whatever the section says.
    let real = load("programmes = [\"programmes/karrierementor.toml\"]\n[webchat]\ndemo = true\n");
    assert!(!real.demo_mode());
    assert!(!load("[webchat]\ndemo = false\n").demo_mode());
}
