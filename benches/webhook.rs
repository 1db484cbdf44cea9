//! Telegram updates per second through the webhook into SQLite, with p50
//! and p99 latency, beside a bare teloxide echo bot on the same fake Bot
//! API server in the same run. A load tool, not a criterion benchmark.
//!
//! Run: `cargo bench --bench webhook` (release), or `benches/run webhook`.
//! Optional arguments: `-- REQUESTS CONCURRENCY` (default 20000 32). Writes
//! target/bench/webhook.md. Three rounds, taking turns with the echo bot;
//! each figure is the median of its rounds, every round listed beside it.
//! Throughput counts only requests answered 2xx;
//! the latencies are those of the answered requests. Where /dev/shm
//! exists, each round also runs the same server on a SQLite file there
//! (tmpfs, no disk), reported on a row of its own.

#[path = "support/engine.rs"]
mod fixture;
#[path = "support/mod.rs"]
mod support;

use chrono::{TimeZone, Utc};
use mentorbot::Engine;
use mentorbot::runtime::{Clock, engine_handler};
use mentorbot_telegram::fake::FakeTelegram;
use serde_json::json;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};
use teloxide::prelude::Requester;
use teloxide::types::{Update, UpdateKind};

const TOKEN: &str = "42:BENCH";
const SECRET: &str = "bench-secret";
const USERS: i64 = 500;
/// Rounds of the load on each server, taking turns.
const ROUNDS: usize = 3;

struct Fixed(bot_core::Ts);
impl Clock for Fixed {
    fn now(&self) -> bot_core::Ts {
        self.0
    }
}

fn update(id: i64, user: i64) -> serde_json::Value {
    json!({
        "update_id": id,
        "message": {"message_id": id, "date": 0, "chat": {"id": user, "type": "private", "first_name": "U"},
                    "from": {"id": user, "is_bot": false, "first_name": "U"}, "text": "/status"}
    })
}

struct Figures {
    per_sec: f64,
    p50: Duration,
    p99: Duration,
    errors: usize,
}

async fn load(url: &str, requests: i64, concurrency: i64, next_id: Arc<AtomicI64>) -> Figures {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency as usize)
        .build()
        .unwrap();
    let start = Instant::now();
    let mut tasks = vec![];
    for w in 0..concurrency {
        let client = client.clone();
        let url = url.to_string();
        let next_id = next_id.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = vec![];
            let mut errors = 0;
            for i in 0..requests / concurrency {
                let id = next_id.fetch_add(1, Ordering::Relaxed);
                let user = 1 + (w * 7919 + i * 31) % USERS;
                let t = Instant::now();
                let r = client
                    .post(&url)
                    .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                    .json(&update(id, user))
                    .send()
                    .await;
                if matches!(&r, Ok(r) if r.status().is_success()) {
                    lat.push(t.elapsed());
                } else {
                    errors += 1;
                }
            }
            (lat, errors)
        }));
    }
    let mut all = vec![];
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await.unwrap();
        all.extend(l);
        errors += e;
    }
    let elapsed = start.elapsed();
    all.sort();
    if all.is_empty() {
        return Figures {
            per_sec: 0.0,
            p50: Duration::ZERO,
            p99: Duration::ZERO,
            errors,
        };
    }
    Figures {
        per_sec: all.len() as f64 / elapsed.as_secs_f64(),
        p50: all[all.len() / 2],
        p99: all[all.len() * 99 / 100],
        errors,
    }
}

/// The webhook into the engine on a SQLite file in `dir`, with the users
/// registered and paired: its URL and the engine.
async fn mentorbot(dir: &Path, bot: &teloxide::Bot) -> (String, Arc<Engine>) {
    let t0 = Utc.with_ymd_and_hms(2030, 9, 10, 10, 0, 0).unwrap();
    let (engine, p) = fixture::engine_on(dir, t0).await;
    fixture::register_pairs(&engine, &p, "telegram", USERS, |u| u.to_string(), t0).await;
    engine.tick_all_due(t0).await.unwrap();
    let handler = engine_handler(engine.clone(), Arc::new(Fixed(t0)));
    let url = serve(mentorbot_telegram::webhook_router(bot.clone(), SECRET.into(), handler)).await;
    (url, engine)
}

async fn serve(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

fn main() {
    let args: Vec<i64> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let requests = args.first().copied().unwrap_or(20_000);
    let concurrency = args.get(1).copied().unwrap_or(32);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let load_at_start = support::load();
    rt.block_on(async move {
        let fake = FakeTelegram::start(TOKEN).await;
        fake.enforce_limits(false);
        let bot = mentorbot_telegram::bot(TOKEN, Some(&fake.url())).unwrap();

        // mentorbot: the webhook into the engine on a SQLite file; and the
        // same on tmpfs (memory behind the file system, no disk), which
        // shows what the disk's stalls cost.
        let dir = tempfile::tempdir().unwrap();
        let (ours, engine) = mentorbot(dir.path(), &bot).await;
        let shm = Path::new("/dev/shm");
        let shm_dir = shm.is_dir().then(|| tempfile::tempdir_in(shm).unwrap());
        let ours_shm = match &shm_dir {
            Some(d) => Some(mentorbot(d.path(), &bot).await.0),
            None => None,
        };

        // A bare teloxide echo bot: parse the update, send the text back.
        let echo_bot = bot.clone();
        let echo = axum::Router::new().route(
            "/",
            axum::routing::post(move |body: axum::body::Bytes| {
                let bot = echo_bot.clone();
                async move {
                    let Ok(u) = serde_json::from_slice::<Update>(&body) else { return axum::http::StatusCode::BAD_REQUEST };
                    if let UpdateKind::Message(m) = u.kind
                        && let Some(t) = m.text()
                    {
                        let _ = bot.send_message(m.chat.id, t.to_string()).await;
                    }
                    axum::http::StatusCode::OK
                }
            }),
        );
        let theirs = serve(echo).await;

        let next = Arc::new(AtomicI64::new(1));
        // Warm up both.
        load(&ours, 1000, concurrency, next.clone()).await;
        load(&theirs, 1000, concurrency, next.clone()).await;
        if let Some(u) = &ours_shm {
            load(u, 1000, concurrency, next.clone()).await;
        }
        // Rounds taking turns, each figure the median of its rounds: on
        // this 2-core machine one run's p99 moves by half between minutes.
        let mut rounds = vec![];
        let mut shm_rounds = vec![];
        for _ in 0..ROUNDS {
            let a = load(&ours, requests, concurrency, next.clone()).await;
            let b = load(&theirs, requests, concurrency, next.clone()).await;
            rounds.push((a, b));
            if let Some(u) = &ours_shm {
                shm_rounds.push(load(u, requests, concurrency, next.clone()).await);
            }
        }
        let (pending, _, _) = engine.store.outbox_counts().await.unwrap();
        let median = |f: &dyn Fn(&(Figures, Figures)) -> f64| {
            let mut v: Vec<f64> = rounds.iter().map(f).collect();
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let a_rate = median(&|r| r.0.per_sec);
        let a_p50 = median(&|r| ms(r.0.p50));
        let a_p99 = median(&|r| ms(r.0.p99));
        let b_rate = median(&|r| r.1.per_sec);
        let b_p50 = median(&|r| ms(r.1.p50));
        let b_p99 = median(&|r| ms(r.1.p99));
        let a_errors: usize = rounds.iter().map(|r| r.0.errors).sum();
        let b_errors: usize = rounds.iter().map(|r| r.1.errors).sum();
        let ratio = a_rate / b_rate;
        let shm_median = |f: &dyn Fn(&Figures) -> f64| {
            let mut v: Vec<f64> = shm_rounds.iter().map(f).collect();
            v.sort_by(f64::total_cmp);
            v.get(v.len() / 2).copied()
        };
        let shm_row = match (
            shm_median(&|f| f.per_sec),
            shm_median(&|f| ms(f.p50)),
            shm_median(&|f| ms(f.p99)),
        ) {
            (Some(rate), Some(p50), Some(p99)) => {
                let errors: usize = shm_rounds.iter().map(|f| f.errors).sum();
                println!("the same on tmpfs (median): {rate:.0} updates/s, p50 {p50:.2} ms, p99 {p99:.2} ms, errors {errors}");
                format!("| the same, its SQLite file on tmpfs (no disk) | {rate:.0} | {p50:.2} ms | {p99:.2} ms | {errors} |\n")
            }
            _ => String::new(),
        };
        let shm_note = match shm_row.is_empty() {
            true => String::new(),
            false => "The tmpfs row runs the same server on a SQLite file in /dev/shm, in each round after the echo bot: what is left when the disk never makes the log's writer wait (see `Checkpoints` in src/store/mod.rs). The bars are for the file on disk.\n\n".to_string(),
        };
        println!("requests {requests} x {ROUNDS} rounds, concurrency {concurrency}, {USERS} users in {} pairs, SQLite file", USERS / 2);
        for (n, (a, b)) in rounds.iter().enumerate() {
            println!(
                "round {}: mentorbot {:.0}/s p50 {:.2} ms p99 {:.2} ms; echo bot {:.0}/s p50 {:.2} ms p99 {:.2} ms",
                n + 1, a.per_sec, ms(a.p50), ms(a.p99), b.per_sec, ms(b.p50), ms(b.p99)
            );
        }
        println!("mentorbot webhook → engine → SQLite (median): {a_rate:.0} updates/s, p50 {a_p50:.2} ms, p99 {a_p99:.2} ms, errors {a_errors}");
        println!("bare teloxide echo bot (median): {b_rate:.0} updates/s, p50 {b_p50:.2} ms, p99 {b_p99:.2} ms, errors {b_errors}");
        println!("ratio mentorbot / echo bot: {ratio:.2}");
        println!("replies waiting in the outbox: {pending}");
        let each: String = rounds
            .iter()
            .enumerate()
            .map(|(n, (a, b))| {
                format!(
                    "| {} | {:.0} | {:.2} ms | {:.2} ms | {:.0} | {:.2} ms | {:.2} ms |\n",
                    n + 1, a.per_sec, ms(a.p50), ms(a.p99), b.per_sec, ms(b.p50), ms(b.p99)
                )
            })
            .collect();
        let body = format!(
            "Load average at the start: {load_at_start}. {ROUNDS} rounds of {requests} `/status` updates, {concurrency} at a time, from {USERS} registered participants in {} pairs, into a SQLite file; each answered by a reply in the outbox ({pending} waiting at the end). In each round the bare teloxide echo bot (parse the update, `sendMessage` the text back to the same fake Bot API server) ran in the same process right after. Throughput counts only requests answered 2xx. Each figure below is the median of the rounds.\n\n\
             | server | updates/s | p50 | p99 | failed requests |\n|---|---:|---:|---:|---:|\n\
             | mentorbot webhook → engine → SQLite | {a_rate:.0} | {a_p50:.2} ms | {a_p99:.2} ms | {a_errors} |\n\
             {shm_row}\
             | bare teloxide echo bot | {b_rate:.0} | {b_p50:.2} ms | {b_p99:.2} ms | {b_errors} |\n\n\
             {shm_note}\
             Ratio mentorbot / echo bot: **{ratio:.2}×**. Bars: ≥ 3,000 updates/s and p99 < 20 ms, or ≥ 0.7× the echo bot in the same run.\n\n\
             The rounds:\n\n\
             | round | mentorbot updates/s | p50 | p99 | echo bot updates/s | p50 | p99 |\n|---:|---:|---:|---:|---:|---:|---:|\n{each}",
            USERS / 2,
        );
        support::write(
            "webhook",
            "Telegram webhook → engine → SQLite",
            &format!("cargo bench --bench webhook -- {requests} {concurrency}"),
            &body,
        );
    });
}
