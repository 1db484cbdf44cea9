//! The platforms attacked and faulted, end to end: the Bot Framework's
//! duplicate key, and Telegram's blocks and unblocks.

mod common;

use bot_core::Role;
use bot_core::adapter::Adapter;
use common::{TestClock, at};
use mentorbot::Engine;
use mentorbot::dispatch::Dispatcher;
use mentorbot::runtime::{Clock, engine_handler};
use mentorbot_botframework::fake::FakeConnector;
use mentorbot_botframework::{Auth, Connector};
use mentorbot_telegram::fake::FakeTelegram;
use mentorbot_telegram::{PaceLimits, Telegram};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

struct BotFramework {
    fake: FakeConnector,
    engine: Arc<Engine>,
    dispatcher: Dispatcher,
    clock: Arc<TestClock>,
    url: String,
    _dir: Option<tempfile::TempDir>,
}

impl BotFramework {
    async fn new() -> BotFramework {
        let (store, dir) = common::sqlite_store().await;
        let (p, src) = mentorbot::load_programme(&common::fixture("test-programme.toml")).unwrap();
        let engine = Arc::new(Engine::new(store, vec![p.clone()]));
        engine
            .load_programmes(&HashMap::from([(p.id.clone(), src)]), at(2030, 8, 1, 9, 0))
            .await
            .unwrap();
        let fake = FakeConnector::start().await;
        let http = reqwest::Client::new();
        let clock = Arc::new(TestClock(Mutex::new(at(2030, 8, 1, 9, 0))));
        let auth = Arc::new(Auth::new(fake.config(), http.clone()));
        let app = mentorbot_botframework::router(auth, engine_handler(engine.clone(), clock.clone()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/api/messages", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let adapter: Arc<dyn Adapter> = Arc::new(Connector::new(fake.config(), http));
        let dispatcher = Dispatcher::new(engine.clone(), vec![adapter]);
        BotFramework {
            fake,
            engine,
            dispatcher,
            clock,
            url,
            _dir: dir,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_conversations_activities_with_the_same_id_are_both_answered() {
    let w = BotFramework::new().await;
    let token = w.fake.sign(&w.fake.good_token());
    // Activity ids are unique within a conversation only.
    for (user, conv) in [("29:amira", "conv-amira"), ("29:lars", "conv-lars")] {
        let a = w.fake.message("1700000000001", user, conv, "hello");
        assert_eq!(w.fake.deliver(&w.url, &a, Some(&token)).await, 200);
    }
    // A redelivery of the first is still one update.
    let again = w.fake.message("1700000000001", "29:amira", "conv-amira", "hello");
    assert_eq!(w.fake.deliver(&w.url, &again, Some(&token)).await, 200);
    w.dispatcher.drain(w.clock.now()).await.unwrap();
    let amira = w.fake.texts_to("conv-amira");
    let lars = w.fake.texts_to("conv-lars");
    assert_eq!(amira.len(), 1, "{amira:?}");
    assert_eq!(lars, amira, "Lars was answered as Amira was");
    let _ = &w.engine;
}

const TOKEN: &str = "555:FAKE";
const AMIRA: i64 = 1001;
const KAREN: i64 = 1003;

struct TelegramWorld {
    fake: FakeTelegram,
    engine: Arc<Engine>,
    dispatcher: Dispatcher,
    clock: Arc<TestClock>,
    _stop: watch::Sender<bool>,
    _dir: Option<tempfile::TempDir>,
}

impl TelegramWorld {
    async fn new() -> TelegramWorld {
        let (store, dir) = common::sqlite_store().await;
        let (p, src) = mentorbot::load_programme(&common::fixture("test-programme.toml")).unwrap();
        let engine = Arc::new(Engine::new(store, vec![p.clone()]));
        engine
            .load_programmes(&HashMap::from([(p.id.clone(), src)]), at(2030, 8, 1, 9, 0))
            .await
            .unwrap();
        let fake = FakeTelegram::start(TOKEN).await;
        fake.enforce_limits(false);
        let bot = mentorbot_telegram::bot(TOKEN, Some(&fake.url())).unwrap();
        let fast = PaceLimits {
            messages_per_sec_chat: 1000,
            messages_per_min_chat: 100_000,
            messages_per_min_channel_or_supergroup: 100_000,
            messages_per_sec_overall: 1000,
        };
        let adapter: Arc<dyn Adapter> = Arc::new(Telegram::with_limits(bot.clone(), fast));
        let dispatcher = Dispatcher::new(engine.clone(), vec![adapter]);
        let clock = Arc::new(TestClock(Mutex::new(at(2030, 8, 1, 9, 0))));
        let (stop, stop_rx) = watch::channel(false);
        let handler = engine_handler(engine.clone(), clock.clone());
        tokio::spawn(mentorbot_telegram::poll(bot, handler, 1, stop_rx));
        TelegramWorld {
            fake,
            engine,
            dispatcher,
            clock,
            _stop: stop,
            _dir: dir,
        }
    }

    /// Waits (on I/O, bounded) until `chat` has a text that `matches`.
    async fn until(&self, chat: i64, matches: impl Fn(&[String]) -> bool) {
        let t = self.clock.now();
        tokio::time::timeout(Duration::from_secs(20), async {
            loop {
                self.dispatcher.drain(t).await.unwrap();
                if matches(&self.fake.texts_to(chat)) {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
        .await
        .unwrap_or_else(|_| panic!("chat {chat}: {:?}", self.fake.texts_to(chat)));
    }

    async fn say(&self, chat: i64, name: &str, text: &str) {
        let before = self.fake.texts_to(chat).len();
        self.fake.user_says(chat, name, "en", text).await;
        self.until(chat, |t| t.len() > before).await;
    }

    async fn press(&self, chat: i64, name: &str, data: &str) {
        let before = self.fake.texts_to(chat).len();
        self.fake.user_presses(chat, name, 1, data).await;
        self.until(chat, |t| t.len() > before).await;
    }

    async fn join(&self, chat: i64, name: &str, role: Role) {
        let code = self
            .engine
            .create_invite("test-programme", role, self.clock.now())
            .await
            .unwrap();
        self.say(chat, name, &format!("/start {code}")).await;
        self.press(chat, name, "reg:lang:en").await;
        self.say(chat, name, name).await;
        self.press(chat, name, "reg:consent:yes").await;
        assert!(
            self.fake
                .texts_to(chat)
                .iter()
                .any(|t| t.contains(&format!("Thank you, {name}! You are registered")))
        );
    }

    async fn unreachable(&self, name: &str) -> bool {
        use sqlx::Row;
        let row = sqlx::query::<sqlx::Any>("SELECT unreachable_at FROM participants WHERE name = $1")
            .bind(name)
            .fetch_one(self.engine.store.pool())
            .await
            .unwrap();
        row.try_get::<Option<i64>, _>(0).unwrap().is_some()
    }
}

fn count(texts: &[String], part: &str) -> usize {
    texts.iter().filter(|t| t.contains(part)).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocking_the_bot_marks_the_person_unreachable_at_once_and_the_coordinator_is_told_once() {
    let w = TelegramWorld::new().await;
    w.join(KAREN, "Karen", Role::Coordinator).await;
    w.join(AMIRA, "Amira", Role::Mentee).await;
    let blocked = "Amira (mentee) has blocked the bot";
    let unblocked = "Amira (mentee) has unblocked the bot";
    // Amira blocks the bot: no send has failed, yet Karen is told.
    w.fake.user_blocks(AMIRA, "Amira").await;
    w.until(KAREN, |t| count(t, blocked) == 1).await;
    assert!(w.unreachable("Amira").await);
    // Telegram repeats it; then she unblocks. The repeat tells nobody.
    w.fake.user_blocks(AMIRA, "Amira").await;
    w.fake.user_unblocks(AMIRA, "Amira").await;
    w.until(KAREN, |t| count(t, unblocked) == 1).await;
    assert!(!w.unreachable("Amira").await);
    let karen = w.fake.texts_to(KAREN);
    assert_eq!(count(&karen, blocked), 1, "{karen:?}");
    // One open flag for the coordinators: the block.
    let flags = w.engine.store.open_flags("test-programme").await.unwrap();
    assert_eq!(flags.iter().filter(|f| f.1 == "unreachable").count(), 1, "{flags:?}");
    assert_eq!(flags.len(), 1, "{flags:?}");
    // Reachable again: the bot's answers reach her.
    w.say(AMIRA, "Amira", "/help").await;
}
