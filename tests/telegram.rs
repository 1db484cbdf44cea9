//! The programme on Telegram, end to end through the fake Bot API server,
//! with explicit time: the engine and dispatcher run at a clock the test
//! moves; only the HTTP between bot and fake is real.

mod common;

use bot_core::adapter::Adapter;
use bot_core::{Role, Ts};
use common::{TestClock, at};
use mentorbot::Engine;
use mentorbot::dispatch::Dispatcher;
use mentorbot::runtime::{Clock, engine_handler};
use mentorbot_telegram::fake::FakeTelegram;
use mentorbot_telegram::{PaceLimits, Telegram};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

const TOKEN: &str = "555:FAKE";
const AMIRA: i64 = 1001;
const LARS: i64 = 1002;
const KAREN: i64 = 1003;

struct World {
    fake: FakeTelegram,
    engine: Arc<Engine>,
    dispatcher: Dispatcher,
    clock: Arc<TestClock>,
    _stop: watch::Sender<bool>,
    _dir: tempfile::TempDir,
}

impl World {
    async fn new(webhook: bool) -> (World, Option<String>) {
        let (store, dir) = common::sqlite_store().await;
        let (p, src) = mentorbot::load_programme(&common::fixture("test-programme.toml")).unwrap();
        let engine = Arc::new(Engine::new(store, vec![p.clone()]));
        engine
            .load_programmes(&HashMap::from([(p.id.clone(), src)]), at(2030, 8, 1, 9, 0))
            .await
            .unwrap();
        let fake = FakeTelegram::start(TOKEN).await;
        let bot = mentorbot_telegram::bot(TOKEN, Some(&fake.url())).unwrap();
        // The fake still checks Telegram's limits; a test that moves days in
        // milliseconds paces faster than Telegram's 1 message/s per chat.
        fake.enforce_limits(false);
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
        let mut webhook_url = None;
        if webhook {
            let app = mentorbot_telegram::webhook_router(bot.clone(), "hook-secret".into(), handler);
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let url = format!("http://{}/", listener.local_addr().unwrap());
            tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
            mentorbot_telegram::set_webhook(&bot, &url, "hook-secret")
                .await
                .unwrap();
            webhook_url = Some(url);
        } else {
            tokio::spawn(mentorbot_telegram::poll(bot, handler, 1, stop_rx));
        }
        let w = World {
            fake,
            engine,
            dispatcher,
            clock,
            _stop: stop,
            _dir: dir.unwrap(),
        };
        (w, webhook_url)
    }

    async fn at(&self, t: Ts) {
        *self.clock.0.lock().unwrap() = t;
        self.engine.tick_all_due(t).await.unwrap();
        self.dispatcher.drain(t).await.unwrap();
    }

    fn texts(&self, chat: i64) -> Vec<String> {
        self.fake.texts_to(chat)
    }

    /// The callback data of the newest button shown to `chat` that matches.
    fn button(&self, chat: i64, matches: impl Fn(&str) -> bool) -> String {
        self.fake
            .calls_to("sendMessage")
            .iter()
            .rev()
            .filter(|c| c.params["chat_id"].as_i64() == Some(chat))
            .flat_map(|c| {
                c.params["reply_markup"]["inline_keyboard"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            })
            .flat_map(|row| row.as_array().cloned().unwrap_or_default())
            .filter_map(|b| b["callback_data"].as_str().map(str::to_string))
            .find(|d| matches(d))
            .unwrap_or_else(|| panic!("chat {chat} was shown no such button"))
    }

    /// Waits until the bot's answer to what a user did has reached the
    /// fake: the update travels by HTTP, so this waits on I/O, not time.
    async fn answered(&self, chat: i64, before: usize) {
        let t = self.clock.now();
        tokio::time::timeout(Duration::from_secs(20), async {
            loop {
                self.dispatcher.drain(t).await.unwrap();
                if self.texts(chat).len() > before {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
        .await
        .unwrap_or_else(|_| panic!("no answer to chat {chat}"));
    }

    async fn press(&self, chat: i64, name: &str, data: &str) {
        let before = self.texts(chat).len();
        self.fake.user_presses(chat, name, 1, data).await;
        self.answered(chat, before).await;
    }

    async fn say(&self, chat: i64, name: &str, text: &str) {
        let before = self.texts(chat).len();
        self.fake.user_says(chat, name, "en", text).await;
        self.answered(chat, before).await;
    }
}

fn last(texts: &[String]) -> &str {
    texts.last().map(String::as_str).unwrap_or("")
}

impl World {
    /// Presses the newest button shown to `chat` whose payload ends so.
    async fn tap(&self, chat: i64, name: &str, ends: &str) {
        let data = self.button(chat, |d| d.ends_with(ends));
        self.press(chat, name, &data).await;
    }

    /// Registers through an invite link, as a person would.
    async fn join(&self, chat: i64, name: &str, role: Role, consent: bool) {
        let code = self
            .engine
            .create_invite("test-programme", role, self.clock.now())
            .await
            .unwrap();
        self.say(chat, name, &format!("/start {code}")).await;
        assert!(last(&self.texts(chat)).contains("Welcome to Testforløb"));
        self.press(chat, name, "reg:lang:en").await;
        assert!(last(&self.texts(chat)).contains("What is your name"));
        self.say(chat, name, name).await;
        self.press(chat, name, if consent { "reg:consent:yes" } else { "reg:consent:no" })
            .await;
        assert!(
            self.texts(chat)
                .iter()
                .any(|t| t.contains(&format!("Thank you, {name}! You are registered")))
        );
    }
}

impl World {
    /// Karen (coordinator), Amira (mentee) and Lars (mentor) join through
    /// invite links; the coordinator matches Amira with Lars.
    async fn cohort(&self) {
        self.join(KAREN, "Karen", Role::Coordinator, true).await;
        self.join(AMIRA, "Amira", Role::Mentee, true).await;
        self.join(LARS, "Lars", Role::Mentor, false).await;
        let people = self.engine.store.participants("test-programme").await.unwrap();
        let id = |n: &str| people.iter().find(|p| p.2 == n).unwrap().0;
        self.engine
            .match_pair(id("Amira"), id("Lars"), self.clock.now())
            .await
            .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pair_runs_through_the_programme_on_telegram_by_polling() {
    let (w, _) = World::new(false).await;
    the_whole_programme(&w).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pair_runs_through_the_programme_on_telegram_by_webhook() {
    let (w, _) = World::new(true).await;
    the_whole_programme(&w).await;
}

async fn the_whole_programme(w: &World) {
    w.cohort().await;
    // A bad invite code is refused with what to do next.
    w.say(1009, "Eve", "/start not-a-code").await;
    assert!(last(&w.texts(1009)).contains("Ask your coordinator for a new one"));

    // The intro, with a button to book.
    w.at(at(2030, 8, 19, 10, 0)).await;
    assert!(w.texts(AMIRA).iter().any(|t| t.contains("Your mentor is Lars")));
    assert!(w.texts(LARS).iter().any(|t| t.contains("Your mentee is Amira")));

    // Booking and logging meetings with buttons.
    w.tap(AMIRA, "Amira", "|book").await;
    w.tap(AMIRA, "Amira", "book:2030-09-02").await;
    w.tap(AMIRA, "Amira", "book:2030-09-02T17:00").await;
    assert!(last(&w.texts(AMIRA)).contains("Booked: your meeting with Lars"));
    assert!(
        w.fake.calls_to("answerCallbackQuery").len() >= 3,
        "every press is answered"
    );
    w.at(at(2030, 9, 2, 18, 0)).await;
    assert!(w.texts(LARS).iter().any(|t| t.contains("How did meeting 1 of 3")));
    w.tap(LARS, "Lars", "met:good:1").await;
    assert!(last(&w.texts(LARS)).contains("Thank you"));

    // Late: the mentee is nudged.
    w.at(at(2030, 9, 7, 17, 0)).await;
    assert!(
        w.texts(AMIRA)
            .iter()
            .any(|t| t.contains("without a meeting booked with Lars"))
    );

    // The mentor flags a problem in two taps; the coordinator gets it.
    w.say(LARS, "Lars", "/flag").await;
    w.tap(LARS, "Lars", "flag:communication").await;
    let karen = w.texts(KAREN);
    assert!(
        karen
            .iter()
            .any(|t| t.contains("Lars (mentor)") && t.contains("trouble communicating")),
        "{karen:?}"
    );

    // The mid-term survey with buttons.
    w.at(at(2030, 10, 21, 10, 0)).await;
    w.tap(AMIRA, "Amira", "ans:midterm:benefit:5").await;
    assert!(last(&w.texts(AMIRA)).contains("2/3"));
    w.tap(AMIRA, "Amira", "ans:midterm:topics:t0").await;
    w.tap(AMIRA, "Amira", "ans:midterm:topics:done").await;
    w.say(AMIRA, "Amira", "More company visits, please").await;
    assert!(last(&w.texts(AMIRA)).contains("Thank you for answering"));
    w.tap(LARS, "Lars", "ans:midterm:benefit:4").await;
    w.tap(LARS, "Lars", "ans:midterm:topics:t1").await;
    w.tap(LARS, "Lars", "ans:midterm:topics:done").await;
    w.tap(LARS, "Lars", "ans:midterm:changes:skip").await;
    assert!(last(&w.texts(LARS)).contains("Thank you for answering"));
    let answers = w.engine.store.survey_answers("midterm").await.unwrap();
    assert!(
        answers
            .iter()
            .any(|a| a.1 == "mentee" && a.2 == "benefit" && a.3 == r#"{"t":"scale","v":5}"#)
    );
    assert!(
        answers
            .iter()
            .any(|a| a.1 == "mentor" && a.2 == "changes" && a.3 == r#"{"t":"skipped"}"#)
    );

    // The final survey at the closing event, both with buttons.
    w.at(at(2030, 12, 10, 10, 0)).await;
    for (chat, name) in [(AMIRA, "Amira"), (LARS, "Lars")] {
        w.tap(chat, name, "ans:final:benefit:5").await;
        w.tap(chat, name, "ans:final:length:1").await;
        w.tap(chat, name, "ans:final:factors:0").await;
        w.tap(chat, name, "ans:final:factors:2").await;
        assert!(last(&w.texts(chat)).contains("Thank you for answering"), "{name}");
    }
    let fin = w.engine.store.survey_answers("final").await.unwrap();
    assert_eq!(fin.len(), 6, "{fin:?}");

    // Lars blocks the bot: he is marked unreachable and Karen is told.
    w.fake.block(LARS);
    w.at(at(2030, 12, 13, 10, 0)).await;
    let karen = w.texts(KAREN);
    assert!(
        karen.iter().any(|t| t.contains("Lars (mentor) has blocked the bot")),
        "{karen:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn by_webhook_a_redelivered_update_is_handled_once_and_a_bad_secret_changes_nothing() {
    let (w, url) = World::new(true).await;
    let url = url.unwrap();
    w.cohort().await;
    w.at(at(2030, 8, 19, 10, 0)).await;
    let before = w.texts(AMIRA).len();
    let update: Value = serde_json::json!({
        "update_id": 500,
        "message": {"message_id": 9, "date": 0, "chat": {"id": AMIRA, "type": "private", "first_name": "Amira"},
                    "from": {"id": AMIRA, "is_bot": false, "first_name": "Amira"}, "text": "/status"}
    });
    // Without the secret: 401, nothing recorded, nothing answered.
    assert_eq!(w.fake.deliver(&url, None, &update).await, 401);
    assert_eq!(w.fake.deliver(&url, Some("guess"), &update).await, 401);
    w.dispatcher.drain(w.clock.now()).await.unwrap();
    assert_eq!(w.texts(AMIRA).len(), before);
    // Delivered three times with the secret: answered once.
    for _ in 0..3 {
        assert_eq!(w.fake.deliver(&url, Some("hook-secret"), &update).await, 200);
    }
    w.dispatcher.drain(w.clock.now()).await.unwrap();
    let texts = w.texts(AMIRA);
    assert_eq!(texts.len(), before + 1, "{texts:?}");
    assert!(last(&texts).contains("Meetings held: 0 of 3"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn command_menus_are_set_per_language_and_coordinators_see_theirs_only_in_their_chat() {
    let (w, _) = World::new(true).await;
    w.cohort().await;
    let cfg = mentorbot::config::Config {
        telegram: Some(mentorbot::config::TelegramConfig {
            token: Some(TOKEN.into()),
            api_url: Some(w.fake.url()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let (_stop, stop_rx) = watch::channel(false);
    let clock: Arc<dyn Clock> = w.clock.clone();
    mentorbot::runtime::start_platforms(&cfg, w.engine.clone(), clock, stop_rx)
        .await
        .unwrap();
    let calls = w.fake.calls_to("setMyCommands");
    let for_lang = |l: &str| {
        calls
            .iter()
            .find(|c| c.params["language_code"] == l && c.params["scope"].is_null())
            .unwrap_or_else(|| panic!("no menu for {l}"))
            .params["commands"]
            .clone()
    };
    let names = |v: &Value| {
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| c["command"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&for_lang("en")),
        [
            "help", "status", "profile", "booked", "met", "prompt", "flag", "pause", "language", "mydata", "consent",
            "forget"
        ]
    );
    assert_eq!(for_lang("da")[2]["description"], "se og ret din profil");
    assert_eq!(for_lang("da")[6]["description"], "fortæl koordinatoren om et problem");
    assert_eq!(for_lang("nb")[0]["description"], "hva jeg kan");
    let scoped: Vec<_> = calls.iter().filter(|c| !c.params["scope"].is_null()).collect();
    assert_eq!(scoped.len(), 1);
    assert_eq!(scoped[0].params["scope"]["type"], "chat");
    assert_eq!(scoped[0].params["scope"]["chat_id"], KAREN);
    assert_eq!(
        names(&scoped[0].params["commands"]),
        [
            "help",
            "status",
            "pairs",
            "report",
            "match",
            "broadcast",
            "event",
            "language",
            "mydata"
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_who_registers_later_gets_their_menu_at_once() {
    let (w, _) = World::new(true).await;
    let cfg = mentorbot::config::Config {
        telegram: Some(mentorbot::config::TelegramConfig {
            token: Some(TOKEN.into()),
            api_url: Some(w.fake.url()),
            poll_timeout_secs: Some(1),
            ..Default::default()
        }),
        ..Default::default()
    };
    let (_stop, stop_rx) = watch::channel(false);
    let clock: Arc<dyn Clock> = w.clock.clone();
    // The running bot polls (its start removed the test's webhook).
    mentorbot::runtime::start_platforms(&cfg, w.engine.clone(), clock, stop_rx)
        .await
        .unwrap();
    let scoped = || {
        w.fake
            .calls_to("setMyCommands")
            .into_iter()
            .filter(|c| !c.params["scope"].is_null())
            .count()
    };
    assert_eq!(scoped(), 0, "no coordinator yet");
    w.join(KAREN, "Karen", Role::Coordinator, true).await;
    tokio::time::timeout(Duration::from_secs(10), async {
        while scoped() == 0 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("Karen's menu is set when she registers");
    let call = w
        .fake
        .calls_to("setMyCommands")
        .into_iter()
        .find(|c| !c.params["scope"].is_null())
        .unwrap();
    assert_eq!(call.params["scope"]["chat_id"], KAREN);
}

/// Everything logged at debug level (every crate) by the tests of this
/// file, from the first call on.
fn captured_log() -> Arc<std::sync::Mutex<Vec<u8>>> {
    static LOG: std::sync::OnceLock<Arc<std::sync::Mutex<Vec<u8>>>> = std::sync::OnceLock::new();
    LOG.get_or_init(|| {
        let buf: Arc<std::sync::Mutex<Vec<u8>>> = Arc::default();
        struct W(Arc<std::sync::Mutex<Vec<u8>>>);
        impl std::io::Write for W {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let sink = buf.clone();
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::DEBUG)
            .with_ansi(false)
            .with_writer(move || W(sink.clone()))
            .init();
        buf
    })
    .clone()
}

/// Logs carry no names: a debug-level log of the whole Telegram run
/// (registration, intro, meetings, surveys, flags) mentions none of the
/// people in it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_debug_log_of_the_whole_programme_names_nobody() {
    let log = captured_log();
    let (w, _) = World::new(false).await;
    the_whole_programme(&w).await;
    let text = String::from_utf8_lossy(&log.lock().unwrap()).to_string();
    assert!(text.lines().count() > 20, "the run was logged at debug level:\n{text}");
    for name in ["Karen", "Amira", "Lars", "Eve"] {
        let hits: Vec<&str> = text.lines().filter(|l| l.contains(name)).take(3).collect();
        assert!(hits.is_empty(), "{name} is in the log: {hits:#?}");
    }
}

impl World {
    /// Joins as `join` does, then answers the profile questions: payloads
    /// that end so are pressed, other entries are typed.
    async fn join_with_profile(&self, chat: i64, name: &str, role: Role, consent: bool, answers: &[&str]) {
        self.join(chat, name, role, consent).await;
        for a in answers {
            if a.starts_with("pf:") {
                self.tap(chat, name, a).await;
            } else {
                self.say(chat, name, a).await;
            }
        }
        assert!(last(&self.texts(chat)).contains("Your profile is complete"), "{name}");
    }
}

/// Issue 9, done when #1 on Telegram: mentors and mentees register in
/// chat with profiles (buttons), are matched, the coordinator publishes,
/// and each side's intro contains the other's profile; contact details
/// only where both consented.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cohort_registers_with_profiles_on_telegram_and_each_intro_tells_of_the_other() {
    const BO: i64 = 1004;
    const OLE: i64 = 1005;
    let (w, _) = World::new(false).await;
    w.join(KAREN, "Karen", Role::Coordinator, true).await;
    w.join_with_profile(
        AMIRA,
        "Amira",
        Role::Mentee,
        true,
        &[
            "pf:field:3",
            "pf:interests:t1",
            "pf:interests:done",
            "pf:format:0",
            "pf:languages:t1",
            "pf:languages:done",
            "amira@example.dk",
        ],
    )
    .await;
    w.join_with_profile(
        LARS,
        "Lars",
        Role::Mentor,
        true,
        &[
            "pf:field:3",
            "pf:interests:done",
            "pf:format:2",
            "pf:languages:t1",
            "pf:languages:done",
            "pf:capacity:0",
            "+47 912 34 567",
        ],
    )
    .await;
    w.join_with_profile(
        BO,
        "Bo",
        Role::Mentee,
        false,
        &[
            "pf:field:4",
            "pf:interests:done",
            "pf:format:1",
            "pf:languages:t0",
            "pf:languages:done",
        ],
    )
    .await;
    w.join_with_profile(
        OLE,
        "Ole",
        Role::Mentor,
        true,
        &[
            "pf:field:4",
            "pf:interests:done",
            "pf:format:1",
            "pf:languages:t0",
            "pf:languages:done",
            "pf:capacity:0",
            "ole@example.no",
        ],
    )
    .await;
    let now = w.clock.now();
    let r = w.engine.propose("test-programme", now).await.unwrap();
    let (made, refused) = w.engine.publish(&r.proposal, now).await.unwrap();
    assert_eq!((made.len(), refused.len()), (2, 0), "{refused:?}");
    w.at(at(2030, 8, 19, 10, 0)).await;
    let amira = w.texts(AMIRA).join("\n");
    assert!(
        amira.contains("About your mentor, Lars:") && amira.contains("IT and software"),
        "{amira}"
    );
    assert!(amira.contains("+4791234567"), "{amira}");
    let lars = w.texts(LARS).join("\n");
    assert!(
        lars.contains("About your mentee, Amira:") && lars.contains("CV and applications"),
        "{lars}"
    );
    assert!(lars.contains("amira@example.dk"), "{lars}");
    // Bo did not consent: neither side's contact details are given.
    let bo = w.texts(BO).join("\n");
    let ole = w.texts(OLE).join("\n");
    assert!(
        bo.contains("About your mentor, Ole:") && bo.contains("Business and finance"),
        "{bo}"
    );
    assert!(ole.contains("About your mentee, Bo:"), "{ole}");
    assert!(!bo.contains("ole@example.no"), "{bo}");
}
