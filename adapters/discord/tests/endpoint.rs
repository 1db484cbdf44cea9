//! The interactions endpoint against signed (and forged) requests.

use bot_core::adapter::{Handler, Inbound, InboundKind};
use bot_core::i18n::Catalog;
use mentorbot_discord::endpoint::Labels;
use mentorbot_discord::fake::{FakeDiscord, GUILD_ID, Signer};
use mentorbot_discord::{Endpoint, Rest, WRITE, router};
use std::sync::{Arc, Mutex};
use std::time::Duration;

struct World {
    url: String,
    signer: Signer,
    got: Arc<Mutex<Vec<Inbound>>>,
    fake: FakeDiscord,
}

async fn world(delay: Duration) -> World {
    let fake = FakeDiscord::start().await;
    let got: Arc<Mutex<Vec<Inbound>>> = Arc::default();
    let g = got.clone();
    let handler: Handler = Arc::new(move |i| {
        let g = g.clone();
        Box::pin(async move {
            tokio::time::sleep(delay).await;
            g.lock().unwrap().push(i);
            true
        })
    });
    let cfg = fake.config();
    let rest = Arc::new(Rest::new(&cfg));
    let labels = Arc::new(Labels::new(Catalog::builtin()));
    let ep = Endpoint::new(&cfg.public_key, &cfg.guild_id, handler, rest, labels)
        .unwrap()
        .answer_within(Duration::from_millis(300));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/interactions", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router(Arc::new(ep))).await.unwrap() });
    World {
        url,
        signer: Signer::new(),
        got,
        fake,
    }
}

#[tokio::test]
async fn ping_gets_pong() {
    let w = world(Duration::ZERO).await;
    let (status, body) = w.signer.post(&w.url, &w.signer.ping()).await;
    assert_eq!((status, body["type"].as_u64()), (200, Some(1)));
}

#[tokio::test]
async fn a_bad_signature_is_401_and_nothing_is_handled() {
    let w = world(Duration::ZERO).await;
    let i = w.signer.press("42", "en-US", "help");
    let body = serde_json::to_vec(&i).unwrap();
    let ts = chrono::Utc::now().timestamp().to_string();
    // Signed for another body.
    let sig = w.signer.sign(&ts, b"{}");
    assert_eq!(w.signer.raw(&w.url, &ts, &sig, body.clone()).await.0, 401);
    // No signature at all.
    assert_eq!(w.signer.raw(&w.url, &ts, "", body).await.0, 401);
    // Signed by someone else's key: a forged PING is not answered either.
    let ping = serde_json::to_vec(&w.signer.ping()).unwrap();
    let other = ed25519_dalek::SigningKey::from_bytes(&[9u8; 32]);
    let mut msg = ts.as_bytes().to_vec();
    msg.extend_from_slice(&ping);
    use ed25519_dalek::Signer as _;
    let forged = hex::encode(other.sign(&msg).to_bytes());
    assert_eq!(w.signer.raw(&w.url, &ts, &forged, ping).await.0, 401);
    assert!(w.got.lock().unwrap().is_empty());
}

#[tokio::test]
async fn an_old_timestamp_is_401_and_nothing_is_handled() {
    let w = world(Duration::ZERO).await;
    let old = (chrono::Utc::now().timestamp() - 301).to_string();
    let i = w.signer.submit("42", "da", "Kari");
    assert_eq!(w.signer.post_at(&w.url, &i, &old).await.0, 401);
    let future = (chrono::Utc::now().timestamp() + 400).to_string();
    assert_eq!(w.signer.post_at(&w.url, &i, &future).await.0, 401);
    assert!(w.got.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_replayed_interaction_is_a_no_op() {
    let w = world(Duration::ZERO).await;
    let i = w.signer.submit("42", "da", "Kari");
    assert_eq!(w.signer.post(&w.url, &i).await.0, 200);
    let (status, body) = w.signer.replay(&w.url).await;
    assert_eq!((status, body["type"].as_u64()), (200, Some(6)));
    let got = w.got.lock().unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].kind, InboundKind::Text("Kari".into()));
    assert_eq!(got[0].lang_hint.as_deref(), Some("da"));
}

#[tokio::test]
async fn join_in_the_programme_server_starts_registration() {
    let w = world(Duration::ZERO).await;
    let i = w
        .signer
        .command("42", "no", Some(GUILD_ID), "join", Some(("code", "abc123")));
    let (status, body) = w.signer.post(&w.url, &i).await;
    assert_eq!(
        (status, body["type"].as_u64(), body["data"]["flags"].as_u64()),
        (200, Some(4), Some(64))
    );
    let got = w.got.lock().unwrap().clone();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].kind, InboundKind::Text("/start abc123".into()));
    assert_eq!(
        (got[0].user_id.as_str(), got[0].lang_hint.as_deref()),
        ("42", Some("nb"))
    );
}

#[tokio::test]
async fn join_elsewhere_is_refused_and_nothing_is_handled() {
    let w = world(Duration::ZERO).await;
    for guild in [Some("999"), None] {
        let i = w.signer.command("42", "en-US", guild, "join", Some(("code", "abc123")));
        let (status, body) = w.signer.post(&w.url, &i).await;
        assert_eq!((status, body["type"].as_u64()), (200, Some(4)));
        assert!(body["data"]["content"].as_str().unwrap().contains("/join"));
    }
    assert!(w.got.lock().unwrap().is_empty());
}

#[tokio::test]
async fn the_write_button_opens_a_modal_in_the_persons_language() {
    let w = world(Duration::ZERO).await;
    let (status, body) = w.signer.post(&w.url, &w.signer.press("42", "da", WRITE)).await;
    assert_eq!((status, body["type"].as_u64()), (200, Some(9)));
    assert_eq!(body["data"]["title"], "Skriv til mentorbot");
    assert!(w.got.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_stale_or_forged_button_gets_an_ephemeral_answer_and_changes_nothing() {
    let w = world(Duration::ZERO).await;
    let (status, body) = w
        .signer
        .post(&w.url, &w.signer.press("42", "en-US", "frobnicate:9"))
        .await;
    assert_eq!(
        (status, body["type"].as_u64(), body["data"]["flags"].as_u64()),
        (200, Some(4), Some(64))
    );
    assert!(w.got.lock().unwrap().is_empty());
}

#[tokio::test]
async fn slow_work_is_deferred_and_followed_up() {
    let w = world(Duration::from_millis(800)).await;
    let i = w.signer.command("42", "en-US", None, "status", None);
    let token = i["token"].as_str().unwrap().to_string();
    let started = std::time::Instant::now();
    let (status, body) = w.signer.post(&w.url, &i).await;
    assert_eq!((status, body["type"].as_u64()), (200, Some(5)));
    assert!(
        started.elapsed() < Duration::from_millis(800),
        "answered before the work was done"
    );
    let path = format!("/webhooks/{}/{token}", mentorbot_discord::fake::APPLICATION_ID);
    for _ in 0..100 {
        if !w.fake.calls_to("POST", &path).is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let follow = w.fake.calls_to("POST", &path);
    assert_eq!(follow.len(), 1, "one follow-up on the interaction's webhook");
    assert_eq!(follow[0].body["flags"], 64);
    assert_eq!(w.got.lock().unwrap().len(), 1);
}
