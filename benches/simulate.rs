//! `mentorbot simulate` speed: 35 pairs over a semester (Karrierementor) and
//! 10,000 pairs over a year (NHO Global Future), release build.
//!
//! Two measures: the whole process (`mentorbot simulate`, the release
//! binary, transcript to /dev/null, and `--summary-only`), and the
//! decisions alone in this process (`sim::run_in` with a sink that renders
//! nothing, in time order and pair by pair) at several pair counts, to show whether the cost per pair stays
//! flat as the cohort grows. Writes target/bench/simulate.md.
//!
//! Run: `cargo bench --bench simulate` (or `benches/run simulate`).

#[path = "support/mod.rs"]
mod support;

use bot_core::sim::{self, SimOptions};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn programme_path(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("programmes").join(file)
}

fn programme(file: &str) -> bot_core::Programme {
    mentorbot::load_programme(&programme_path(file))
        .expect("shipped programme loads")
        .0
}

/// Median and best of `runs` timings of `f`.
fn timed(runs: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    let mut all: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    all.sort();
    (all[all.len() / 2], all[0])
}

/// The whole `mentorbot simulate` process, its output thrown away.
fn process(file: &str, pairs: usize, summary_only: bool) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mentorbot"));
    cmd.arg("simulate")
        .arg("--programme")
        .arg(programme_path(file))
        .arg("--pairs")
        .arg(pairs.to_string());
    if summary_only {
        cmd.arg("--summary-only");
    }
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .status()
        .expect("mentorbot runs");
    assert!(status.success(), "mentorbot simulate failed");
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{ms:.1} ms")
    }
}

fn main() {
    let load_at_start = support::load();
    let semester = ("karrierementor.toml", "Karrierementor", 35);
    let year = ("nho-global-future.toml", "NHO Global Future", 10_000);

    let mut body = String::new();
    body.push_str(&format!(
        "Load average at the start: {load_at_start}. The release binary, output to /dev/null; median and best of the runs.\n\n"
    ));
    body.push_str("| programme | pairs | whole process, transcript | whole process, `--summary-only` | runs | bar |\n");
    body.push_str("|---|---:|---:|---:|---:|---|\n");
    for (file, name, pairs, runs, bar) in [
        (semester.0, semester.1, semester.2, 21, "goal < 10 ms"),
        (year.0, year.1, year.2, 3, "first bar < 2 s, goal < 1 s"),
    ] {
        process(file, pairs, false); // warm the page cache
        let (full, full_best) = timed(runs, || process(file, pairs, false));
        let (summary, summary_best) = timed(runs, || process(file, pairs, true));
        println!(
            "{name} {pairs} pairs: transcript {} (best {}), summary only {} (best {})",
            ms(full),
            ms(full_best),
            ms(summary),
            ms(summary_best)
        );
        body.push_str(&format!(
            "| {name} | {pairs} | {} (best {}) | {} (best {}) | {runs} | {bar} |\n",
            ms(full),
            ms(full_best),
            ms(summary),
            ms(summary_best)
        ));
    }

    // Decisions only, in this process: the cost per pair as the cohort grows.
    let p = programme(year.0);
    body.push_str(
        "\nDecisions only (nothing rendered), NHO Global Future, in one process: the cost per pair should stay flat as the pair count grows. `sim::run` keeps all pairs' events in one time order on one thread; `sim::Order::ByPair` runs one pair after another on one thread; `sim::run_in_time_order_on`, which the transcript uses, shares the pairs among all cores and goes through the run a day at a time, each day's events merged back into the time order; `--summary-only` shares the pairs among all cores, pair after pair (`sim::run_by_pair_on`). The same decisions and the same summary every way.\n\n",
    );
    body.push_str(
        "| pairs | steps | messages | time order: median | per pair | pair by pair, one thread: median | per pair | time order, a day at a time, every core: median | per pair |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for (pairs, runs) in [(1_250, 5), (5_000, 3), (10_000, 3), (20_000, 3)] {
        let mut summary = None;
        let mut decide = |order| {
            timed(runs, || {
                summary = Some(sim::run_in(&p, &SimOptions { pairs, seed: 1 }, order, |ev| {
                    black_box(ev);
                }));
            })
            .0
        };
        let in_time = decide(sim::Order::Time);
        let by_pair = decide(sim::Order::ByPair);
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let (in_days, _) = timed(runs, || {
            sim::run_in_time_order_on(
                &p,
                &SimOptions { pairs, seed: 1 },
                threads,
                chrono::Duration::days(1),
                || (),
                |_, _: &mut (), ev| Some(black_box(ev.at())),
                |at, _, seen| {
                    black_box((at, seen));
                },
            );
        });
        let s = summary.expect("ran");
        let per_pair = |d: Duration| d.as_secs_f64() * 1e6 / pairs as f64;
        println!(
            "decisions {pairs} pairs: time order {} ({:.1} µs per pair), pair by pair {} ({:.1} µs per pair), a day at a time on {threads} threads {} ({:.1} µs per pair)",
            ms(in_time),
            per_pair(in_time),
            ms(by_pair),
            per_pair(by_pair),
            ms(in_days),
            per_pair(in_days)
        );
        body.push_str(&format!(
            "| {pairs} | {} | {} | {} | {:.1} µs | {} | {:.1} µs | {} | {:.1} µs |\n",
            s.steps,
            s.messages_total,
            ms(in_time),
            per_pair(in_time),
            ms(by_pair),
            per_pair(by_pair),
            ms(in_days),
            per_pair(in_days)
        ));
    }
    support::write(
        "simulate",
        "`mentorbot simulate`",
        "cargo bench --bench simulate",
        &body,
    );
}
