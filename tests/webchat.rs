//! The built-in web chat over its Direct Line subset: registration in the
//! browser's place, the demo's automatic matching, and the intro.

mod common;

use bot_core::Ts;
use common::WebChat;
use mentorbot::Engine;
use mentorbot::dispatch::Dispatcher;
use mentorbot::runtime::{Clock, start_platforms};
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;

struct Now(Ts);
impl Clock for Now {
    fn now(&self) -> Ts {
        self.0
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_people_try_the_demo_and_are_introduced() {
    let (store, _dir) = common::sqlite_store().await;
    let demo = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("programmes/demo.toml");
    let (p, src) = mentorbot::load_programme(&demo).unwrap();
    // Daytime in Copenhagen, inside the demo programme (quiet hours would
    // rightly hold the intro until morning).
    let now = common::at(2026, 12, 10, 12, 0);
    let engine = Arc::new(Engine::new(store, vec![p.clone()]));
    engine
        .load_programmes(&HashMap::from([(p.id.clone(), src)]), now)
        .await
        .unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let cfg = mentorbot::config::Config {
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

    // The page is served by the binary itself.
    let page = reqwest::get(format!("{base}/")).await.unwrap().text().await.unwrap();
    assert!(page.contains("/v3/directline"));

    let amira = WebChat::open(&base, "web-amira").await;
    let lars = WebChat::open(&base, "web-lars").await;
    for (chat, role, name) in [(&amira, "mentee", "Amira"), (&lars, "mentor", "Lars")] {
        assert_eq!(chat.post(json!({"text": format!("/start demo-{role}")})).await, 200);
        dispatcher.drain(now).await.unwrap();
        let (acts, _) = chat.activities("0").await;
        let welcome = acts.iter().find(|a| a["from"]["role"] == "bot").unwrap();
        assert!(welcome["text"].as_str().unwrap().contains("Welcome to mentorbot demo"));
        let actions = &welcome["attachments"][0]["content"]["actions"];
        assert_eq!(actions[0]["data"]["payload"], "reg:lang:en");
        chat.post(json!({"value": {"payload": "reg:lang:en"}})).await;
        chat.post(json!({"text": name})).await;
        chat.post(json!({"value": {"payload": "reg:consent:no"}})).await;
        dispatcher.drain(now).await.unwrap();
        assert!(
            chat.bot_texts()
                .await
                .iter()
                .any(|t| t.contains(&format!("Thank you, {name}! You are registered")))
        );
    }
    // The demo matched them; the intro goes out on the next tick.
    engine.tick_all_due(now).await.unwrap();
    dispatcher.drain(now).await.unwrap();
    assert!(
        amira
            .bot_texts()
            .await
            .iter()
            .any(|t| t.contains("Your mentor is Lars"))
    );
    assert!(
        lars.bot_texts()
            .await
            .iter()
            .any(|t| t.contains("Your mentee is Amira"))
    );

    // The watermark returns only what is new.
    let (_, mark) = amira.activities("0").await;
    let (fresh, _) = amira.activities(&mark).await;
    assert!(fresh.is_empty());
    // Bad requests get clear answers.
    let http = reqwest::Client::new();
    let r = http
        .post(format!("{base}/v3/directline/conversations/nope/activities"))
        .json(&json!({"type": "message", "from": {"id": "x"}, "text": "hi"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = http
        .post(format!("{base}/v3/directline/conversations/{}/activities", amira.conv))
        .bearer_auth(&amira.token)
        .body("{nope")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
}
