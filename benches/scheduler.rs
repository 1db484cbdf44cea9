//! The scheduler at scale: 100,000 participants in 50,000 pairs of NHO
//! Global Future in the database, 1% of the pairs due (their joint intro),
//! and one scheduler pass (`Engine::tick_due` with the default batch of
//! 500, as `serve` runs it) timed; the process's memory (RSS) beside it.
//! On a SQLite file and on PostgreSQL (`MENTORBOT_BENCH_PG_URL`, default
//! postgres://postgres@127.0.0.1:5432/test: a fresh database is created
//! beside it and dropped at the end). Writes target/bench/scheduler.md.
//!
//! Run: `cargo bench --bench scheduler [-- PAIRS]` (or `benches/run scheduler`).

#[path = "support/mod.rs"]
mod support;

use bot_core::Ts;
use bot_core::pair::{PairState, Person};
use chrono::Duration;
use mentorbot::{Engine, Store};
use sqlx::Executor;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

const PG_DEFAULT: &str = "postgres://postgres@127.0.0.1:5432/test";
/// Ticks measured, each with its own 1% of the pairs due.
const ROUNDS: usize = 5;
/// Pairs per scheduler pass, as `serve` defaults (`scheduler.batch`).
const BATCH: i64 = 500;

struct Figures {
    backend: &'static str,
    fill: std::time::Duration,
    ticks: Vec<(std::time::Duration, usize)>,
    /// Messages in the outbox after every pass.
    queued: i64,
    rss: u64,
    peak: u64,
}

fn sql(s: String) -> sqlx::AssertSqlSafe<String> {
    sqlx::AssertSqlSafe(s)
}

/// Peak resident set size of this process so far (VmHWM).
fn peak_rss() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

/// Fills the database: participants, identities and pairs by multi-row
/// inserts (what registering and matching would leave behind), one
/// coordinator; pairs of round k due at `due[k]`, the rest far later.
async fn fill(engine: &Engine, p: &bot_core::Programme, pairs: usize, due: &[Ts], matched: Ts) {
    let pool = engine.store.pool();
    let now = mentorbot::store::ms(matched);
    let mut tx = pool.begin().await.unwrap();
    // Participants: mentee 2k+1, mentor 2k+2 in insertion order.
    const CHUNK: usize = 1000;
    let total = pairs * 2;
    for start in (0..total).step_by(CHUNK) {
        let end = (start + CHUNK).min(total);
        let mut q = String::from(
            "INSERT INTO participants (programme_id, role, name, lang, tz, contact, consent_share, consent_given_at, created_at) VALUES ",
        );
        for (n, i) in (start..end).enumerate() {
            if n > 0 {
                q.push(',');
            }
            let role = if i % 2 == 0 { "mentee" } else { "mentor" };
            q.push_str(&format!(
                "('{}', '{role}', 'Person {i}', 'nb', 'Europe/Oslo', 'person{i}@example.org', 1, {now}, {now})",
                p.id
            ));
        }
        tx.execute(sql(q)).await.unwrap();
    }
    let ids: Vec<i64> = sqlx::query_scalar::<_, i64>("SELECT id FROM participants ORDER BY id")
        .fetch_all(&mut *tx)
        .await
        .unwrap();
    assert_eq!(ids.len(), total);
    for chunk in ids.chunks(CHUNK) {
        let mut q = String::from(
            "INSERT INTO identities (platform, platform_user_id, address, participant_id, created_at) VALUES ",
        );
        for (n, id) in chunk.iter().enumerate() {
            if n > 0 {
                q.push(',');
            }
            q.push_str(&format!("('telegram', '{id}', '{id}', {id}, {now})"));
        }
        tx.execute(sql(q)).await.unwrap();
    }
    tx.execute(sql(format!(
        "INSERT INTO participants (programme_id, role, name, lang, tz, consent_share, created_at) VALUES ('{}', 'coordinator', 'Coordinator', 'nb', 'Europe/Oslo', 0, {now})",
        p.id
    )))
    .await
    .unwrap();
    let later = mentorbot::store::ms(p.end_at() + Duration::days(30));
    let per_round = pairs / 100;
    for (c, chunk) in ids.chunks(2 * CHUNK / 4).enumerate() {
        let mut q = String::from(
            "INSERT INTO pairs (programme_id, mentee_id, mentor_id, phase, status, at_risk, state, next_due_at, created_at, updated_at) VALUES ",
        );
        for (n, two) in chunk.chunks(2).enumerate() {
            let k = c * (CHUNK / 4) + n;
            let person = |id: i64| Person {
                name: format!("Person {id}"),
                contact: Some(format!("person{id}@example.org")),
                tz: p.time_zone,
                shares: true,
                profile: Default::default(),
            };
            let state = PairState::new(p, person(two[0]), person(two[1]), matched);
            let json = serde_json::to_string(&state).unwrap().replace('\'', "''");
            let next = match k / per_round {
                r if r < due.len() => mentorbot::store::ms(due[r]),
                _ => later,
            };
            if n > 0 {
                q.push(',');
            }
            q.push_str(&format!(
                "('{}', {}, {}, '{}', 'running', 0, '{json}', {next}, {now}, {now})",
                p.id,
                two[0],
                two[1],
                state.phase.code()
            ));
        }
        tx.execute(sql(q)).await.unwrap();
    }
    tx.commit().await.unwrap();
    let analyze = match engine.store.backend() {
        mentorbot::store::Backend::Sqlite => "ANALYZE",
        mentorbot::store::Backend::Postgres => "VACUUM ANALYZE",
    };
    pool.execute(analyze).await.unwrap();
}

async fn measure(backend: &'static str, url: &str, pairs: usize) -> Figures {
    let store = Store::connect(url).await.unwrap();
    store.migrate().await.unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("programmes/nho-global-future.toml");
    let (p, src) = mentorbot::load_programme(&path).unwrap();
    let engine = Arc::new(Engine::new(store, vec![p.clone()]));
    let intro = p.intro_at();
    let matched = intro - Duration::days(7);
    engine
        .load_programmes(&HashMap::from([(p.id.clone(), src)]), matched)
        .await
        .unwrap();
    // Round k's pairs are due at the intro plus k minutes.
    let due: Vec<Ts> = (0..ROUNDS).map(|k| intro + Duration::minutes(k as i64)).collect();
    let t = Instant::now();
    fill(&engine, &p, pairs, &due, matched).await;
    let fill_time = t.elapsed();
    println!("{backend}: {pairs} pairs stored in {:.1} s", fill_time.as_secs_f64());
    let mut ticks = vec![];
    for at in &due {
        let t = Instant::now();
        let n = engine.tick_due(*at, BATCH).await.unwrap();
        let took = t.elapsed();
        println!(
            "{backend}: tick at {at}: {n} pairs in {:.1} ms",
            took.as_secs_f64() * 1e3
        );
        ticks.push((took, n));
    }
    let (queued, _, _) = engine.store.outbox_counts().await.unwrap();
    assert!(queued > 0, "the due pairs' messages were queued");
    Figures {
        backend,
        fill: fill_time,
        ticks,
        queued,
        rss: support::rss(),
        peak: peak_rss(),
    }
}

async fn postgres_db(base: &str) -> Option<(String, String)> {
    let mut admin = <sqlx::AnyConnection as sqlx::Connection>::connect(base).await.ok()?;
    let name = format!("mentorbot_bench_scheduler_{}", std::process::id());
    admin.execute(sql(format!("CREATE DATABASE {name}"))).await.ok()?;
    let url = format!("{}/{name}", &base[..base.rfind('/')?]);
    Some((url, name))
}

async fn drop_db(base: &str, name: &str) {
    if let Ok(mut admin) = <sqlx::AnyConnection as sqlx::Connection>::connect(base).await {
        let _ = admin
            .execute(sql(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
            .await;
    }
}

fn main() {
    let pairs: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(50_000);
    let load_at_start = support::load();
    sqlx::any::install_default_drivers();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let figures = rt.block_on(async move {
        let mut out = vec![];
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("bench.db").display());
        out.push(measure("SQLite file", &url, pairs).await);
        let base = std::env::var("MENTORBOT_BENCH_PG_URL").unwrap_or_else(|_| PG_DEFAULT.into());
        match postgres_db(&base).await {
            Some((url, name)) => {
                out.push(measure("PostgreSQL", &url, pairs).await);
                drop_db(&base, &name).await;
            }
            None => println!("PostgreSQL is not answering at {base}: measured on SQLite only"),
        }
        out
    });
    let ms = |d: std::time::Duration| format!("{:.1} ms", d.as_secs_f64() * 1e3);
    let mut body = format!(
        "Load average at the start: {load_at_start}. {} participants in {pairs} pairs of NHO Global Future (plus one coordinator), {}% of the pairs due at each pass (their intro and the invitations that go with it); {ROUNDS} passes of `Engine::tick_due` with the batch `serve` uses ({BATCH}), each with a fresh 1% due. RSS is this process's (the bench and the engine; PostgreSQL's own memory is its server's).\n\n\
         | backend | pairs ticked per pass | median pass | slowest pass | RSS after | peak RSS (with the fill) | bar |\n|---|---:|---:|---:|---:|---:|---|\n",
        pairs * 2,
        1
    );
    for f in &figures {
        let mut times: Vec<_> = f.ticks.iter().map(|t| t.0).collect();
        times.sort();
        let n = f.ticks[0].1;
        body.push_str(&format!(
            "| {} | {n} | {} | {} | {} | {} | pass < 50 ms, RSS < 128 MB |\n",
            f.backend,
            ms(times[times.len() / 2]),
            ms(times[times.len() - 1]),
            support::mib(f.rss),
            support::mib(f.peak),
        ));
    }
    body.push('\n');
    for f in &figures {
        body.push_str(&format!(
            "{}: {} messages queued by the {ROUNDS} passes; filling the database took {:.1} s (multi-row inserts, not timed against any bar).\n",
            f.backend,
            f.queued,
            f.fill.as_secs_f64()
        ));
    }
    support::write(
        "scheduler",
        "Scheduler at scale (100,000 participants, 1% due)",
        "cargo bench --bench scheduler",
        &body,
    );
}
