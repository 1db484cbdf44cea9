//! The operator's endpoints: `/healthz` and `/metrics` on their own
//! listener, scraped the way Prometheus does and parsed with a Prometheus
//! text parser.

use bot_core::adapter::{Adapter, InMemoryAdapter};
use chrono::Utc;
use mentorbot::config::Config;
use mentorbot::{Engine, Store};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// The recorder is the process's own, so the two tests take turns.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Samples of a scrape: (metric name, sorted labels) → value.
type Samples = HashMap<(String, Vec<(String, String)>), f64>;

fn parse(text: &str) -> Samples {
    let lines = text.lines().map(|l| Ok(l.to_string()));
    let scrape = prometheus_parse::Scrape::parse(lines).expect("the Prometheus text format");
    scrape
        .samples
        .into_iter()
        .map(|s| {
            let mut labels: Vec<(String, String)> = s.labels.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            labels.sort();
            let v = match s.value {
                prometheus_parse::Value::Counter(v)
                | prometheus_parse::Value::Gauge(v)
                | prometheus_parse::Value::Untyped(v) => v,
                other => panic!("unexpected sample {other:?}"),
            };
            ((s.metric, labels), v)
        })
        .collect()
}

fn get(samples: &Samples, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    let mut l: Vec<(String, String)> = labels.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    l.sort();
    samples.get(&(name.to_string(), l)).copied()
}

/// `serve` with an outbox of 5 messages: once they went out, `/metrics`
/// counts them per platform and shows an empty outbox, `/healthz` is 200,
/// and neither is on the public port.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_what_was_sent_and_healthz_sees_the_loops() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("ops.db").display());
    let store = Store::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    let msg = serde_json::to_string(&bot_core::message::Msg::new("help-mentee")).unwrap();
    let now = Utc::now().timestamp_millis();
    for chat in 0..5 {
        sqlx::query::<sqlx::Any>(
            "INSERT INTO outbox (participant_id, pair_id, platform, address, lang, msg, once_key, not_before, created_at)
             VALUES (NULL, NULL, 'memory', $1, 'en', $2, NULL, $3, $3)",
        )
        .bind(format!("chat-{chat}"))
        .bind(&msg)
        .bind(now)
        .execute(store.pool())
        .await
        .unwrap();
    }
    let ops_port = free_port();
    let mut cfg = Config {
        database_url: url.clone(),
        ..Config::default()
    };
    cfg.ops.listen = format!("127.0.0.1:{ops_port}");
    cfg.programmes = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("programmes/karrierementor.toml")];
    cfg.scheduler.poll_ms = 50;
    cfg.dispatcher.poll_ms = 50;
    let adapter = Arc::new(InMemoryAdapter::new());
    let (stop, stop_rx) = tokio::sync::watch::channel(false);
    let server = tokio::spawn(mentorbot::runtime::serve(
        cfg,
        vec![adapter.clone() as Arc<dyn Adapter>],
        stop_rx,
    ));
    let base = format!("http://127.0.0.1:{ops_port}");
    let client = reqwest::Client::new();
    // Wait (bounded) for the loops to go round and the messages to go out.
    let health = tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            if adapter.sent().len() >= 5
                && let Ok(r) = client.get(format!("{base}/healthz")).send().await
                && r.status() == 200
            {
                return r.json::<serde_json::Value>().await.unwrap();
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    })
    .await
    .expect("healthz turns 200 once the loops run");
    assert_eq!(health["database"], "ok");
    assert_eq!(health["scheduler"], "ok");
    assert_eq!(health["dispatcher"], "ok");

    let r = client.get(format!("{base}/metrics")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"].to_str().unwrap().starts_with("text/plain"),
        "Prometheus's content type"
    );
    let samples = parse(&r.text().await.unwrap());
    stop.send(true).unwrap();
    server.await.unwrap().unwrap();

    assert!(get(&samples, "mentorbot_messages_sent_total", &[("platform", "memory")]).unwrap_or(0.0) >= 5.0);
    assert_eq!(get(&samples, "mentorbot_outbox_pending", &[]), Some(0.0));
    assert_eq!(get(&samples, "mentorbot_outbox_oldest_pending_seconds", &[]), Some(0.0));
    assert_eq!(get(&samples, "mentorbot_outbox_dead", &[]), Some(0.0));
    assert_eq!(get(&samples, "mentorbot_pairs_at_risk", &[]), Some(0.0));
    assert!(get(&samples, "mentorbot_scheduler_lag_seconds", &[]).is_some());
}

struct Fixed(bot_core::Ts);
impl mentorbot::runtime::Clock for Fixed {
    fn now(&self) -> bot_core::Ts {
        self.0
    }
}

/// Loops that have not gone round within the allowed time make `/healthz`
/// answer 503 and say which; a waiting outbox shows in the gauges.
#[tokio::test]
async fn healthz_fails_when_a_loop_stalls_and_gauges_show_a_waiting_outbox() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let store = Store::connect("sqlite::memory:").await.unwrap();
    store.migrate().await.unwrap();
    let t0 = Utc::now();
    let msg = serde_json::to_string(&bot_core::message::Msg::new("help-mentee")).unwrap();
    sqlx::query::<sqlx::Any>(
        "INSERT INTO outbox (participant_id, pair_id, platform, address, lang, msg, once_key, not_before, created_at)
         VALUES (NULL, NULL, 'memory', 'x', 'en', $1, NULL, $2, $2)",
    )
    .bind(&msg)
    .bind(t0.timestamp_millis())
    .execute(store.pool())
    .await
    .unwrap();
    let engine = Arc::new(Engine::new(store, vec![]));
    let beats = Arc::new(mentorbot::ops::Heartbeats::default());
    let now = t0 + chrono::Duration::minutes(5);
    // The dispatcher went round a second ago; the scheduler 2 minutes ago.
    mentorbot::ops::Heartbeats::beat(&beats.dispatcher, now - chrono::Duration::seconds(1));
    mentorbot::ops::Heartbeats::beat(&beats.scheduler, now - chrono::Duration::minutes(2));
    let app = mentorbot::ops::router(engine, beats, Duration::from_secs(60), Arc::new(Fixed(now)));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = reqwest::Client::new();

    let r = client.get(format!("{base}/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 503);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["scheduler"], "failing");
    assert_eq!(body["dispatcher"], "ok");
    assert_eq!(body["database"], "ok");

    let samples = parse(
        &client
            .get(format!("{base}/metrics"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(get(&samples, "mentorbot_outbox_pending", &[]), Some(1.0));
    assert_eq!(
        get(&samples, "mentorbot_outbox_oldest_pending_seconds", &[]),
        Some(300.0)
    );
}
