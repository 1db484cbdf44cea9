//! A broadcast to N recipients (default 10,000) through the Telegram fake
//! with Telegram's limits on (30 messages a second overall, 1 a second per
//! chat): wall time against the platform's floor (N / 30 s), 429s, and
//! that every recipient got it exactly once. Writes target/bench/broadcast.md
//! (machine, date, commit). A load tool, not a criterion benchmark.
//!
//! Run: `cargo bench --bench broadcast [-- N]`. The fake runs in real time
//! (no sped-up mode yet): 10,000 recipients take at least 333 s.

use bot_core::coordinator::broadcast::Audience;
use bot_core::{Lang, Role};
use chrono::Utc;
use mentorbot::Registration;
use mentorbot::dispatch::Dispatcher;
use mentorbot_telegram::fake::FakeTelegram;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

#[path = "support/engine.rs"]
mod fixture;
#[path = "../tests/common/noon.rs"]
mod noon;

const TOKEN: &str = "42:BROADCAST";

fn main() {
    let n: i64 = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let fake = FakeTelegram::start(TOKEN).await;
        let bot = mentorbot_telegram::bot(TOKEN, Some(&fake.url())).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let t0 = Utc::now();
        let (engine, p) = fixture::engine_on(dir.path(), t0).await;
        // Broadcasts wait for each recipient's quiet hours: the recipients
        // live where it is about noon now, so the bench runs at any hour.
        let noon = noon::noon_zone(t0);
        for u in 0..n {
            let uid = (1_000_000 + u).to_string();
            let reg = Registration {
                programme_id: &p.id,
                role: Role::Mentee,
                name: "Bench",
                lang: Lang::Da,
                tz: Some(noon),
                contact: None,
                consent: true,
                platform: "telegram",
                user_id: &uid,
                address: &uid,
            };
            engine.register(&reg, t0).await.unwrap();
        }
        let texts = vec![(None, "Kickoff er flyttet til kl. 18.".to_string())];
        let queued_at = Instant::now();
        let q = engine
            .broadcast(&p.id, &Audience::Mentees, &texts, false, Utc::now())
            .await
            .unwrap()
            .unwrap();
        let queue_secs = queued_at.elapsed().as_secs_f64();
        let adapter = Arc::new(mentorbot_telegram::Telegram::new(bot));
        let dispatcher = Dispatcher::new(engine.clone(), vec![adapter as Arc<dyn bot_core::adapter::Adapter>]);
        let started = Instant::now();
        loop {
            dispatcher.run_once(Utc::now()).await.unwrap();
            let (done, total) = engine.broadcast_done(q.id).await.unwrap();
            if done >= total {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let secs = started.elapsed().as_secs_f64();
        let calls = fake.calls_to("sendmessage");
        let too_many = calls.iter().filter(|c| c.status == 429).count();
        let mut per_chat: HashMap<String, usize> = HashMap::new();
        for c in calls.iter().filter(|c| c.status == 200) {
            *per_chat.entry(c.params["chat_id"].to_string()).or_default() += 1;
        }
        let once = per_chat.len() as i64 == n && per_chat.values().all(|v| *v == 1);
        let floor = n as f64 / 30.0;
        let report = format!(
            "# Broadcast through the Telegram fake, limits on\n\n\
             machine: {}\ndate: {}\ncommit: {}\n\n\
             | recipients | queued in | sent in | floor (N/30 s) | ratio | 429s | each delivered once |\n\
             |---|---|---|---|---|---|---|\n\
             | {n} | {queue_secs:.2} s | {secs:.1} s | {floor:.1} s | {:.3} | {too_many} | {once} |\n",
            machine(),
            Utc::now().format("%Y-%m-%d %H:%M UTC"),
            commit(),
            secs / floor,
        );
        print!("{report}");
        let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("broadcast.md"), report).unwrap();
    });
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpu
        .lines()
        .find_map(|l| l.strip_prefix("model name").and_then(|r| r.split(':').nth(1)))
        .unwrap_or("unknown CPU")
        .trim()
        .to_string();
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    format!("{cores} cores, {model}")
}

fn commit() -> String {
    std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}
