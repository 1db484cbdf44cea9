//! The programme over the Bot Framework Activity protocol (Teams-style),
//! end to end through the fake connector, with explicit time.

mod common;

use bot_core::adapter::Adapter;
use bot_core::{Role, Ts};
use common::{TestClock, at};
use mentorbot::Engine;
use mentorbot::dispatch::Dispatcher;
use mentorbot::runtime::{Clock, engine_handler};
use mentorbot_botframework::fake::FakeConnector;
use mentorbot_botframework::{Auth, Connector};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

struct World {
    fake: FakeConnector,
    engine: Arc<Engine>,
    dispatcher: Dispatcher,
    clock: Arc<TestClock>,
    url: String,
    next: AtomicU64,
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
        let fake = FakeConnector::start().await;
        // Days pass in milliseconds here; Teams' 7 messages a second per
        // conversation is the fake's to check in its own test.
        fake.enforce_limits(false);
        let http = reqwest::Client::new();
        let clock = Arc::new(TestClock(Mutex::new(at(2030, 8, 1, 9, 0))));
        let auth = Arc::new(Auth::new(fake.config(), http.clone()));
        let app = mentorbot_botframework::router(auth, engine_handler(engine.clone(), clock.clone()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/api/messages", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let adapter: Arc<dyn Adapter> = Arc::new(Connector::new(fake.config(), http));
        let dispatcher = Dispatcher::new(engine.clone(), vec![adapter]);
        World {
            fake,
            engine,
            dispatcher,
            clock,
            url,
            next: AtomicU64::new(1),
            _dir: dir.unwrap(),
        }
    }

    async fn at(&self, t: Ts) {
        *self.clock.0.lock().unwrap() = t;
        self.engine.tick_all_due(t).await.unwrap();
        self.dispatcher.drain(t).await.unwrap();
    }

    fn id(&self) -> String {
        format!("act-{}", self.next.fetch_add(1, Ordering::SeqCst))
    }

    async fn post(&self, activity: Value) -> u16 {
        let token = self.fake.sign(&self.fake.good_token());
        let status = self.fake.deliver(&self.url, &activity, Some(&token)).await;
        self.dispatcher.drain(self.clock.now()).await.unwrap();
        status
    }

    async fn say(&self, user: &str, text: &str) {
        assert_eq!(
            self.post(self.fake.message(&self.id(), user, &conv(user), text)).await,
            200
        );
    }

    async fn press(&self, user: &str, payload: &str) {
        assert_eq!(
            self.post(self.fake.submit(&self.id(), user, &conv(user), payload))
                .await,
            200
        );
    }

    fn texts(&self, user: &str) -> Vec<String> {
        self.fake.texts_to(&conv(user))
    }

    /// The newest card button shown to `user` whose payload matches: an
    /// action on a card the connector accepted (a refused card never
    /// reached them).
    fn button(&self, user: &str, matches: impl Fn(&str) -> bool) -> String {
        self.fake
            .posted()
            .iter()
            .rev()
            .filter(|p| p.conversation == conv(user) && p.status == 200)
            .flat_map(|p| {
                p.activity["attachments"][0]["content"]["actions"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            })
            .filter_map(|a| a["data"]["payload"].as_str().map(str::to_string))
            .find(|d| matches(d))
            .unwrap_or_else(|| panic!("{user} was shown no such button"))
    }

    async fn join(&self, user: &str, name: &str, role: Role) {
        let code = self
            .engine
            .create_invite("test-programme", role, self.clock.now())
            .await
            .unwrap();
        self.say(user, &format!("/start {code}")).await;
        self.press(user, "reg:lang:en").await;
        self.say(user, name).await;
        self.press(user, "reg:consent:yes").await;
        assert!(
            self.texts(user)
                .iter()
                .any(|t| t.contains(&format!("Thank you, {name}! You are registered")))
        );
    }
}

fn conv(user: &str) -> String {
    format!("conv-{}", user.trim_start_matches("29:"))
}

fn last(texts: &[String]) -> &str {
    texts.last().map(String::as_str).unwrap_or("")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_programme_runs_through_the_activity_protocol() {
    let w = World::new().await;
    // A new member of the bot's conversation is greeted with how to join.
    let greet = serde_json::json!({
        "type": "conversationUpdate", "id": w.id(), "channelId": "msteams", "serviceUrl": w.fake.service_url(),
        "recipient": {"id": "28:mentorbot"}, "conversation": {"id": "conv-newbie"},
        "membersAdded": [{"id": "29:newbie"}]
    });
    assert_eq!(w.post(greet).await, 200);
    assert!(last(&w.fake.texts_to("conv-newbie")).contains("invitation link"));

    w.join("29:karen", "Karen", Role::Coordinator).await;
    w.join("29:amira", "Amira", Role::Mentee).await;
    w.join("29:lars", "Lars", Role::Mentor).await;
    let people = w.engine.store.participants("test-programme").await.unwrap();
    let id = |n: &str| people.iter().find(|p| p.2 == n).unwrap().0;
    w.engine
        .match_pair(id("Amira"), id("Lars"), w.clock.now())
        .await
        .unwrap();

    // The intro, with a card to book.
    w.at(at(2030, 8, 19, 10, 0)).await;
    assert!(w.texts("29:amira").iter().any(|t| t.contains("Your mentor is Lars")));
    w.press("29:amira", &w.button("29:amira", |p| p.ends_with("|book")))
        .await;
    // Teams shows six card actions: the day card of eight shows five and
    // "More…", which pages to the rest.
    let card = w.fake.posted().last().unwrap().activity["attachments"][0]["content"]["actions"].clone();
    assert_eq!(card.as_array().unwrap().len(), 6, "{card}");
    w.press("29:amira", &w.button("29:amira", |p| p.contains("more:")))
        .await;
    w.press("29:amira", &w.button("29:amira", |p| p.ends_with("book:2030-09-02")))
        .await;
    w.press(
        "29:amira",
        &w.button("29:amira", |p| p.ends_with("book:2030-09-02T17:00")),
    )
    .await;
    assert!(last(&w.texts("29:amira")).contains("Booked: your meeting with Lars"));
    assert!(last(&w.texts("29:lars")).contains("Amira booked your next meeting"));

    // The meeting, then a nudge when nothing is booked.
    w.at(at(2030, 9, 2, 18, 0)).await;
    w.press("29:lars", &w.button("29:lars", |p| p.ends_with("met:good:1")))
        .await;
    assert_eq!(w.engine.store.held_meetings(1).await.unwrap(), 1);
    w.at(at(2030, 9, 7, 17, 0)).await;
    assert!(
        w.texts("29:amira")
            .iter()
            .any(|t| t.contains("without a meeting booked with Lars"))
    );

    // A flag in two taps reaches the coordinator.
    w.say("29:lars", "/flag").await;
    w.press("29:lars", &w.button("29:lars", |p| p.ends_with("flag:faded")))
        .await;
    assert!(
        w.texts("29:karen")
            .iter()
            .any(|t| t.contains("Lars (mentor)") && t.contains("faded"))
    );

    // The mid-term survey, by card and by typing.
    w.at(at(2030, 10, 21, 10, 0)).await;
    w.press(
        "29:amira",
        &w.button("29:amira", |p| p.ends_with("ans:midterm:benefit:4")),
    )
    .await;
    w.say("29:amira", "1, 3").await;
    w.say("29:amira", "/skip").await;
    assert!(last(&w.texts("29:amira")).contains("Thank you for answering"));
    let answers = w.engine.store.survey_answers("midterm").await.unwrap();
    assert!(
        answers
            .iter()
            .any(|a| a.2 == "topics" && a.3.contains("opt-topic-competences"))
    );

    // Every reply carried a token from the token endpoint, fetched once.
    assert_eq!(w.fake.tokens_issued(), 1);
    // The connector took every reply (no card had more actions than Teams
    // shows), and the choices were on the cards, not repeated in the text.
    let posted = w.fake.posted();
    let refused: Vec<_> = posted
        .iter()
        .filter(|p| p.status != 200)
        .map(|p| &p.activity["text"])
        .collect();
    assert!(refused.is_empty(), "refused: {refused:?}");
    for a in posted.iter().map(|p| &p.activity) {
        for action in a["attachments"][0]["content"]["actions"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let choice = format!("[{}]", action["title"].as_str().unwrap());
            assert!(
                !a["text"].as_str().unwrap().contains(&choice),
                "{choice} is in the text"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_token_gets_401_and_nothing_is_stored() {
    let w = World::new().await;
    let activity = w.fake.message("evil-1", "29:eve", "conv-eve", "/start anything");
    let mut expired = w.fake.good_token();
    expired.expires_in = -3600;
    let mut audience = w.fake.good_token();
    audience.audience = "another-bot".into();
    let mut key = w.fake.good_token();
    key.wrong_key = true;
    for token in [
        None,
        Some(w.fake.sign(&expired)),
        Some(w.fake.sign(&audience)),
        Some(w.fake.sign(&key)),
    ] {
        assert_eq!(w.fake.deliver(&w.url, &activity, token.as_deref()).await, 401);
    }
    w.dispatcher.drain(w.clock.now()).await.unwrap();
    assert!(w.fake.posted().is_empty(), "nothing was answered");
    let (pending, sent, dead) = w.engine.store.outbox_counts().await.unwrap();
    assert_eq!((pending, sent, dead), (0, 0, 0));
    use sqlx::Row;
    let n: i64 = sqlx::query::<sqlx::Any>("SELECT COUNT(*) FROM processed_updates")
        .fetch_one(w.engine.store.pool())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(n, 0, "no update was recorded");
}
