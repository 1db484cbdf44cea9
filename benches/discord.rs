//! Discord interactions per second through the interactions endpoint
//! (signature and timestamp checked) into the engine on a SQLite file,
//! with p50 and p99 latency. A load tool, not a criterion benchmark.
//!
//! Run: `cargo bench --bench discord` (release). Optional arguments:
//! `-- REQUESTS CONCURRENCY` (default 1000 16). Figures go to
//! `target/bench/discord.md`, with the machine, the date and the commit.

use chrono::{TimeZone, Utc};
use mentorbot::config::DiscordConfig;
use mentorbot::runtime::Clock;
use mentorbot_discord::fake::{FakeDiscord, Signer};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[path = "support/engine.rs"]
mod fixture;

const USERS: i64 = 200;

struct Fixed(bot_core::Ts);
impl Clock for Fixed {
    fn now(&self) -> bot_core::Ts {
        self.0
    }
}

fn user(n: i64) -> String {
    format!("{}", 400_000_000_000_000_000 + n)
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cores} cores, {cpu}")
}

fn commit() -> String {
    std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

fn main() {
    let args: Vec<i64> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let requests = args.first().copied().unwrap_or(1000);
    let concurrency = args.get(1).copied().unwrap_or(16).max(1);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let fake = FakeDiscord::start().await;
        fake.enforce_limits(false);
        let dir = tempfile::tempdir().unwrap();
        let t0 = Utc.with_ymd_and_hms(2030, 9, 10, 10, 0, 0).unwrap();
        let (engine, p) = fixture::engine_on(dir.path(), t0).await;
        fixture::register_pairs(&engine, &p, mentorbot_discord::PLATFORM, USERS, user, t0).await;
        let c = fake.config();
        let cfg = DiscordConfig {
            application_id: c.application_id,
            public_key: c.public_key,
            token: c.token,
            guild_id: c.guild_id,
            listen: "127.0.0.1:0".into(),
            api_url: c.api_url,
            http_timeout_ms: c.http_timeout_ms,
        };
        let (_, _, app) = mentorbot::runtime::discord::parts(&cfg, &engine, Arc::new(Fixed(t0))).unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/interactions", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

        let signer = Arc::new(Signer::new());
        let run = |n: i64| {
            let (signer, url) = (signer.clone(), url.clone());
            async move {
                let start = Instant::now();
                let mut tasks = vec![];
                for w in 0..concurrency {
                    let (signer, url) = (signer.clone(), url.clone());
                    tasks.push(tokio::spawn(async move {
                        let mut lat = vec![];
                        let mut errors = 0;
                        for i in (w..n).step_by(concurrency as usize) {
                            let u = 1 + (i * 7919) % USERS;
                            let interaction = signer.command(&user(u), "da", None, "status", None);
                            let t = Instant::now();
                            let (status, body) = signer.post(&url, &interaction).await;
                            if status != 200 || body["type"] != 4 {
                                errors += 1;
                            }
                            lat.push(t.elapsed());
                        }
                        (lat, errors)
                    }));
                }
                let (mut all, mut errors) = (vec![], 0);
                for t in tasks {
                    let (l, e) = t.await.unwrap();
                    all.extend(l);
                    errors += e;
                }
                let elapsed = start.elapsed();
                all.sort();
                (all.len() as f64 / elapsed.as_secs_f64(), all, errors)
            }
        };
        run(100).await;
        let (per_sec, lat, errors): (f64, Vec<Duration>, usize) = run(requests).await;
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let (p50, p99) = (lat[lat.len() / 2], lat[lat.len() * 99 / 100]);
        let (pending, _, _) = engine.store.outbox_counts().await.unwrap();
        let report = format!(
            "# Discord interactions → engine → SQLite\n\n\
             Command: `cargo bench --bench discord -- {requests} {concurrency}`\n\n\
             Machine: {}. Date: {}. Commit: {}. Build: {}.\n\n\
             {} signed `/status` interactions (Ed25519 verified, timestamp checked), {concurrency} at a time, \
             from {USERS} registered participants in {} pairs, into a SQLite file.\n\n\
             | interactions/s | p50 | p99 | errors | replies queued |\n|---|---|---|---|---|\n\
             | {per_sec:.0} | {:.2} ms | {:.2} ms | {errors} | {pending} |\n",
            machine(),
            Utc::now().format("%Y-%m-%d %H:%M UTC"),
            commit(),
            if cfg!(debug_assertions) { "debug" } else { "release" },
            lat.len(),
            USERS / 2,
            ms(p50),
            ms(p99),
        );
        print!("{report}");
        let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("discord.md"), report).unwrap();
    });
}
