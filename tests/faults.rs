//! Platform faults, injected through each platform's fake (issue 13): a
//! 429 storm, 5xx answers, timeouts and cut connections; then recipients
//! who blocked the bot; then a message the platform keeps refusing. On
//! Telegram, Bot Framework and Discord alike nothing is lost, nothing is
//! retried for ever (dead after the retry policy's tries), a message goes
//! twice only where a timed-out call went through, and the coordinator is
//! told of each dead letter and each blocked recipient once. Time is
//! explicit: the retries are driven by moving `now`.

mod common;

use bot_core::adapter::{Adapter, InMemoryAdapter};
use bot_core::{Lang, Role, Ts};
use chrono::Duration;
use common::at;
use mentorbot::dispatch::Dispatcher;
use std::collections::HashMap;
use std::sync::Arc;

/// How many people get each broadcast.
const PEOPLE: usize = 12;
/// The retry policy's tries.
const TRIES: i64 = 5;
/// A call answered later than this has timed out.
const CALL_TIMEOUT: std::time::Duration = std::time::Duration::from_millis(300);
/// How late a slow answer comes: past the call timeout.
const SLOW: std::time::Duration = std::time::Duration::from_millis(800);

/// Someone on the platform under test: their user id, their address, and
/// the key the fake files deliveries to them under.
struct Person {
    user: String,
    address: String,
    key: String,
}

/// The transient faults a fake was told to inject.
struct Storm {
    faults: usize,
    /// Of them, answers too late: the call may still have gone through.
    timeouts: usize,
}

/// What the scenario needs of a platform's fake.
trait Faulty {
    fn platform(&self) -> &'static str;
    fn person(&self, i: usize) -> Person;
    /// Injects a storm of transient faults into the next calls.
    fn storm(&self) -> Storm;
    /// The person blocked the bot (or closed their DMs to it).
    fn block(&self, p: &Person);
    /// The next `n` calls fail, each in a way worth retrying.
    fn refuse(&self, n: usize);
    /// Deliveries the platform accepted whose text contains `text`, per
    /// person's key.
    fn got(&self, text: &str) -> HashMap<String, usize>;
}

/// Drains the outbox with the clock moved on (a pass a minute, then
/// hourly) until nothing is pending; fails if something stays pending
/// after 40 passes (retried for ever).
async fn settle(d: &Dispatcher, from: Ts) -> Ts {
    let mut now = from;
    for step in 0..40 {
        d.drain(now).await.unwrap();
        let (pending, _, _) = d.engine().store.outbox_counts().await.unwrap();
        if pending == 0 {
            return now;
        }
        now += if step < 10 {
            Duration::minutes(1)
        } else {
            Duration::hours(1)
        };
    }
    panic!("messages still pending after 40 passes: retried for ever?");
}

/// The coordinator's alerts that contain `what`, about `who`.
fn told(coordinator: &InMemoryAdapter, who: &str, what: &str) -> usize {
    coordinator
        .sent_to("Karen")
        .iter()
        .filter(|m| m.text.contains(who) && m.text.contains(what))
        .count()
}

/// The three phases on one platform; `adapter` sends through `fake`.
async fn faults_lose_nothing_and_retry_nothing_for_ever(fake: &impl Faulty, adapter: Arc<dyn Adapter>) {
    let platform = fake.platform();
    let started = std::time::Instant::now();
    let mut h = common::Harness::new(common::sqlite_store().await).await;
    let e = h.engine.clone();
    let programme = h.programme_id();
    let t = at(2030, 8, 20, 10, 0);
    let people: Vec<Person> = (0..PEOPLE).map(|i| fake.person(i)).collect();
    for (i, p) in people.iter().enumerate() {
        e.register(
            &mentorbot::Registration {
                programme_id: &programme,
                role: if i % 2 == 0 { Role::Mentee } else { Role::Mentor },
                name: &format!("Person{i}"),
                lang: Lang::En,
                tz: None,
                contact: None,
                consent: true,
                platform,
                user_id: &p.user,
                address: &p.address,
            },
            t,
        )
        .await
        .unwrap();
    }
    // The coordinator reads the alerts elsewhere (the in-memory platform).
    h.register("Karen", Role::Coordinator, Lang::En, t).await;
    let coordinator = h.adapter.clone();
    let mut d = Dispatcher::new(e.clone(), vec![adapter, coordinator.clone() as Arc<dyn Adapter>]);
    d.policy.max_attempts = TRIES as u32;
    // Several recipients at once, as `serve` sends (dispatcher.concurrency).
    d.concurrency = PEOPLE;
    let broadcast = |text: &str, now| {
        let (e, programme, text) = (e.clone(), programme.clone(), text.to_string());
        async move {
            e.broadcast(
                &programme,
                &bot_core::coordinator::broadcast::Audience::Everyone,
                &mentorbot::engine::broadcast_texts(text, None),
                false,
                now,
            )
            .await
            .unwrap()
            .unwrap()
        }
    };

    // 1. Transient faults: everyone gets the message; a timed-out call may
    //    have gone through, and only those may be duplicates.
    let storm = fake.storm();
    broadcast("Storm one", t).await;
    settle(&d, t).await;
    let one = fake.got("Storm one");
    assert_eq!(one.len(), PEOPLE, "everyone got it: {one:?}");
    let duplicates: usize = one.values().map(|n| n - 1).sum();
    assert!(
        duplicates <= storm.timeouts,
        "{duplicates} duplicates for {} timeouts",
        storm.timeouts
    );
    let rows = e.store.outbox_rows().await.unwrap();
    assert!(rows.iter().all(|r| r.1 == "sent" && r.2 <= TRIES), "{rows:?}");
    let tries: i64 = rows.iter().map(|r| r.2).sum();
    assert!(
        tries > PEOPLE as i64,
        "the faults cost tries: {tries} for {PEOPLE} messages"
    );

    // 2. Two people blocked the bot: their messages dead at once (one
    //    try), the coordinator told once each; everyone else gets it.
    fake.block(&people[0]);
    fake.block(&people[1]);
    let t2 = t + Duration::days(1);
    broadcast("Blocked two", t2).await;
    settle(&d, t2).await;
    let two = fake.got("Blocked two");
    assert_eq!(two.len(), PEOPLE - 2, "{two:?}");
    assert!(!two.contains_key(&people[0].key) && !two.contains_key(&people[1].key));
    let rows = e.store.outbox_rows().await.unwrap();
    let dead: Vec<_> = rows.iter().filter(|r| r.1 == "dead").collect();
    assert_eq!(dead.len(), 2, "{rows:?}");
    assert!(dead.iter().all(|r| r.2 == 1), "blocked is not retried: {dead:?}");
    for who in ["Person0", "Person1"] {
        assert_eq!(
            told(&coordinator, who, "blocked the bot"),
            1,
            "{:?}",
            coordinator.sent_to("Karen")
        );
    }

    // 3. The platform keeps refusing one message (to Person3, alone in
    //    the outbox's due rows): dead after the policy's tries, and the
    //    coordinator sees the dead letter.
    let t3 = t + Duration::days(2);
    fake.refuse(TRIES as usize);
    let person3: i64 = sqlx::Row::try_get(
        &sqlx::query::<sqlx::Any>("SELECT participant_id FROM identities WHERE platform = $1 AND address = $2")
            .bind(platform)
            .bind(&people[3].address)
            .fetch_one(e.store.pool())
            .await
            .unwrap(),
        0,
    )
    .unwrap();
    let msg =
        serde_json::to_string(&bot_core::message::Msg::new("broadcast-message").str("text", "Storm three")).unwrap();
    sqlx::query::<sqlx::Any>(
        "INSERT INTO outbox (participant_id, pair_id, platform, address, lang, msg, once_key, not_before, created_at)
         VALUES ($1, NULL, $2, $3, 'en', $4, NULL, $5, $5)",
    )
    .bind(person3)
    .bind(platform)
    .bind(&people[3].address)
    .bind(&msg)
    .bind(t3.timestamp_millis())
    .execute(e.store.pool())
    .await
    .unwrap();
    settle(&d, t3).await;
    let rows = e.store.outbox_rows().await.unwrap();
    let dead: Vec<_> = rows.iter().filter(|r| r.1 == "dead").collect();
    // The two blocked ones, and the one the platform kept refusing.
    assert_eq!(dead.len(), 3, "{dead:?}");
    assert_eq!(dead[2].2, TRIES, "dead after exactly the policy's tries: {dead:?}");
    assert!(
        rows.iter().all(|r| r.2 <= TRIES),
        "no row tried more than the policy allows: {rows:?}"
    );
    assert_eq!(
        told(&coordinator, "Person3", "could not be delivered after several tries"),
        1,
        "{:?}",
        coordinator.sent_to("Karen")
    );
    assert!(fake.got("Storm three").is_empty());
    println!(
        "faults ({platform}): {PEOPLE} messages through {} injected faults ({} timeouts) took {tries} tries, \
         duplicates {duplicates}; 2 blocked dead after 1 try, 1 refused {TRIES} times dead; the coordinator told of each once; {:.1} s",
        storm.faults,
        storm.timeouts,
        started.elapsed().as_secs_f64()
    );
}

mod telegram {
    use super::*;
    use mentorbot_telegram::fake::{FakeTelegram, Fault};

    const TOKEN: &str = "123456:faults";

    impl Faulty for FakeTelegram {
        fn platform(&self) -> &'static str {
            "telegram"
        }
        fn person(&self, i: usize) -> Person {
            let chat = (700 + i).to_string();
            Person {
                user: chat.clone(),
                address: chat.clone(),
                key: chat,
            }
        }
        fn storm(&self) -> Storm {
            let storm = [
                // teloxide's pacing holds the chat for retry_after (real time).
                vec![Fault::TooManyRequests(1); 12],
                vec![
                    Fault::ServerError(500),
                    Fault::ServerError(502),
                    Fault::ServerError(503),
                ],
                vec![Fault::Slow(SLOW); 2],
                vec![Fault::Reset; 3],
            ]
            .concat();
            let faults = storm.len();
            self.inject("sendMessage", storm);
            Storm { faults, timeouts: 2 }
        }
        fn block(&self, p: &Person) {
            FakeTelegram::block(self, p.key.parse().unwrap());
        }
        fn refuse(&self, n: usize) {
            // Cut connections: after a 5xx teloxide itself waits 10 s
            // (teloxide-core's DELAY_ON_SERVER_ERROR) before it answers.
            self.inject("sendMessage", vec![Fault::Reset; n]);
        }
        fn got(&self, text: &str) -> HashMap<String, usize> {
            let mut n = HashMap::new();
            for c in self.calls_to("sendMessage") {
                if c.status == 200 && c.params["text"].as_str().is_some_and(|t| t.contains(text)) {
                    let chat = c.params["chat_id"].as_i64().unwrap();
                    *n.entry(chat.to_string()).or_insert(0) += 1;
                }
            }
            n
        }
    }

    /// Telegram's fake: 429 with `retry_after`, 5xx, answers past the
    /// client's timeout, cut connections, 403 "bot was blocked by the user".
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn telegram_faults_lose_nothing_retry_nothing_for_ever_and_tell_the_coordinator() {
        let fake = FakeTelegram::start(TOKEN).await;
        fake.enforce_limits(false);
        let bot = mentorbot_telegram::bot_with_timeout(TOKEN, Some(&fake.url()), CALL_TIMEOUT).unwrap();
        let telegram = mentorbot_telegram::Telegram::with_limits(
            bot,
            mentorbot_telegram::PaceLimits {
                messages_per_sec_overall: 1000,
                ..Default::default()
            },
        );
        faults_lose_nothing_and_retry_nothing_for_ever(&fake, Arc::new(telegram)).await;
    }
}

mod botframework {
    use super::*;
    use mentorbot_botframework::fake::{FakeConnector, Fault};

    fn conversation(i: usize) -> String {
        format!("a:conv-{i}")
    }

    impl Faulty for FakeConnector {
        fn platform(&self) -> &'static str {
            mentorbot_botframework::PLATFORM
        }
        fn person(&self, i: usize) -> Person {
            Person {
                user: format!("29:user-{i}"),
                address: mentorbot_botframework::address(&self.service_url(), &conversation(i)),
                key: conversation(i),
            }
        }
        fn storm(&self) -> Storm {
            self.inject(
                [
                    // 429 with Retry-After, as Teams answers beyond its limits.
                    vec![Fault::TooManyRequests(1); 12],
                    vec![
                        Fault::ServerError(500),
                        Fault::ServerError(502),
                        Fault::ServerError(503),
                        Fault::PreconditionFailed,
                    ],
                    vec![Fault::Slow(SLOW); 2],
                    vec![Fault::Reset; 3],
                ]
                .concat(),
            );
            Storm {
                faults: 21,
                timeouts: 2,
            }
        }
        fn block(&self, p: &Person) {
            FakeConnector::block(self, &p.key);
        }
        fn refuse(&self, n: usize) {
            self.inject(vec![Fault::ServerError(500); n]);
        }
        fn got(&self, text: &str) -> HashMap<String, usize> {
            let mut n = HashMap::new();
            for p in self.posted() {
                if p.status == 200 && p.activity["text"].as_str().is_some_and(|t| t.contains(text)) {
                    *n.entry(p.conversation).or_insert(0) += 1;
                }
            }
            n
        }
    }

    /// The Bot Framework connector's fake: 429 with Retry-After, 5xx and
    /// 412, answers past the call timeout, cut connections, 403
    /// `ConversationBlockedByUser`.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn botframework_faults_lose_nothing_retry_nothing_for_ever_and_tell_the_coordinator() {
        let fake = FakeConnector::start().await;
        fake.enforce_limits(false);
        let mut config = fake.config();
        config.http_timeout_ms = CALL_TIMEOUT.as_millis() as u64;
        let connector = mentorbot_botframework::Connector::new(config, reqwest::Client::new());
        faults_lose_nothing_and_retry_nothing_for_ever(&fake, Arc::new(connector)).await;
    }
}

mod discord {
    use super::*;
    use mentorbot_discord::fake::{FakeDiscord, Fault, dm_channel};

    impl Faulty for FakeDiscord {
        fn platform(&self) -> &'static str {
            mentorbot_discord::PLATFORM
        }
        fn person(&self, i: usize) -> Person {
            let user = (1_500_000_000_000_000_000u64 + i as u64).to_string();
            Person {
                user: user.clone(),
                address: user.clone(),
                key: user,
            }
        }
        fn storm(&self) -> Storm {
            // The faults fall on whichever calls come next: opening a DM
            // channel as well as sending in it.
            self.fail_next(
                [
                    vec![Fault::RateLimited { retry_after: 0.25 }; 10],
                    // Every route held: the adapter waits before its next call.
                    vec![Fault::Global { retry_after: 0.5 }; 2],
                    vec![
                        Fault::ServerErrorCode(500),
                        Fault::ServerError,
                        Fault::ServerErrorCode(503),
                        Fault::ServerErrorCode(504),
                    ],
                    vec![Fault::Hang(SLOW); 2],
                    vec![Fault::Reset; 3],
                ]
                .concat(),
            );
            Storm {
                faults: 21,
                timeouts: 2,
            }
        }
        fn block(&self, p: &Person) {
            self.close_dms(&p.user);
        }
        fn refuse(&self, n: usize) {
            self.fail_next(vec![Fault::ServerErrorCode(500); n]);
        }
        fn got(&self, text: &str) -> HashMap<String, usize> {
            let mut n = HashMap::new();
            for c in self.calls() {
                if c.method == "POST"
                    && c.status == 200
                    && c.body["content"].as_str().is_some_and(|t| t.contains(text))
                    && let Some(user) = c
                        .path
                        .strip_prefix("/channels/")
                        .and_then(|p| p.strip_suffix("/messages"))
                        .and_then(|ch| ch.strip_prefix('9'))
                {
                    assert_eq!(c.path, format!("/channels/{}/messages", dm_channel(user)));
                    *n.entry(user.to_string()).or_insert(0) += 1;
                }
            }
            n
        }
    }

    /// Discord's REST fake: 429 with `retry_after` in the body and the
    /// rate-limit headers (a route's and global), 5xx, answers past the
    /// call timeout, cut connections, 403 with code 50007 "Cannot send
    /// messages to this user".
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn discord_faults_lose_nothing_retry_nothing_for_ever_and_tell_the_coordinator() {
        let fake = FakeDiscord::start().await;
        fake.enforce_limits(false);
        let mut config = fake.config();
        config.http_timeout_ms = CALL_TIMEOUT.as_millis() as u64;
        let rest = Arc::new(mentorbot_discord::Rest::new(&config));
        let labels = Arc::new(mentorbot_discord::endpoint::Labels::new(
            bot_core::i18n::Catalog::builtin(),
        ));
        faults_lose_nothing_and_retry_nothing_for_ever(&fake, Arc::new(mentorbot_discord::Discord::new(rest, labels)))
            .await;
    }
}
