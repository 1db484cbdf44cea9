//! The programme over Discord, end to end: signed interactions into the
//! endpoint, the engine, the outbox, DMs out to the fake Discord, with
//! explicit time. A Telegram mentee (through the fake Bot API server) and
//! a Discord mentor write to each other through the bot.

mod common;

use bot_core::adapter::Adapter;
use bot_core::{Role, Ts};
use common::{TestClock, at};
use mentorbot::Engine;
use mentorbot::config::DiscordConfig;
use mentorbot::dispatch::Dispatcher;
use mentorbot::runtime::Clock;
use mentorbot_discord::fake::{self, FakeDiscord, GUILD_ID, Signer};
use mentorbot_discord::{Discord, WRITE};
use mentorbot_telegram::fake::FakeTelegram;
use mentorbot_telegram::{PaceLimits, Telegram};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

const TG_TOKEN: &str = "555:FAKE";

struct World {
    fake: FakeDiscord,
    telegram: FakeTelegram,
    signer: Signer,
    engine: Arc<Engine>,
    dispatcher: Dispatcher,
    clock: Arc<TestClock>,
    url: String,
    _stop: watch::Sender<bool>,
    _dir: tempfile::TempDir,
}

fn config(fake: &FakeDiscord) -> DiscordConfig {
    let c = fake.config();
    DiscordConfig {
        application_id: c.application_id,
        public_key: c.public_key,
        token: c.token,
        guild_id: c.guild_id,
        listen: "127.0.0.1:0".into(),
        api_url: c.api_url,
        http_timeout_ms: c.http_timeout_ms,
    }
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
        let fake = FakeDiscord::start().await;
        // Days pass in milliseconds here; the buckets have tests of their own.
        fake.enforce_limits(false);
        let clock = Arc::new(TestClock(Mutex::new(at(2030, 8, 1, 9, 0))));
        let (rest, labels, app) = mentorbot::runtime::discord::parts(&config(&fake), &engine, clock.clone()).unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/interactions", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let adapter: Arc<dyn Adapter> = Arc::new(Discord::new(rest, labels));
        // Telegram through its fake, polled as `serve` does, paced for a
        // test that moves days in milliseconds.
        let telegram = FakeTelegram::start(TG_TOKEN).await;
        telegram.enforce_limits(false);
        let bot = mentorbot_telegram::bot(TG_TOKEN, Some(&telegram.url())).unwrap();
        let fast = PaceLimits {
            messages_per_sec_chat: 1000,
            messages_per_min_chat: 100_000,
            messages_per_min_channel_or_supergroup: 100_000,
            messages_per_sec_overall: 1000,
        };
        let (stop, stop_rx) = watch::channel(false);
        tokio::spawn(mentorbot_telegram::poll(
            bot.clone(),
            mentorbot::runtime::engine_handler(engine.clone(), clock.clone()),
            1,
            stop_rx,
        ));
        let tg: Arc<dyn Adapter> = Arc::new(Telegram::with_limits(bot, fast));
        let dispatcher = Dispatcher::new(engine.clone(), vec![adapter, tg]);
        World {
            fake,
            telegram,
            signer: Signer::new(),
            engine,
            dispatcher,
            clock,
            url,
            _stop: stop,
            _dir: dir.unwrap(),
        }
    }

    /// Delivers until `done` holds: an update from Telegram travels by
    /// HTTP through the poller, so this waits on I/O, not on time.
    async fn until(&self, what: &str, done: impl Fn() -> bool) {
        let t = self.clock.now();
        tokio::time::timeout(Duration::from_secs(20), async {
            loop {
                self.dispatcher.drain(t).await.unwrap();
                if done() {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
        .await
        .unwrap_or_else(|_| panic!("waited in vain for {what}"));
    }

    /// A person on Telegram writes; waits until the bot has answered someone.
    async fn tg_says(&self, chat: i64, name: &str, text: &str, answered: impl Fn() -> bool) {
        self.telegram.user_says(chat, name, "en", text).await;
        self.until(text, answered).await;
    }

    async fn join_telegram(&self, chat: i64, name: &str, role: Role) {
        let code = self
            .engine
            .create_invite("test-programme", role, self.clock.now())
            .await
            .unwrap();
        let texts = || self.telegram.texts_to(chat).len();
        let n = texts();
        self.tg_says(chat, name, &format!("/start {code}"), || texts() > n)
            .await;
        let n = texts();
        self.telegram.user_presses(chat, name, 1, "reg:lang:en").await;
        self.until("the language", || texts() > n).await;
        let n = texts();
        self.tg_says(chat, name, name, || texts() > n).await;
        let n = texts();
        self.telegram.user_presses(chat, name, 1, "reg:consent:no").await;
        self.until("registered", || {
            texts() > n
                && self
                    .telegram
                    .texts_to(chat)
                    .iter()
                    .any(|t| t.contains("You are registered"))
        })
        .await;
    }

    async fn at(&self, t: Ts) {
        *self.clock.0.lock().unwrap() = t;
        self.engine.tick_all_due(t).await.unwrap();
        self.dispatcher.drain(t).await.unwrap();
    }

    /// Posts a signed interaction, then delivers what it caused.
    async fn post(&self, interaction: Value) -> Value {
        let (status, body) = self.signer.post(&self.url, &interaction).await;
        assert_eq!(status, 200, "{body}");
        self.dispatcher.drain(self.clock.now()).await.unwrap();
        body
    }

    async fn command(&self, user: &str, name: &str, option: Option<(&str, &str)>) -> Value {
        self.post(self.signer.command(user, "en-US", None, name, option)).await
    }

    async fn press(&self, user: &str, payload: &str) {
        let answer = self.post(self.signer.press(user, "en-US", payload)).await;
        assert_eq!(answer["type"], 6, "a press is acknowledged: {answer}");
    }

    /// Free text, as Discord takes it: the "Write…" button opens a modal,
    /// and its submission is the text.
    async fn write(&self, user: &str, text: &str) {
        assert!(
            self.buttons(user).iter().any(|(_, id)| id == WRITE),
            "{user}'s last DM has a Write… button"
        );
        let modal = self.post(self.signer.press(user, "en-US", WRITE)).await;
        assert_eq!(modal["type"], 9, "{modal}");
        let answer = self.post(self.signer.submit(user, "en-US", text)).await;
        assert_eq!(answer["type"], 6);
    }

    fn texts(&self, user: &str) -> Vec<String> {
        self.fake.texts(user)
    }

    fn buttons(&self, user: &str) -> Vec<(String, String)> {
        self.fake.dms(user).last().map(fake::buttons).unwrap_or_default()
    }

    /// The newest button shown to `user` whose custom_id matches.
    fn button(&self, user: &str, matches: impl Fn(&str) -> bool) -> String {
        self.fake
            .dms(user)
            .iter()
            .rev()
            .flat_map(fake::buttons)
            .map(|(_, id)| id)
            .find(|id| matches(id))
            .unwrap_or_else(|| panic!("{user} was shown no such button: {:?}", self.texts(user)))
    }

    async fn join(&self, user: &str, name: &str, role: Role) {
        let code = self
            .engine
            .create_invite("test-programme", role, self.clock.now())
            .await
            .unwrap();
        let answer = self
            .post(
                self.signer
                    .command(user, "en-US", Some(GUILD_ID), "join", Some(("code", &code))),
            )
            .await;
        assert_eq!(answer["data"]["flags"], 64, "only they see the answer in the server");
        self.press(user, &self.button(user, |p| p == "reg:lang:en")).await;
        self.write(user, name).await;
        self.press(user, &self.button(user, |p| p == "reg:consent:yes")).await;
        assert!(
            self.texts(user)
                .iter()
                .any(|t| t.contains(&format!("Thank you, {name}! You are registered"))),
            "{:?}",
            self.texts(user)
        );
    }
}

fn last(texts: &[String]) -> &str {
    texts.last().map(String::as_str).unwrap_or("")
}

const KAREN: &str = "300000000000000001";
const AMIRA: &str = "300000000000000002";
const LARS: &str = "300000000000000003";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_programme_runs_through_interactions_modals_and_dms() {
    let w = World::new().await;
    w.join(KAREN, "Karen", Role::Coordinator).await;
    w.join(AMIRA, "Amira", Role::Mentee).await;
    w.join(LARS, "Lars", Role::Mentor).await;
    let people = w.engine.store.participants("test-programme").await.unwrap();
    let id = |n: &str| people.iter().find(|p| p.2 == n).unwrap().0;
    w.engine
        .match_pair(id("Amira"), id("Lars"), w.clock.now())
        .await
        .unwrap();

    // The intro, with a button to book; the kickoff invitation, RSVP'd.
    w.at(at(2030, 8, 19, 10, 0)).await;
    assert!(w.texts(AMIRA).iter().any(|t| t.contains("Your mentor is Lars")));
    w.press(AMIRA, &w.button(AMIRA, |p| p.ends_with("rsvp:kickoff:yes")))
        .await;
    assert!(last(&w.texts(AMIRA)).contains("see you at the"), "{:?}", w.texts(AMIRA));
    let rsvps = w.engine.store.rsvps("test-programme").await.unwrap();
    assert_eq!(rsvps, vec![("kickoff".to_string(), id("Amira"), true)]);
    // The invitation's calendar file came as a file, not as text.
    let ics: Vec<_> = w.fake.dms(AMIRA).into_iter().filter(|m| !m["file"].is_null()).collect();
    assert!(
        ics.iter().any(|m| m["file"]["name"].as_str().unwrap().ends_with(".ics")
            && m["file"]["bytes"].as_str().unwrap().contains("BEGIN:VCALENDAR")),
        "{ics:?}"
    );
    w.press(AMIRA, &w.button(AMIRA, |p| p.ends_with("|book"))).await;
    w.press(AMIRA, &w.button(AMIRA, |p| p.ends_with("book:2030-09-02")))
        .await;
    w.press(AMIRA, &w.button(AMIRA, |p| p.ends_with("book:2030-09-02T17:00")))
        .await;
    assert!(last(&w.texts(AMIRA)).contains("Booked: your meeting with Lars"));
    assert!(last(&w.texts(LARS)).contains("Amira booked your next meeting"));

    // The meeting, then a nudge when nothing is booked.
    w.at(at(2030, 9, 2, 18, 0)).await;
    w.press(LARS, &w.button(LARS, |p| p.ends_with("met:good:1"))).await;
    assert_eq!(w.engine.store.held_meetings(1).await.unwrap(), 1);
    w.at(at(2030, 9, 7, 17, 0)).await;
    assert!(
        w.texts(AMIRA)
            .iter()
            .any(|t| t.contains("without a meeting booked with Lars"))
    );

    // A flag, by slash command and a button, reaches the coordinator.
    let answer = w.command(LARS, "flag", None).await;
    assert_eq!(answer["type"], 4);
    w.press(LARS, &w.button(LARS, |p| p.ends_with("flag:faded"))).await;
    assert!(
        w.texts(KAREN)
            .iter()
            .any(|t| t.contains("Lars (mentor)") && t.contains("faded"))
    );
    // "Something else": its one line of text goes through the modal, and
    // the coordinator receives it.
    w.command(LARS, "flag", None).await;
    w.press(LARS, &w.button(LARS, |p| p.ends_with("flag:other"))).await;
    assert!(last(&w.texts(LARS)).contains("Write it in one message"));
    w.write(LARS, "We never find a time\nthat suits us both").await;
    assert!(
        last(&w.texts(KAREN)).contains("Lars (mentor)")
            && last(&w.texts(KAREN)).contains("“We never find a time that suits us both”"),
        "{:?}",
        w.texts(KAREN)
    );

    // The mid-term survey: buttons, then free text through the modal.
    w.at(at(2030, 10, 21, 10, 0)).await;
    w.press(AMIRA, &w.button(AMIRA, |p| p.ends_with("ans:midterm:benefit:5")))
        .await;
    w.press(AMIRA, &w.button(AMIRA, |p| p.ends_with("ans:midterm:topics:t0")))
        .await;
    w.press(AMIRA, &w.button(AMIRA, |p| p.ends_with("ans:midterm:topics:done")))
        .await;
    w.write(AMIRA, "More company visits, please").await;
    assert!(last(&w.texts(AMIRA)).contains("Thank you for answering"));
    let answers = w.engine.store.survey_answers("midterm").await.unwrap();
    assert!(
        answers
            .iter()
            .any(|a| a.2 == "changes" && a.3.contains("More company visits")),
        "{answers:?}"
    );

    // The final survey, with buttons.
    w.at(at(2030, 12, 10, 10, 0)).await;
    for user in [AMIRA, LARS] {
        for p in [
            "ans:final:benefit:5",
            "ans:final:length:1",
            "ans:final:factors:0",
            "ans:final:factors:2",
        ] {
            w.press(user, &w.button(user, |b| b.ends_with(p))).await;
        }
        assert!(last(&w.texts(user)).contains("Thank you for answering"), "{user}");
    }
    assert_eq!(w.engine.store.survey_answers("final").await.unwrap().len(), 6);

    // Files come as files: Amira's /mydata export and Karen's /report chart.
    let file = |user: &str, from: usize, ext: &str| {
        w.fake.dms(user)[from..]
            .iter()
            .find(|m| m["file"]["name"].as_str().is_some_and(|n| n.ends_with(ext)))
            .map(|m| m["file"]["bytes"].as_str().unwrap_or("").to_string())
    };
    let from = w.fake.dms(AMIRA).len();
    w.command(AMIRA, "mydata", None).await;
    let export = file(AMIRA, from, ".json").expect("/mydata sends a JSON file");
    assert!(export.contains("Amira"), "{export}");
    let from = w.fake.dms(KAREN).len();
    w.command(KAREN, "report", None).await;
    let chart = file(KAREN, from, ".svg").expect("/report sends the chart as a file");
    assert!(chart.contains("<svg"));
    // To a mentee, /report is no command: nothing of the evaluation shows.
    let before = w.fake.dms(AMIRA).len();
    w.command(AMIRA, "report", None).await;
    assert!(w.fake.dms(AMIRA)[before..].iter().all(|m| m["file"].is_null()));

    // Discord took every message: none too long, no row too wide, every
    // custom_id within 100 characters.
    let refused: Vec<_> = w.fake.calls().into_iter().filter(|c| c.status != 200).collect();
    assert!(refused.is_empty(), "refused: {refused:?}");
    let ids: Vec<String> = [KAREN, AMIRA, LARS]
        .iter()
        .flat_map(|u| w.fake.dms(u))
        .flat_map(|m| fake::buttons(&m))
        .map(|(_, id)| id)
        .collect();
    assert!(ids.len() > 20 && ids.iter().all(|id| id.chars().count() <= 100));

    // Lars closes his DMs: he is marked unreachable and Karen is told, once.
    w.fake.close_dms(LARS);
    w.at(at(2030, 12, 13, 10, 0)).await;
    w.at(at(2030, 12, 14, 10, 0)).await;
    let told = w
        .texts(KAREN)
        .iter()
        .filter(|t| t.contains("Lars (mentor) has blocked the bot"))
        .count();
    assert_eq!(told, 1, "{:?}", w.texts(KAREN));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_continues_in_the_language_of_the_persons_discord() {
    let w = World::new().await;
    let code = w
        .engine
        .create_invite("test-programme", Role::Mentee, w.clock.now())
        .await
        .unwrap();
    let answer = w
        .post(
            w.signer
                .command(AMIRA, "no", Some(GUILD_ID), "join", Some(("code", &code))),
        )
        .await;
    assert_eq!(answer["data"]["content"], "Jeg har svart deg i en privat melding.");
    let first = w.texts(AMIRA);
    assert_eq!(first.len(), 1);
    let catalog = bot_core::i18n::Catalog::builtin();
    let en = catalog.text(
        &bot_core::message::Msg::new("discord-write"),
        bot_core::Lang::En,
        chrono_tz::UTC,
    );
    // The Write… button speaks Norwegian too.
    assert!(
        w.buttons(AMIRA)
            .iter()
            .any(|(l, id)| id == WRITE && l == "✏️ Skriv…" && *l != en)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_old_and_replayed_interactions_store_nothing() {
    let w = World::new().await;
    let code = w
        .engine
        .create_invite("test-programme", Role::Mentee, w.clock.now())
        .await
        .unwrap();
    let join = w
        .signer
        .command(AMIRA, "en-US", Some(GUILD_ID), "join", Some(("code", &code)));
    let count = |table: &'static str| {
        let pool = w.engine.store.pool().clone();
        async move {
            use sqlx::Row;
            let q = match table {
                "processed_updates" => "SELECT COUNT(*) FROM processed_updates",
                _ => "SELECT COUNT(*) FROM outbox",
            };
            sqlx::query::<sqlx::Any>(q)
                .fetch_one(&pool)
                .await
                .unwrap()
                .try_get::<i64, _>(0)
                .unwrap()
        }
    };
    // A bad signature, an old timestamp: 401, nothing stored.
    let body = serde_json::to_vec(&join).unwrap();
    let ts = chrono::Utc::now().timestamp().to_string();
    let wrong = w.signer.sign(&ts, b"something else");
    assert_eq!(w.signer.raw(&w.url, &ts, &wrong, body).await.0, 401);
    let old = (chrono::Utc::now().timestamp() - 600).to_string();
    assert_eq!(w.signer.post_at(&w.url, &join, &old).await.0, 401);
    assert_eq!((count("processed_updates").await, count("outbox").await), (0, 0));

    // Accepted once; the same interaction again is a no-op.
    assert_eq!(w.signer.post(&w.url, &join).await.0, 200);
    let (updates, outbox) = (count("processed_updates").await, count("outbox").await);
    assert_eq!(updates, 1);
    assert_eq!(w.signer.replay(&w.url).await.0, 200);
    assert_eq!(
        (count("processed_updates").await, count("outbox").await),
        (updates, outbox)
    );
}

const TOVE: i64 = 2001;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_discord_mentor_and_a_telegram_mentee_write_to_each_other_and_the_coordinator_sees_none_of_it() {
    let w = World::new().await;
    w.join(KAREN, "Karen", Role::Coordinator).await;
    w.join(LARS, "Lars", Role::Mentor).await;
    w.join_telegram(TOVE, "Tove", Role::Mentee).await;
    let people = w.engine.store.participants("test-programme").await.unwrap();
    let id = |n: &str| people.iter().find(|p| p.2 == n).unwrap().0;
    w.engine
        .match_pair(id("Tove"), id("Lars"), w.clock.now())
        .await
        .unwrap();
    w.at(at(2030, 8, 19, 10, 0)).await;
    assert!(
        w.telegram
            .texts_to(TOVE)
            .iter()
            .any(|t| t.contains("I pass on to Lars"))
    );
    assert!(w.texts(LARS).iter().any(|t| t.contains("I pass on to Tove")));
    // The intro carries the core's role-specific button, not the generic one.
    let intro = w
        .fake
        .dms(LARS)
        .into_iter()
        .find(|m| m["content"].as_str().unwrap_or("").contains("I pass on to Tove"))
        .unwrap();
    let intro_buttons = fake::buttons(&intro);
    assert!(
        intro_buttons
            .iter()
            .any(|(l, id)| l == "✏️ Write to your mentee" && id.ends_with("|write")),
        "{intro_buttons:?}"
    );
    assert!(!intro_buttons.iter().any(|(_, id)| id == WRITE), "{intro_buttons:?}");

    // Telegram → Discord: a DM to Lars, with the Write… button to answer.
    w.at(at(2030, 8, 20, 12, 0)).await;
    let ask = "Hi Lars! Could we meet at the library on Thursday?";
    let expected = format!("💬 Tove writes:\n{ask}");
    w.tg_says(TOVE, "Tove", ask, || w.texts(LARS).contains(&expected)).await;
    assert_eq!(last(&w.texts(LARS)), expected);

    // Discord → Telegram: Lars presses "Write to your mentee" under her
    // message, types in the modal, and it reaches Tove's Telegram chat.
    let answer = "Thursday 17:00 works. See you there!";
    let (label, write) = w
        .buttons(LARS)
        .into_iter()
        .find(|(_, id)| id.ends_with("|write"))
        .unwrap();
    assert_eq!(label, "✏️ Write to your mentee");
    let modal = w.post(w.signer.press(LARS, "en-US", &write)).await;
    assert_eq!(modal["type"], 9, "the button opens the modal: {modal}");
    let sent = w.post(w.signer.submit(LARS, "en-US", answer)).await;
    assert_eq!(sent["type"], 6);
    let expected = format!("💬 Lars writes:\n{answer}");
    w.until("Telegram to get it", || w.telegram.texts_to(TOVE).contains(&expected))
        .await;

    // Nobody else saw any of it: not the coordinator, not the writer.
    for text in [ask, answer] {
        assert!(!w.texts(KAREN).iter().any(|t| t.contains(text)), "{text}");
    }
    assert!(!w.telegram.texts_to(TOVE).iter().any(|t| t.contains(ask)));
    assert!(!w.texts(LARS).iter().any(|t| t.contains(answer)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_button_is_answered_ephemerally_and_changes_nothing() {
    let w = World::new().await;
    w.join(KAREN, "Karen", Role::Coordinator).await;
    w.join(AMIRA, "Amira", Role::Mentee).await;
    w.join(LARS, "Lars", Role::Mentor).await;
    let people = w.engine.store.participants("test-programme").await.unwrap();
    let id = |n: &str| people.iter().find(|p| p.2 == n).unwrap().0;
    w.engine
        .match_pair(id("Amira"), id("Lars"), w.clock.now())
        .await
        .unwrap();
    w.at(at(2030, 8, 19, 10, 0)).await;
    let rsvp = w.button(LARS, |p| p.ends_with("rsvp:kickoff:yes"));
    let tag = rsvp.split_once('|').unwrap().0.to_string();

    let snapshot = || async {
        use sqlx::Row;
        let mut out = vec![];
        for q in [
            "SELECT COUNT(*) FROM outbox",
            "SELECT COUNT(*) FROM processed_updates",
            "SELECT COUNT(*) FROM meetings",
            "SELECT COUNT(*) FROM rsvps",
            "SELECT COUNT(*) FROM flags",
        ] {
            let n: i64 = sqlx::query::<sqlx::Any>(q)
                .fetch_one(w.engine.store.pool())
                .await
                .unwrap()
                .try_get(0)
                .unwrap();
            out.push(n.to_string());
        }
        let state: String = sqlx::query::<sqlx::Any>("SELECT state FROM pairs")
            .fetch_one(w.engine.store.pool())
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
        out.push(state);
        out
    };
    let before = snapshot().await;
    let dms = |u: &str| w.fake.dms(u).len();
    let (lars, amira, karen) = (dms(LARS), dms(AMIRA), dms(KAREN));

    // Well-formed but stale: feedback on a meeting that was never held, and
    // Amira pressing a button of a pair that is not hers.
    for (user, payload) in [
        (LARS, format!("{tag}|met:good:1")),
        (AMIRA, "p999999|rsvp:kickoff:yes".to_string()),
    ] {
        let (status, answer) = w.signer.post(&w.url, &w.signer.press(user, "en-US", &payload)).await;
        assert_eq!(status, 200);
        assert_eq!(answer["type"], 4, "{answer}");
        assert_eq!(answer["data"]["flags"], 64, "only the presser sees it: {answer}");
        assert_eq!(
            answer["data"]["content"],
            "That button no longer works. Use the buttons in my latest message."
        );
        w.dispatcher.drain(w.clock.now()).await.unwrap();
    }
    assert_eq!(snapshot().await, before, "nothing stored, nothing queued");
    assert_eq!(
        (dms(LARS), dms(AMIRA), dms(KAREN)),
        (lars, amira, karen),
        "no DM either"
    );

    // The same press in Danish is answered in Danish.
    let (_, answer) = w
        .signer
        .post(&w.url, &w.signer.press(LARS, "da", &format!("{tag}|met:good:1")))
        .await;
    assert_eq!(
        answer["data"]["content"],
        "Den knap virker ikke længere. Brug knapperne i min seneste besked."
    );

    // A live button still works as before: acknowledged, and it counts.
    w.press(LARS, &rsvp).await;
    assert_eq!(w.engine.store.rsvps("test-programme").await.unwrap().len(), 1);
}
