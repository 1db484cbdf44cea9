//! The Bot Framework adapter attacked and faulted: forged key ids, foreign
//! channels, path tricks in conversation ids, plain-http serviceUrls,
//! endpoints that never answer, 412s, and bursts to one conversation.

use bot_core::adapter::{Adapter, Handler, Inbound, Recipient, SendError};
use bot_core::message::Rendered;
use mentorbot_botframework::fake::{Endpoint, FakeConnector, Fault};
use mentorbot_botframework::{
    Auth, Connector, KeyCache, KeyDecision, REFETCH_AFTER, SigningKey, address, decide, to_inbound,
};
use serde_json::Value;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

async fn bot_with(fake: &FakeConnector, auth: Auth) -> (String, mpsc::UnboundedReceiver<Inbound>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let handler: Handler = Arc::new(move |u| {
        let tx = tx.clone();
        Box::pin(async move { tx.send(u).is_ok() })
    });
    let _ = fake;
    let app = mentorbot_botframework::router(Arc::new(auth), handler);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/api/messages", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, rx)
}

async fn bot(fake: &FakeConnector) -> (String, mpsc::UnboundedReceiver<Inbound>) {
    bot_with(fake, Auth::new(fake.config(), reqwest::Client::new())).await
}

fn text(t: &str) -> Rendered {
    Rendered {
        text: t.into(),
        buttons: vec![],
    }
}

fn to(service: &str, conversation: &str) -> Recipient {
    Recipient {
        platform: "botframework".into(),
        address: address(service, conversation),
    }
}

#[tokio::test]
async fn a_conversation_id_with_a_path_in_it_cannot_send_the_token_elsewhere() {
    let fake = FakeConnector::start().await;
    let c = Connector::new(fake.config(), reqwest::Client::new());
    let evil = "../../evil/path?q=";
    c.send(&to(&fake.service_url(), evil), &text("hello")).await.unwrap();
    assert!(fake.strays().is_empty(), "reached another path: {:?}", fake.strays());
    let posted = fake.posted();
    assert_eq!(posted.len(), 1);
    assert_eq!(posted[0].conversation, evil, "the connector reads the id back whole");
    assert_eq!(
        posted[0].path,
        "/v3/conversations/..%2F..%2Fevil%2Fpath%3Fq%3D/activities"
    );
    // Ids that would still be path segments are refused, and nothing is called.
    for bad in ["..", ".", ""] {
        assert!(
            matches!(
                c.send(&to(&fake.service_url(), bad), &text("x")).await,
                Err(SendError::Permanent(_))
            ),
            "{bad:?}"
        );
    }
    assert_eq!(fake.posted().len(), 1);
    assert!(fake.strays().is_empty());
    // Teams' ordinary ids pass as they are read.
    c.send(
        &to(&fake.service_url(), "a:1Xy-z_9@thread.tacv2;messageid=17"),
        &text("hi"),
    )
    .await
    .unwrap();
    assert_eq!(fake.posted()[1].conversation, "a:1Xy-z_9@thread.tacv2;messageid=17");
}

#[test]
fn the_same_activity_id_in_two_conversations_is_two_updates_and_a_redelivery_is_one() {
    let fake_service = "https://smba.trafficmanager.net/emea/";
    let activity = |conv: &str| -> mentorbot_botframework::Activity {
        serde_json::from_value(serde_json::json!({
            "type": "message", "id": "1700000000001", "channelId": "msteams", "serviceUrl": fake_service,
            "from": {"id": format!("29:{conv}")}, "recipient": {"id": "28:bot"},
            "conversation": {"id": conv}, "text": "hello",
        }))
        .unwrap()
    };
    let a = to_inbound(&activity("conv-a"));
    let b = to_inbound(&activity("conv-b"));
    assert_ne!(a[0].update_key, b[0].update_key);
    assert_eq!(a[0].update_key, to_inbound(&activity("conv-a"))[0].update_key);
}

#[tokio::test]
async fn a_plain_http_service_url_is_refused_unless_it_is_a_configured_test_host() {
    let fake = FakeConnector::start().await;
    let mut cfg = fake.config();
    cfg.insecure_test_hosts.clear();
    let c = Connector::new(cfg, reqwest::Client::new());
    assert!(matches!(
        c.send(&to(&fake.service_url(), "conv-1"), &text("hi")).await,
        Err(SendError::Permanent(_))
    ));
    assert_eq!(fake.tokens_issued(), 0, "no token was even asked for");
    assert!(fake.posted().is_empty());
    // Listed as a test host, the fake is called.
    let c = Connector::new(fake.config(), reqwest::Client::new());
    assert!(c.send(&to(&fake.service_url(), "conv-1"), &text("hi")).await.is_ok());
    // Another scheme on an allowed host is refused too.
    assert!(matches!(
        c.send(&to(&format!("ftp://{}/", fake.addr), "conv-1"), &text("hi"))
            .await,
        Err(SendError::Permanent(_))
    ));
    assert_eq!(fake.posted().len(), 1);
}

#[tokio::test]
async fn a_412_from_the_connector_is_retried_not_dropped() {
    let fake = FakeConnector::start().await;
    let c = Connector::new(fake.config(), reqwest::Client::new());
    fake.inject([Fault::PreconditionFailed]);
    let r = c.send(&to(&fake.service_url(), "conv-1"), &text("hi")).await;
    assert!(matches!(r, Err(SendError::Transient(_))), "{r:?}");
    assert!(c.send(&to(&fake.service_url(), "conv-1"), &text("hi")).await.is_ok());
}

/// Runs `f` and checks it ends, and within a bound well past the timeout.
async fn within<T>(secs: u64, f: impl std::future::Future<Output = T>) -> (T, Duration) {
    let start = Instant::now();
    let out = tokio::time::timeout(Duration::from_secs(secs), f)
        .await
        .expect("the call did not time out");
    (out, start.elapsed())
}

#[tokio::test]
async fn every_outbound_call_times_out_as_transient() {
    for hung in [Endpoint::Token, Endpoint::Activities] {
        let fake = FakeConnector::start().await;
        let mut cfg = fake.config();
        cfg.http_timeout_ms = 200;
        let c = Connector::new(cfg, reqwest::Client::new());
        fake.hang(hung);
        let (r, took) = within(5, c.send(&to(&fake.service_url(), "conv-1"), &text("hi"))).await;
        assert!(matches!(r, Err(SendError::Transient(_))), "{hung:?}: {r:?}");
        assert!(took < Duration::from_secs(3), "{hung:?} took {took:?}");
        fake.release(hung);
    }
    for hung in [Endpoint::Metadata, Endpoint::Keys] {
        let fake = FakeConnector::start().await;
        let mut cfg = fake.config();
        cfg.http_timeout_ms = 200;
        let (url, mut rx) = bot_with(&fake, Auth::new(cfg, reqwest::Client::new())).await;
        fake.hang(hung);
        let token = fake.sign(&fake.good_token());
        let activity = fake.message("t1", "29:amira", "conv-1", "hi");
        let (status, took) = within(5, fake.deliver(&url, &activity, Some(&token))).await;
        assert_eq!(status, 503, "{hung:?}: the channel is asked to try again");
        assert!(took < Duration::from_secs(3), "{hung:?} took {took:?}");
        assert!(rx.try_recv().is_err());
        fake.release(hung);
    }
}

#[test]
fn an_unknown_key_id_refetches_at_most_once_every_five_minutes() {
    let t0 = Instant::now();
    let empty = KeyCache::default();
    assert!(
        matches!(decide(&empty, "k", t0), KeyDecision::Fetch),
        "nothing known yet"
    );
    let key: SigningKey = SigningKey {
        jwk: serde_json::from_value(serde_json::json!({"kty": "RSA", "kid": "k", "n": "AQAB", "e": "AQAB"})).unwrap(),
        endorsements: Some(vec!["msteams".into()]),
    };
    let cache = KeyCache {
        keys: [("k".to_string(), key)].into(),
        fetched_at: Some(t0),
        attempted_at: Some(t0),
    };
    assert!(matches!(decide(&cache, "k", t0), KeyDecision::Use(_)));
    assert!(matches!(
        decide(&cache, "forged", t0 + Duration::from_secs(1)),
        KeyDecision::Refuse
    ));
    assert!(matches!(
        decide(&cache, "forged", t0 + REFETCH_AFTER - Duration::from_millis(1)),
        KeyDecision::Refuse
    ));
    assert!(matches!(
        decide(&cache, "forged", t0 + REFETCH_AFTER),
        KeyDecision::Fetch
    ));
    // A day later the known key is refreshed too.
    let day = Duration::from_secs(24 * 3600);
    assert!(matches!(decide(&cache, "k", t0 + day), KeyDecision::Fetch));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_forged_key_ids_cause_at_most_one_refetch() {
    let fake = FakeConnector::start().await;
    let (url, mut rx) = bot(&fake).await;
    // A valid activity loads the keys.
    let good = fake.sign(&fake.good_token());
    assert_eq!(
        fake.deliver(&url, &fake.message("g1", "29:amira", "conv-1", "hi"), Some(&good))
            .await,
        200
    );
    rx.recv().await.unwrap();
    assert_eq!(fake.key_fetches(), (1, 1));
    let mut tasks = vec![];
    for i in 0..50 {
        let fake = fake.clone();
        let url = url.clone();
        tasks.push(tokio::spawn(async move {
            let mut spec = fake.good_token();
            spec.kid = format!("forged-{i}");
            let token = fake.sign(&spec);
            fake.deliver(
                &url,
                &fake.message(&format!("f{i}"), "29:eve", "conv-9", "/forget"),
                Some(&token),
            )
            .await
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 401);
    }
    let (metadata, keys) = fake.key_fetches();
    assert!(metadata <= 2 && keys <= 2, "{metadata} metadata and {keys} key fetches");
    assert!(rx.try_recv().is_err(), "nothing forged got in");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_endpoint_that_hangs_does_not_hold_up_a_valid_activity() {
    let fake = FakeConnector::start().await;
    // Every unknown key id may refetch here, so the forged token below
    // starts a fetch that hangs.
    let auth = Auth::new(fake.config(), reqwest::Client::new()).with_refetch_after(Duration::ZERO);
    let (url, mut rx) = bot_with(&fake, auth).await;
    let good = fake.sign(&fake.good_token());
    assert_eq!(
        fake.deliver(&url, &fake.message("g1", "29:amira", "conv-1", "hi"), Some(&good))
            .await,
        200
    );
    rx.recv().await.unwrap();
    fake.hang(Endpoint::Keys);
    let forged = {
        let fake = fake.clone();
        let url = url.clone();
        tokio::spawn(async move {
            let mut spec = fake.good_token();
            spec.kid = "forged".into();
            let token = fake.sign(&spec);
            fake.deliver(&url, &fake.message("f1", "29:eve", "conv-9", "hi"), Some(&token))
                .await
        })
    };
    // Wait until the forged token's fetch is hanging on the key endpoint.
    let start = Instant::now();
    while fake.key_fetches().1 < 2 {
        assert!(start.elapsed() < Duration::from_secs(5), "the fetch never started");
        tokio::task::yield_now().await;
    }
    let status = tokio::time::timeout(
        Duration::from_secs(5),
        fake.deliver(&url, &fake.message("g2", "29:amira", "conv-1", "again"), Some(&good)),
    )
    .await
    .expect("a valid activity waited for the key fetch");
    assert_eq!(status, 200);
    assert_eq!(
        rx.recv().await.unwrap().kind,
        bot_core::adapter::InboundKind::Text("again".into())
    );
    assert!(!forged.is_finished(), "the forged token's fetch is still hanging");
    fake.release(Endpoint::Keys);
    assert_eq!(forged.await.unwrap(), 401);
}

#[tokio::test]
async fn a_key_not_endorsed_for_the_activitys_channel_is_refused() {
    let fake = FakeConnector::start().await;
    fake.set_endorsements(Some(vec!["webchat".into()]));
    let (url, mut rx) = bot(&fake).await;
    let token = fake.sign(&fake.good_token());
    // The fake's activities come from msteams.
    let activity = fake.message("e1", "29:eve", "conv-1", "/forget");
    assert_eq!(fake.deliver(&url, &activity, Some(&token)).await, 401);
    let mut no_channel: Value = activity.clone();
    no_channel.as_object_mut().unwrap().remove("channelId");
    no_channel["id"] = "e2".into();
    assert_eq!(fake.deliver(&url, &no_channel, Some(&token)).await, 401);
    assert!(rx.try_recv().is_err());
    // Endorsed for msteams, it is let in.
    let fake = FakeConnector::start().await;
    let (url, mut rx) = bot(&fake).await;
    let token = fake.sign(&fake.good_token());
    let activity = fake.message("e3", "29:amira", "conv-1", "hi");
    assert_eq!(fake.deliver(&url, &activity, Some(&token)).await, 200);
    rx.recv().await.unwrap();
}

#[tokio::test]
async fn a_key_without_endorsements_is_refused() {
    let fake = FakeConnector::start().await;
    fake.set_endorsements(None);
    let (url, mut rx) = bot(&fake).await;
    let token = fake.sign(&fake.good_token());
    assert_eq!(
        fake.deliver(&url, &fake.message("e1", "29:eve", "conv-1", "hi"), Some(&token))
            .await,
        401
    );
    assert!(rx.try_recv().is_err());
}

#[tokio::test]
async fn ten_quick_replies_to_one_conversation_draw_no_429() {
    let fake = FakeConnector::start().await;
    let c = Arc::new(Connector::new(fake.config(), reqwest::Client::new()));
    let mut tasks = vec![];
    for i in 0..10 {
        let c = c.clone();
        let to = to(&fake.service_url(), "busy");
        tasks.push(tokio::spawn(async move { c.send(&to, &text(&format!("m{i}"))).await }));
    }
    for t in tasks {
        assert!(t.await.unwrap().is_ok());
    }
    let statuses: Vec<u16> = fake.posted().iter().map(|p| p.status).collect();
    assert_eq!(statuses, [200; 10], "Teams' 7 a second was kept");
}
