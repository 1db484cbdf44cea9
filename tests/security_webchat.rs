//! The built-in web chat, tried as an attacker would: claiming another
//! person's `from.id`, calling with no token, a garbage token or another
//! conversation's token, sending huge texts, and reaching the server under
//! another host name (DNS rebinding) or from another site.

mod common;

use bot_core::Ts;
use bot_core::adapter::{Handler, Inbound};
use mentorbot::Engine;
use mentorbot::dispatch::Dispatcher;
use mentorbot::runtime::{Clock, start_platforms};
use mentorbot_webchat::{DirectLine, Settings};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

struct Now(Ts);
impl Clock for Now {
    fn now(&self) -> Ts {
        self.0
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A browser tab: its conversation and the token it was given.
struct Chat {
    http: reqwest::Client,
    base: String,
    conv: String,
    token: String,
    /// What this client claims to be; the server must not care.
    claim: String,
}

impl Chat {
    async fn open(base: &str) -> Chat {
        let http = reqwest::Client::new();
        let r = http
            .post(format!("{base}/v3/directline/conversations"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        let r: Value = r.json().await.unwrap();
        Chat {
            http,
            base: base.into(),
            conv: r["conversationId"].as_str().unwrap().into(),
            token: r["token"].as_str().unwrap().into(),
            claim: "web-someone".into(),
        }
    }

    fn url(&self, conv: &str, rest: &str) -> String {
        format!("{}/v3/directline/conversations/{conv}{rest}", self.base)
    }

    /// Posts to `conv` with `token`, as the client `claim`.
    async fn post_as(&self, conv: &str, token: &str, mut activity: Value) -> u16 {
        activity["type"] = json!("message");
        if activity.get("from").is_none() {
            activity["from"] = json!({"id": self.claim});
        }
        if activity.get("locale").is_none() {
            activity["locale"] = json!("en-GB");
        }
        self.http
            .post(self.url(conv, "/activities"))
            .bearer_auth(token)
            .json(&activity)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }

    async fn post(&self, activity: Value) -> u16 {
        self.post_as(&self.conv, &self.token, activity).await
    }

    async fn activities(&self) -> Vec<Value> {
        let r = self
            .http
            .get(self.url(&self.conv, "/activities?watermark=0"))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let r: Value = r.json().await.unwrap();
        r["activities"].as_array().unwrap().clone()
    }

    async fn bot_texts(&self) -> Vec<String> {
        self.activities()
            .await
            .iter()
            .filter(|a| a["from"]["role"] == "bot")
            .map(|a| a["text"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// The id the server shows for this person's own messages.
    async fn own_id(&self) -> String {
        self.activities()
            .await
            .iter()
            .find(|a| a["from"]["role"] == "user")
            .map(|a| a["from"]["id"].as_str().unwrap().to_string())
            .unwrap()
    }
}

/// The demo on the web chat: Amira (mentee) and Lars (mentor) registered
/// and introduced.
struct Demo {
    engine: Arc<Engine>,
    dispatcher: Dispatcher,
    base: String,
    now: Ts,
    amira: Chat,
    lars: Chat,
    _stop: tokio::sync::watch::Sender<bool>,
    _dir: Option<tempfile::TempDir>,
}

async fn demo() -> Demo {
    let (store, dir) = common::sqlite_store().await;
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("programmes/demo.toml");
    let (p, src) = mentorbot::load_programme(&path).unwrap();
    let now = common::at(2026, 12, 10, 12, 0);
    let engine = Arc::new(Engine::new(store, vec![p.clone()]));
    engine
        .load_programmes(&HashMap::from([(p.id.clone(), src)]), now)
        .await
        .unwrap();
    let port = free_port();
    // The demo mode: the web chat alone, no programmes configured.
    let cfg = mentorbot::config::Config {
        ops: mentorbot::config::OpsConfig {
            listen: "127.0.0.1:0".into(),
        },
        programmes: vec![],
        webchat: Some(mentorbot::config::WebChatConfig {
            listen: format!("127.0.0.1:{port}"),
            demo: true,
            public_url: None,
        }),
        ..Default::default()
    };
    let (stop, stop_rx) = tokio::sync::watch::channel(false);
    let adapters = start_platforms(&cfg, engine.clone(), Arc::new(Now(now)), stop_rx)
        .await
        .unwrap();
    let dispatcher = Dispatcher::new(engine.clone(), adapters);
    let base = format!("http://127.0.0.1:{port}");
    let amira = Chat::open(&base).await;
    let mut lars = Chat::open(&base).await;
    lars.claim = "web-lars".into();
    for (chat, role, name) in [(&amira, "mentee", "Amira"), (&lars, "mentor", "Lars")] {
        assert_eq!(chat.post(json!({"text": format!("/start demo-{role}")})).await, 200);
        chat.post(json!({"value": {"payload": "reg:lang:en"}})).await;
        chat.post(json!({"text": name})).await;
        chat.post(json!({"value": {"payload": "reg:consent:yes"}})).await;
    }
    engine.tick_all_due(now).await.unwrap();
    dispatcher.drain(now).await.unwrap();
    assert!(
        amira
            .bot_texts()
            .await
            .iter()
            .any(|t| t.contains("Your mentor is Lars"))
    );
    Demo {
        engine,
        dispatcher,
        base,
        now,
        amira,
        lars,
        _stop: stop,
        _dir: dir,
    }
}

impl Demo {
    /// What an attacker could change: who is in the programme, and the pairs.
    async fn snapshot(&self) -> (Vec<(i64, bot_core::Role, String, bool)>, Vec<String>) {
        let people = self.engine.store.participants("demo").await.unwrap();
        let mut tx = self.engine.store.begin().await.unwrap();
        let mut pairs = vec![];
        for (id, ..) in &people {
            for (pair, _) in self.engine.store.pairs_of(&mut tx, *id).await.unwrap() {
                let row = self.engine.store.load_pair(&mut tx, pair).await.unwrap().unwrap();
                pairs.push(row.state);
            }
        }
        drop(tx);
        (people, pairs)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn claiming_another_persons_from_id_pauses_and_forgets_nothing() {
    let d = demo().await;
    let victim = d.amira.own_id().await;
    let before = d.snapshot().await;
    let amira_saw = d.amira.bot_texts().await.len();

    // A fresh conversation that claims to be Amira.
    let mut mallory = Chat::open(&d.base).await;
    mallory.claim = victim.clone();
    for activity in [
        json!({"text": "/pause"}),
        json!({"value": {"payload": "forget:yes"}}),
        json!({"text": "/forget"}),
        json!({"value": {"payload": "forget:yes"}}),
        json!({"text": "/mydata"}),
    ] {
        mallory.post(activity).await;
    }
    d.dispatcher.drain(d.now).await.unwrap();

    assert_eq!(
        d.snapshot().await,
        before,
        "the attacker changed a pair or a participant"
    );
    assert_eq!(d.amira.bot_texts().await.len(), amira_saw, "Amira was told something");
    // The attacker is a stranger to the bot, not Amira.
    let seen = mallory.bot_texts().await.join("\n");
    assert!(!seen.contains("Amira"), "the attacker saw Amira's data: {seen}");
    assert_ne!(mallory.own_id().await, victim);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_without_the_conversations_own_token_get_403() {
    let d = demo().await;
    let http = reqwest::Client::new();
    let amira = &d.amira;
    let before = amira.activities().await;
    let read = amira.url(&amira.conv, "/activities?watermark=0");

    // Reading: no token, a garbage token, Lars's token.
    let r = http.get(&read).send().await.unwrap();
    assert_eq!(r.status(), 403);
    for token in ["garbage", &format!("local-{}", amira.conv), &d.lars.token] {
        let r = http.get(&read).bearer_auth(token).send().await.unwrap();
        assert_eq!(r.status(), 403, "GET with token {token}");
        assert!(!r.text().await.unwrap().contains("Amira"));
    }
    // Reconnecting to her conversation with someone else's token.
    let r = http
        .get(amira.url(&amira.conv, ""))
        .bearer_auth(&d.lars.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // Starting with a token nobody issued.
    let r = http
        .post(format!("{}/v3/directline/conversations", d.base))
        .bearer_auth("garbage")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // Writing into her conversation with Lars's token, or none.
    assert_eq!(
        d.lars
            .post_as(&amira.conv, &d.lars.token, json!({"text": "/pause"}))
            .await,
        403
    );
    let r = http
        .post(amira.url(&amira.conv, "/activities"))
        .json(&json!({"type": "message", "from": {"id": "x"}, "text": "/pause"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // Her streaming socket with Lars's token, and with hers.
    let upgrade = |t: &str| {
        http.get(amira.url(&amira.conv, &format!("/stream?watermark=0&t={t}")))
            .header("connection", "Upgrade")
            .header("upgrade", "websocket")
            .header("sec-websocket-version", "13")
            .header("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==")
            .send()
    };
    assert_eq!(upgrade(&d.lars.token).await.unwrap().status(), 403);
    assert_eq!(upgrade(&amira.token).await.unwrap().status(), 101);

    d.dispatcher.drain(d.now).await.unwrap();
    assert_eq!(amira.activities().await, before, "her conversation changed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_who_comes_back_with_their_token_is_the_same_person() {
    let d = demo().await;
    let http = reqwest::Client::new();
    // The page reloads: it starts with the token it kept.
    let r = http
        .post(format!("{}/v3/directline/conversations", d.base))
        .bearer_auth(&d.amira.token)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    let r: Value = r.json().await.unwrap();
    assert_eq!(r["conversationId"], d.amira.conv.as_str());
    assert!(r["streamUrl"].as_str().unwrap().starts_with("ws://127.0.0.1:"));
    // A token carries at least 128 bits.
    assert!(d.amira.token.len() >= 32);
    assert_ne!(d.amira.token, d.lars.token);
    // She is still Amira: /pause pauses her pair.
    let before = d.snapshot().await;
    assert_eq!(d.amira.post(json!({"text": "/pause"})).await, 200);
    d.dispatcher.drain(d.now).await.unwrap();
    let after = d.snapshot().await;
    assert_eq!(after.0, before.0);
    assert_ne!(after.1, before.1, "her /pause did nothing");
    assert!(
        after.1.iter().all(|s| s.contains(r#""status":"paused""#)),
        "{:?}",
        after.1
    );
}

/// A web chat alone, with a handler that records what reaches the engine.
async fn bare(settings: Settings) -> (String, Arc<Mutex<Vec<Inbound>>>) {
    let (base, seen, _) = bare_dl(settings).await;
    (base, seen)
}

async fn bare_dl(settings: Settings) -> (String, Arc<Mutex<Vec<Inbound>>>, Arc<DirectLine>) {
    let seen = Arc::new(Mutex::new(vec![]));
    let handler: Handler = {
        let seen = seen.clone();
        Arc::new(move |i| {
            seen.lock().unwrap().push(i);
            Box::pin(async { true })
        })
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut settings = settings;
    if settings.hosts.is_empty() {
        settings.hosts = Settings::loopback(port).hosts;
    }
    let dl = DirectLine::new(settings);
    let app = dl.clone().router(handler);
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://127.0.0.1:{port}"), seen, dl)
}

fn no_hosts() -> Settings {
    Settings {
        hosts: vec![],
        ..Settings::loopback(0)
    }
}

#[tokio::test]
async fn a_text_over_4096_characters_is_refused_in_the_persons_language_and_not_stored() {
    let (base, seen) = bare(no_hosts()).await;
    let chat = Chat::open(&base).await;
    let long = "å".repeat(5000);
    assert_eq!(chat.post(json!({"text": long, "locale": "da-DK"})).await, 400);
    let acts = chat.activities().await;
    assert!(seen.lock().unwrap().is_empty(), "the long text reached the engine");
    assert!(
        !acts
            .iter()
            .any(|a| a["text"].as_str().is_some_and(|t| t.contains("ååå"))),
        "the long text was kept"
    );
    let answer = acts.iter().find(|a| a["from"]["role"] == "bot").unwrap();
    assert!(answer["text"].as_str().unwrap().contains("for lang"), "{answer}");
    assert!(answer["text"].as_str().unwrap().contains("4096"), "{answer}");
    // Exactly the limit is fine.
    assert_eq!(chat.post(json!({"text": "a".repeat(4096)})).await, 200);
    assert_eq!(seen.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn from_id_is_ignored_the_token_says_who_writes() {
    let (base, seen) = bare(no_hosts()).await;
    let a = Chat::open(&base).await;
    let mut b = Chat::open(&base).await;
    b.claim = a.claim.clone();
    a.post(json!({"text": "hello"})).await;
    b.post(json!({"text": "hello", "from": {"id": "tg-12345", "role": "bot"}}))
        .await;
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    assert_ne!(seen[0].user_id, seen[1].user_id);
    assert!(
        seen.iter()
            .all(|i| i.user_id != "web-someone" && i.user_id != "tg-12345")
    );
    assert_eq!(seen[0].address, a.conv);
    assert_eq!(seen[1].address, b.conv);
}

#[tokio::test]
async fn another_host_or_origin_is_refused() {
    let (base, seen) = bare(no_hosts()).await;
    let http = reqwest::Client::new();
    // DNS rebinding: evil.example resolves to this machine.
    let r = http
        .post(format!("{base}/v3/directline/conversations"))
        .header("host", "evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = http
        .get(format!("{base}/"))
        .header("host", "evil.example:80")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // A page on another site, with a valid token.
    let chat = Chat::open(&base).await;
    let r = http
        .post(chat.url(&chat.conv, "/activities"))
        .bearer_auth(&chat.token)
        .header("origin", "http://evil.example")
        .json(&json!({"type": "message", "text": "/forget"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(seen.lock().unwrap().is_empty());
    // The page's own origin is fine.
    let port = base.rsplit(':').next().unwrap();
    let r = http
        .post(chat.url(&chat.conv, "/activities"))
        .bearer_auth(&chat.token)
        .header("origin", format!("http://localhost:{port}"))
        .header("host", format!("localhost:{port}"))
        .json(&json!({"type": "message", "text": "hi"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn behind_https_the_stream_is_wss_on_the_public_name() {
    let wc = mentorbot::config::WebChatConfig {
        listen: "127.0.0.1:8080".into(),
        demo: false,
        public_url: Some("https://chat.example.org".into()),
    };
    let settings = mentorbot::runtime::webchat_settings(&wc).unwrap();
    let (base, _) = bare(settings).await;
    let r = reqwest::Client::new()
        .post(format!("{base}/v3/directline/conversations"))
        .header("host", "chat.example.org")
        .header("origin", "https://chat.example.org")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let r: Value = r.json().await.unwrap();
    assert!(
        r["streamUrl"]
            .as_str()
            .unwrap()
            .starts_with("wss://chat.example.org/v3/directline/conversations/"),
        "{r}"
    );
    // The plain-http origin of the same name is another origin.
    let r = reqwest::Client::new()
        .post(format!("{base}/v3/directline/conversations"))
        .header("host", "chat.example.org")
        .header("origin", "http://chat.example.org")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

#[test]
fn a_public_listen_address_without_public_url_refuses_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mentorbot"))
        .arg("serve")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env(
            "MENTORBOT_DATABASE_URL",
            format!("sqlite://{}", dir.path().join("t.db").display()),
        )
        .env("MENTORBOT_WEBCHAT__LISTEN", format!("0.0.0.0:{port}"))
        .env("MENTORBOT_OPS__LISTEN", "127.0.0.1:0")
        .env_remove("TELOXIDE_TOKEN")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A bounded wait for an external process.
    let mut status = None;
    for _ in 0..300 {
        if let Some(s) = child.try_wait().unwrap() {
            status = Some(s);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    if status.is_none() {
        child.kill().unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        status.is_some_and(|s| !s.success()),
        "serve started on 0.0.0.0: {stderr}"
    );
    assert!(stderr.contains("webchat.public_url"), "{stderr}");
    assert!(stderr.contains("0.0.0.0"), "{stderr}");
}

#[tokio::test]
async fn conversations_and_activities_are_capped_and_the_oldest_go() {
    let (base, _, dl) = bare_dl(Settings {
        max_conversations: 3,
        max_activities: 4,
        ..no_hosts()
    })
    .await;
    let mut chats = vec![];
    for _ in 0..5 {
        chats.push(Chat::open(&base).await);
    }
    assert_eq!(dl.counts().0, 3);
    // The two oldest are gone: their tokens open nothing.
    let http = reqwest::Client::new();
    for old in &chats[..2] {
        let r = http
            .get(old.url(&old.conv, "/activities"))
            .bearer_auth(&old.token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
    }
    let last = &chats[4];
    for i in 0..10 {
        assert_eq!(last.post(json!({"text": format!("m{i}")})).await, 200);
    }
    let texts: Vec<String> = last
        .activities()
        .await
        .iter()
        .map(|a| a["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(texts, ["m6", "m7", "m8", "m9"]);
    assert_eq!(dl.counts(), (3, 4));
    // Watermarks keep counting: nothing new after the last one.
    let r: Value = http
        .get(last.url(&last.conv, "/activities?watermark=10"))
        .bearer_auth(&last.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["watermark"], "10");
    assert!(r["activities"].as_array().unwrap().is_empty());
    // Many more conversations still hold no more than the caps.
    for _ in 0..50 {
        let c = Chat::open(&base).await;
        c.post(json!({"text": "hi"})).await;
    }
    let (convs, acts) = dl.counts();
    assert!(convs <= 3 && acts <= 3 * 4, "{convs} conversations, {acts} activities");
}

#[tokio::test]
async fn an_expired_token_gets_403() {
    let (base, seen) = bare(Settings {
        session_ttl: chrono::Duration::zero(),
        ..no_hosts()
    })
    .await;
    let chat = Chat::open(&base).await;
    assert_eq!(chat.post(json!({"text": "/forget"})).await, 403);
    let r = reqwest::Client::new()
        .post(format!("{base}/v3/directline/conversations"))
        .bearer_auth(&chat.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(seen.lock().unwrap().is_empty());
}

/// The server stops and a new one starts on the same database (a new
/// engine, a new web chat): the browser comes back with its token, gets
/// the message the dispatcher delivered before the restart, and is still
/// the same person.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_keeps_the_conversation_its_messages_and_the_person() {
    let d = demo().await;
    let (amira, now) = (d.amira, d.now);
    let delivered = amira.bot_texts().await;
    assert!(delivered.iter().any(|t| t.contains("Your mentor is Lars")));
    let own_id = amira.own_id().await;
    // Stop the first server; the second gets a new engine and web chat on
    // the same database.
    d._stop.send(true).unwrap();
    drop(d.dispatcher);
    let store = d.engine.store.clone();
    drop(d.engine);
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("programmes/demo.toml");
    let (p, _) = mentorbot::load_programme(&path).unwrap();
    let engine = Arc::new(Engine::new(store, vec![p]));
    let port = free_port();
    let cfg = mentorbot::config::Config {
        ops: mentorbot::config::OpsConfig {
            listen: "127.0.0.1:0".into(),
        },
        programmes: vec![],
        webchat: Some(mentorbot::config::WebChatConfig {
            listen: format!("127.0.0.1:{port}"),
            demo: true,
            public_url: None,
        }),
        ..Default::default()
    };
    let (_stop, stop_rx) = tokio::sync::watch::channel(false);
    let adapters = start_platforms(&cfg, engine.clone(), Arc::new(Now(now)), stop_rx)
        .await
        .unwrap();
    let dispatcher = Dispatcher::new(engine.clone(), adapters);
    let base = format!("http://127.0.0.1:{port}");
    let back = Chat {
        http: reqwest::Client::new(),
        base: base.clone(),
        conv: amira.conv.clone(),
        token: amira.token.clone(),
        claim: amira.claim.clone(),
    };
    // The page reloads with the token it kept: the same conversation.
    let r = back
        .http
        .post(format!("{base}/v3/directline/conversations"))
        .bearer_auth(&back.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201, "her token was refused after the restart");
    let r: Value = r.json().await.unwrap();
    assert_eq!(r["conversationId"], amira.conv.as_str());
    // The message delivered before the restart is still there, once.
    assert_eq!(back.bot_texts().await, delivered);
    // She is still Amira: /status answers as her, as the same identity.
    assert_eq!(back.post(json!({"text": "/status"})).await, 200);
    dispatcher.drain(now).await.unwrap();
    let texts = back.bot_texts().await;
    assert!(texts.len() > delivered.len(), "/status went unanswered");
    let answer = texts.last().unwrap();
    assert!(answer.contains("Lars"), "/status did not answer as Amira: {answer}");
    assert_eq!(back.own_id().await, own_id);
}

/// Storage that hands out the given conversations at start and records
/// what is deleted.
#[derive(Default)]
struct Recorded {
    load: Mutex<Vec<mentorbot_webchat::StoredConversation>>,
    deleted: Mutex<Vec<String>>,
    expired_sweeps: Mutex<Vec<i64>>,
}

impl mentorbot_webchat::Storage for Recorded {
    fn load(
        &self,
        _: i64,
    ) -> bot_core::adapter::BoxFuture<'_, Result<Vec<mentorbot_webchat::StoredConversation>, String>> {
        let all = std::mem::take(&mut *self.load.lock().unwrap());
        Box::pin(async move { Ok(all) })
    }
    fn save_conversation<'a>(
        &'a self,
        _: &'a mentorbot_webchat::StoredConversation,
    ) -> bot_core::adapter::BoxFuture<'a, Result<(), String>> {
        Box::pin(async { Ok(()) })
    }
    fn save_activity<'a>(
        &'a self,
        _: &'a str,
        _: i64,
        _: &'a Value,
        _: i64,
    ) -> bot_core::adapter::BoxFuture<'a, Result<(), String>> {
        Box::pin(async { Ok(()) })
    }
    fn delete_conversation<'a>(&'a self, id: &'a str) -> bot_core::adapter::BoxFuture<'a, Result<(), String>> {
        self.deleted.lock().unwrap().push(id.to_string());
        Box::pin(async { Ok(()) })
    }
    fn delete_expired(&self, now_ms: i64) -> bot_core::adapter::BoxFuture<'_, Result<(), String>> {
        self.expired_sweeps.lock().unwrap().push(now_ms);
        Box::pin(async { Ok(()) })
    }
}

fn stored(
    id: &str,
    token: &str,
    expires: chrono::DateTime<chrono::Utc>,
    texts: &[&str],
) -> mentorbot_webchat::StoredConversation {
    use sha2::Digest;
    mentorbot_webchat::StoredConversation {
        id: id.into(),
        user: format!("web-{id}"),
        token_hash: hex::encode(sha2::Sha256::digest(token.as_bytes())),
        expires_ms: expires.timestamp_millis(),
        first: 0,
        activities: texts
            .iter()
            .enumerate()
            .map(|(i, t)| json!({"type": "message", "id": format!("{id}|{i:07}"), "text": t, "from": {"role": "bot"}}))
            .collect(),
    }
}

/// A web chat over `storage`, served on a free port.
async fn served(storage: Arc<Recorded>, settings: Settings) -> (String, Arc<DirectLine>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let settings = Settings {
        hosts: Settings::loopback(port).hosts,
        ..settings
    };
    let dl = DirectLine::with_storage(settings, storage).await.unwrap();
    let handler: Handler = Arc::new(|_| Box::pin(async { true }));
    let app = dl.clone().router(handler);
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://127.0.0.1:{port}"), dl)
}

async fn status_of(base: &str, conv: &str, token: &str) -> u16 {
    reqwest::Client::new()
        .get(format!("{base}/v3/directline/conversations/{conv}/activities"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn every_expired_conversation_is_swept_not_only_those_at_the_front() {
    let now = chrono::Utc::now();
    let storage = Arc::new(Recorded::default());
    // Oldest first: the one in the middle expires first.
    *storage.load.lock().unwrap() = vec![
        stored("a", "token-a", now + chrono::Duration::hours(2), &["hello a"]),
        stored("b", "token-b", now + chrono::Duration::hours(1), &["hello b"]),
        stored("c", "token-c", now + chrono::Duration::hours(2), &["hello c"]),
    ];
    let (base, dl) = served(storage.clone(), no_hosts()).await;
    assert_eq!(dl.counts().0, 3);
    let later = now + chrono::Duration::minutes(90);
    assert_eq!(dl.sweep_at(later).await.unwrap(), 1);
    assert_eq!(dl.counts(), (2, 2));
    assert_eq!(*storage.deleted.lock().unwrap(), ["b"]);
    // Expired rows left from before a restart are swept from storage too.
    assert_eq!(*storage.expired_sweeps.lock().unwrap(), [later.timestamp_millis()]);
    assert_eq!(status_of(&base, "b", "token-b").await, 403);
    assert_eq!(status_of(&base, "a", "token-a").await, 200);
    assert_eq!(status_of(&base, "c", "token-c").await, 200);
    // Nothing expired: nothing goes.
    assert_eq!(dl.sweep_at(later).await.unwrap(), 0);
    assert_eq!(dl.counts().0, 2);
}

#[tokio::test]
async fn a_forgotten_persons_conversation_empties_and_other_conversations_lose_what_names_them() {
    let now = chrono::Utc::now();
    let storage = Arc::new(Recorded::default());
    *storage.load.lock().unwrap() = vec![
        stored(
            "amira",
            "token-amira",
            now + chrono::Duration::days(30),
            &["Welcome, Amira!", "Your mentor is Lars."],
        ),
        stored(
            "lars",
            "token-lars",
            now + chrono::Duration::days(30),
            &["Your mentee is Amira (amira@example.org).", "Meeting on Thursday."],
        ),
    ];
    let (base, dl) = served(storage, no_hosts()).await;
    dl.forget(
        &["amira".to_string()],
        &["Amira".to_string(), "amira@example.org".to_string()],
        now,
    );
    let get = |conv: &'static str, token: &'static str| {
        let base = base.clone();
        async move {
            let r: Value = reqwest::Client::new()
                .get(format!(
                    "{base}/v3/directline/conversations/{conv}/activities?watermark=0"
                ))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            r
        }
    };
    // Hers holds nothing; watermarks keep counting, so the farewell that
    // follows is new to her page.
    let hers = get("amira", "token-amira").await;
    assert!(hers["activities"].as_array().unwrap().is_empty(), "{hers}");
    assert_eq!(hers["watermark"], "2");
    // Lars's no longer names her; his other messages stay where they were.
    let his = get("lars", "token-lars").await;
    let text = his.to_string();
    assert!(!text.to_lowercase().contains("amira"), "{text}");
    assert_eq!(his["activities"][1]["text"], "Meeting on Thursday.");
    // Her conversation takes the farewell, cannot be renewed, and goes
    // after the grace period.
    let r = reqwest::Client::new()
        .post(format!("{base}/v3/directline/conversations"))
        .bearer_auth("token-amira")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let r: Value = r.json().await.unwrap();
    assert_eq!(r["conversationId"], "amira");
    let grace = chrono::Duration::minutes(mentorbot_webchat::FAREWELL_GRACE_MINUTES);
    assert_eq!(
        dl.sweep_at(now + grace + chrono::Duration::seconds(1)).await.unwrap(),
        1
    );
    assert_eq!(status_of(&base, "amira", "token-amira").await, 403);
    assert_eq!(status_of(&base, "lars", "token-lars").await, 200);
}

/// Through the running engine: after /forget in the web chat, the
/// conversations the process holds no longer show her name, hers
/// holds only the farewell, and his lost the intro that named her.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_forget_the_web_chat_in_memory_no_longer_shows_the_person() {
    let d = demo().await;
    assert!(d.lars.bot_texts().await.iter().any(|t| t.contains("Amira")));
    assert_eq!(d.amira.post(json!({"text": "/forget"})).await, 200);
    assert_eq!(d.amira.post(json!({"value": {"payload": "forget:yes"}})).await, 200);
    d.dispatcher.drain(d.now).await.unwrap();
    let hers = d.amira.activities().await;
    let texts: Vec<&str> = hers.iter().filter_map(|a| a["text"].as_str()).collect();
    assert_eq!(texts.len(), 1, "{hers:?}");
    assert!(texts[0].contains("deleted"), "{texts:?}");
    for a in d.lars.activities().await {
        assert!(!a.to_string().contains("Amira"), "Lars still sees {a}");
    }
}

#[tokio::test]
async fn a_conversation_holds_at_most_its_byte_budget_and_always_the_newest() {
    let (base, _, dl) = bare_dl(Settings {
        max_bytes_per_conversation: 4_000,
        ..no_hosts()
    })
    .await;
    let chat = Chat::open(&base).await;
    for i in 0..20 {
        let text = format!("{i:02}{}", "x".repeat(998));
        assert_eq!(chat.post(json!({"text": text})).await, 200);
    }
    let held = chat.activities().await;
    assert!(dl.bytes() <= 4_000, "{} bytes held", dl.bytes());
    assert!((2..20).contains(&held.len()), "{} held", held.len());
    assert!(held.last().unwrap()["text"].as_str().unwrap().starts_with("19"));
    // One text longer than the budget is still kept: the newest stays.
    let long = "y".repeat(4_090);
    assert_eq!(chat.post(json!({"text": long})).await, 200);
    let held = chat.activities().await;
    assert_eq!(held.len(), 1);
    assert_eq!(held[0]["text"].as_str().unwrap(), long);
}
