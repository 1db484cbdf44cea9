//! The relay across platforms, end to end: a mentee on Telegram (through
//! the fake Bot API server) and a mentor in the built-in web chat (through
//! its Direct Line subset) write to each other through the bot, in both
//! directions, and the coordinator (on Telegram) sees none of it. Time is
//! explicit; only the HTTP between bot, fake and web chat is real.

mod common;

use bot_core::adapter::Adapter;
use bot_core::{Role, Ts};
use common::{TestClock, WebChat, at};
use mentorbot::Engine;
use mentorbot::dispatch::Dispatcher;
use mentorbot::runtime::{engine_handler, start_platforms};
use mentorbot_telegram::fake::FakeTelegram;
use mentorbot_telegram::{PaceLimits, Telegram};
use serde_json::json;
use sqlx::Row;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

const TOKEN: &str = "555:FAKE";
const AMIRA: i64 = 2001;
const KAREN: i64 = 2003;

struct World {
    fake: FakeTelegram,
    engine: Arc<Engine>,
    dispatcher: Dispatcher,
    clock: Arc<TestClock>,
    lars: WebChat,
    _stop: watch::Sender<bool>,
    _dir: tempfile::TempDir,
}

impl World {
    async fn new() -> World {
        let (store, dir) = common::sqlite_store().await;
        let (p, src) = mentorbot::load_programme(&common::fixture("test-programme.toml")).unwrap();
        let engine = Arc::new(Engine::new(store, vec![p.clone()]));
        engine
            .load_programmes(&HashMap::from([(p.id.clone(), src)]), at(2030, 8, 1, 9, 0))
            .await
            .unwrap();
        let clock = Arc::new(TestClock(Mutex::new(at(2030, 8, 1, 9, 0))));
        let (stop, stop_rx) = watch::channel(false);
        // The web chat, as `serve` starts it.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let cfg = mentorbot::config::Config {
            programmes: vec![],
            webchat: Some(mentorbot::config::WebChatConfig {
                listen: format!("127.0.0.1:{port}"),
                demo: false,
                public_url: None,
            }),
            ..Default::default()
        };
        let mut adapters = start_platforms(&cfg, engine.clone(), clock.clone(), stop_rx.clone())
            .await
            .unwrap();
        // Telegram through the fake, paced for a test that moves days in
        // milliseconds (the fake still refuses what Telegram refuses).
        let fake = FakeTelegram::start(TOKEN).await;
        fake.enforce_limits(false);
        let bot = mentorbot_telegram::bot(TOKEN, Some(&fake.url())).unwrap();
        let fast = PaceLimits {
            messages_per_sec_chat: 1000,
            messages_per_min_chat: 100_000,
            messages_per_min_channel_or_supergroup: 100_000,
            messages_per_sec_overall: 1000,
        };
        adapters.push(Arc::new(Telegram::with_limits(bot.clone(), fast)) as Arc<dyn Adapter>);
        tokio::spawn(mentorbot_telegram::poll(
            bot,
            engine_handler(engine.clone(), clock.clone()),
            1,
            stop_rx,
        ));
        let dispatcher = Dispatcher::new(engine.clone(), adapters);
        let lars = WebChat::open(&format!("http://127.0.0.1:{port}"), "web-lars").await;
        World {
            fake,
            engine,
            dispatcher,
            clock,
            lars,
            _stop: stop,
            _dir: dir.unwrap(),
        }
    }

    async fn at(&self, t: Ts) {
        *self.clock.0.lock().unwrap() = t;
        self.engine.tick_all_due(t).await.unwrap();
        self.dispatcher.drain(t).await.unwrap();
    }

    fn texts(&self, chat: i64) -> Vec<String> {
        self.fake.texts_to(chat)
    }

    /// Drains the outbox until `done` holds: an update from Telegram
    /// travels by HTTP, so this waits on I/O, not on time.
    async fn until(&self, what: &str, done: impl AsyncFn() -> bool) {
        let t = *self.clock.0.lock().unwrap();
        tokio::time::timeout(Duration::from_secs(20), async {
            loop {
                self.dispatcher.drain(t).await.unwrap();
                if done().await {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
        .await
        .unwrap_or_else(|_| panic!("waited in vain for {what}"));
    }

    async fn tg_says(&self, chat: i64, name: &str, text: &str) {
        let before = self.texts(chat).len();
        self.fake.user_says(chat, name, "en", text).await;
        self.until(text, async || self.texts(chat).len() > before).await;
    }

    async fn tg_presses(&self, chat: i64, name: &str, data: &str) {
        let before = self.texts(chat).len();
        self.fake.user_presses(chat, name, 1, data).await;
        self.until(data, async || self.texts(chat).len() > before).await;
    }

    async fn invite(&self, role: Role) -> String {
        let now = *self.clock.0.lock().unwrap();
        self.engine.create_invite("test-programme", role, now).await.unwrap()
    }

    async fn join_telegram(&self, chat: i64, name: &str, role: Role) {
        let code = self.invite(role).await;
        self.tg_says(chat, name, &format!("/start {code}")).await;
        self.tg_presses(chat, name, "reg:lang:en").await;
        self.tg_says(chat, name, name).await;
        self.tg_presses(chat, name, "reg:consent:no").await;
        assert!(self.texts(chat).iter().any(|t| t.contains("You are registered")));
    }

    async fn join_webchat(&self) {
        let code = self.invite(Role::Mentor).await;
        let now = *self.clock.0.lock().unwrap();
        for a in [
            json!({"text": format!("/start {code}")}),
            json!({"value": {"payload": "reg:lang:en"}}),
            json!({"text": "Lars"}),
            json!({"value": {"payload": "reg:consent:no"}}),
        ] {
            assert_eq!(self.lars.post(a).await, 200);
            self.dispatcher.drain(now).await.unwrap();
        }
        assert!(
            self.lars
                .bot_texts()
                .await
                .iter()
                .any(|t| t.contains("You are registered"))
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mentee_on_telegram_and_a_mentor_in_the_web_chat_write_to_each_other_and_the_coordinator_sees_none_of_it() {
    let w = World::new().await;
    w.join_telegram(KAREN, "Karen", Role::Coordinator).await;
    w.join_telegram(AMIRA, "Amira", Role::Mentee).await;
    w.join_webchat().await;
    let people = w.engine.store.participants("test-programme").await.unwrap();
    let id = |n: &str| people.iter().find(|p| p.2 == n).unwrap().0;
    w.engine
        .match_pair(id("Amira"), id("Lars"), at(2030, 8, 1, 9, 0))
        .await
        .unwrap();
    w.at(at(2030, 8, 19, 10, 0)).await;
    assert!(w.texts(AMIRA).iter().any(|t| t.contains("I pass on to Lars")));
    assert!(
        w.lars
            .bot_texts()
            .await
            .iter()
            .any(|t| t.contains("I pass on to Amira"))
    );

    // Telegram → web chat.
    w.at(at(2030, 8, 20, 12, 0)).await;
    let ask = "Hi Lars! Could we meet at the library on Thursday?";
    w.fake.user_says(AMIRA, "Amira", "en", ask).await;
    let expected = format!("💬 Amira writes:\n{ask}");
    w.until("the web chat to get it", async || {
        w.lars.bot_texts().await.contains(&expected)
    })
    .await;

    // Web chat → Telegram.
    let answer = "Thursday 17:00 works. See you there!";
    assert_eq!(w.lars.post(json!({"text": answer})).await, 200);
    w.until("Telegram to get it", async || {
        w.texts(AMIRA).contains(&format!("💬 Lars writes:\n{answer}"))
    })
    .await;

    // A message as long as the web chat takes reaches Telegram whole, in
    // parts Telegram accepts.
    let long: String = (0..600).map(|i| format!("w{i:05} ")).collect();
    let long: String = long.chars().take(4096).collect::<String>().trim_end().to_string();
    assert!(long.chars().count() > 4090);
    let before = w.texts(AMIRA).len();
    assert_eq!(w.lars.post(json!({"text": long.clone()})).await, 200);
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    w.until("the long message on Telegram", async || {
        let got: String = w.texts(AMIRA).iter().map(|t| squeeze(t)).collect();
        got.contains(&squeeze(&long))
    })
    .await;
    let parts = &w.texts(AMIRA)[before..];
    assert_eq!(parts.len(), 2, "the label made it longer than Telegram takes");
    assert!(parts.iter().all(|t| t.chars().count() <= 4096));

    // The coordinator saw none of it.
    for text in [ask, answer, &long[..40]] {
        assert!(!w.texts(KAREN).iter().any(|t| t.contains(text)), "{text}");
    }
    // Nor did anyone else's chat: only the other member got each.
    assert!(!w.texts(AMIRA).iter().any(|t| t.contains(ask)));
    assert!(!w.lars.bot_texts().await.iter().any(|t| t.contains(answer)));

    // Amira asks to be forgotten: what she wrote leaves Lars's web chat,
    // in memory and in the database, and the outbox row keeps none of it.
    w.tg_says(AMIRA, "Amira", "/forget").await;
    w.tg_presses(AMIRA, "Amira", "forget:yes").await;
    assert!(!w.lars.bot_texts().await.iter().any(|t| t.contains(ask)));
    let rows = sqlx::query::<sqlx::Any>("SELECT activity FROM webchat_activities UNION ALL SELECT msg FROM outbox")
        .fetch_all(w.engine.store.pool())
        .await
        .unwrap();
    assert!(
        rows.iter()
            .all(|r| !r.try_get::<String, _>(0).unwrap().contains("library on Thursday"))
    );
}
