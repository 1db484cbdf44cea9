//! The operator's endpoints, on their own listener (`ops.listen`, by
//! default 127.0.0.1:9184) so that they never share a public port:
//! `GET /healthz` (the database answers, the scheduler and dispatcher
//! loops are alive) and `GET /metrics` (the Prometheus text format,
//! through `metrics` and `metrics-exporter-prometheus`).
//!
//! Metrics carry counts and platform names only: never a name, a text or
//! an address.

use crate::engine::Engine;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use serde_json::json;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, OnceLock};

pub const SENT: &str = "mentorbot_messages_sent_total";
pub const FAILED: &str = "mentorbot_messages_failed_total";
pub const DEAD: &str = "mentorbot_messages_dead_total";
pub const INBOUND: &str = "mentorbot_inbound_updates_total";
pub const OUTBOX_PENDING: &str = "mentorbot_outbox_pending";
pub const OUTBOX_OLDEST: &str = "mentorbot_outbox_oldest_pending_seconds";
pub const OUTBOX_DEAD: &str = "mentorbot_outbox_dead";
pub const PAIRS_AT_RISK: &str = "mentorbot_pairs_at_risk";
pub const SCHEDULER_LAG: &str = "mentorbot_scheduler_lag_seconds";

/// The process's one Prometheus recorder (installed on first use).
pub fn recorder() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let handle = PrometheusBuilder::new()
            .install_recorder()
            .expect("the Prometheus recorder is installed once, here");
        metrics::describe_counter!(SENT, "messages the platforms accepted, per platform");
        metrics::describe_counter!(FAILED, "sends that failed and will be retried, per platform");
        metrics::describe_counter!(DEAD, "messages given up on (dead letters), per platform");
        metrics::describe_counter!(INBOUND, "updates received, per platform");
        metrics::describe_gauge!(OUTBOX_PENDING, "messages waiting in the outbox");
        metrics::describe_gauge!(OUTBOX_OLDEST, "seconds the oldest due message has waited");
        metrics::describe_gauge!(OUTBOX_DEAD, "dead letters in the outbox");
        metrics::describe_gauge!(PAIRS_AT_RISK, "pairs at risk");
        metrics::describe_gauge!(SCHEDULER_LAG, "seconds the earliest due pair has waited for its tick");
        handle
    })
}

/// A message went out, failed for now, or was given up on.
pub fn count(name: &'static str, platform: &str) {
    metrics::counter!(name, "platform" => platform.to_string()).increment(1);
}

/// When each loop last went round (milliseconds since the epoch; 0: never).
#[derive(Default)]
pub struct Heartbeats {
    pub scheduler: AtomicI64,
    pub dispatcher: AtomicI64,
}

impl Heartbeats {
    pub fn beat(slot: &AtomicI64, now: bot_core::Ts) {
        slot.store(now.timestamp_millis(), Ordering::Relaxed);
    }
}

struct Ops {
    engine: Arc<Engine>,
    beats: Arc<Heartbeats>,
    /// A loop is alive when it went round within this long.
    stale_ms: i64,
    now: Arc<dyn crate::runtime::Clock>,
}

/// The router of `/healthz` and `/metrics`. A loop that has not gone round
/// within `stale` is reported dead.
pub fn router(
    engine: Arc<Engine>,
    beats: Arc<Heartbeats>,
    stale: std::time::Duration,
    clock: Arc<dyn crate::runtime::Clock>,
) -> axum::Router {
    recorder();
    let ops = Arc::new(Ops {
        engine,
        beats,
        stale_ms: stale.as_millis() as i64,
        now: clock,
    });
    axum::Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics_text))
        .with_state(ops)
}

async fn healthz(State(ops): State<Arc<Ops>>) -> Response {
    let now = ops.now.now().timestamp_millis();
    let alive = |slot: &AtomicI64| {
        let t = slot.load(Ordering::Relaxed);
        t > 0 && now - t <= ops.stale_ms
    };
    let database = ops.engine.store.ping().await.is_ok();
    let scheduler = alive(&ops.beats.scheduler);
    let dispatcher = alive(&ops.beats.dispatcher);
    let word = |ok: bool| if ok { "ok" } else { "failing" };
    let body = json!({
        "database": word(database),
        "scheduler": word(scheduler),
        "dispatcher": word(dispatcher),
    });
    let status = if database && scheduler && dispatcher {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, axum::Json(body)).into_response()
}

async fn metrics_text(State(ops): State<Arc<Ops>>) -> Response {
    match ops.engine.store.gauges(ops.now.now()).await {
        Ok(g) => {
            metrics::gauge!(OUTBOX_PENDING).set(g.outbox_pending as f64);
            metrics::gauge!(OUTBOX_OLDEST).set(g.oldest_pending_secs);
            metrics::gauge!(OUTBOX_DEAD).set(g.outbox_dead as f64);
            metrics::gauge!(PAIRS_AT_RISK).set(g.pairs_at_risk as f64);
            metrics::gauge!(SCHEDULER_LAG).set(g.scheduler_lag_secs);
        }
        Err(e) => tracing::error!("metrics: could not read the store: {e:#}"),
    }
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        recorder().render(),
    )
        .into_response()
}
