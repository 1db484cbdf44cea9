//! Optimal matching at scale: 2,000 mentees and 1,000 mentors of capacity
//! 2, realistic profiles (fields, interests, formats, languages), release
//! build. Writes target/bench/matching.md (machine, date, commit, times).
//!
//! Run: `cargo bench -p bot-core --bench matching`.

// A benchmark measures wall time; the core's rule against reading the
// clock is for decisions, not for this harness.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use bot_core::matching::{Decisions, Mentee, Mentor, propose};
use bot_core::profile::{Format, Profile, Weights};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::fmt::Write as _;
use std::time::Instant;

const FIELDS: usize = 12;
const INTERESTS: usize = 10;
const LANGS: [&str; 5] = ["da", "en", "nb", "ar", "uk"];

fn profile(rng: &mut ChaCha8Rng, fields: &[String], interests: &[String]) -> Profile {
    let mut languages: Vec<String> = LANGS
        .iter()
        .filter(|_| rng.random_bool(0.3))
        .map(|s| s.to_string())
        .collect();
    if languages.is_empty() {
        languages.push("en".into());
    }
    Profile {
        field: Some(fields[rng.random_range(0..FIELDS)].clone()),
        interests: interests.iter().filter(|_| rng.random_bool(0.25)).cloned().collect(),
        format: Some(Format::ALL[rng.random_range(0..3)]),
        languages,
        ..Profile::default()
    }
}

fn instance(seed: u64, mentees: usize, mentors: usize) -> (Vec<Mentee>, Vec<Mentor>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let fields: Vec<String> = (0..FIELDS).map(|i| format!("field-{i}")).collect();
    let interests: Vec<String> = (0..INTERESTS).map(|i| format!("interest-{i}")).collect();
    let es = (0..mentees)
        .map(|i| Mentee {
            id: i as i64 + 1,
            profile: profile(&mut rng, &fields, &interests),
        })
        .collect();
    let ms = (0..mentors)
        .map(|i| Mentor {
            id: 100_000 + i as i64,
            profile: profile(&mut rng, &fields, &interests),
            free: 2,
        })
        .collect();
    (es, ms)
}

fn sh(cmd: &str, args: &[&str]) -> String {
    std::process::Command::new(cmd)
        .args(args)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

fn main() {
    let w = Weights::default();
    let mut rows = vec![];
    for (mentees, mentors) in [(200, 100), (2_000, 1_000)] {
        let (es, ms) = instance(1, mentees, mentors);
        let mut times = vec![];
        let mut placed = 0;
        let mut total = 0;
        for _ in 0..3 {
            let t = Instant::now();
            let p = propose(&w, &es, &ms, &Decisions::default());
            times.push(t.elapsed().as_secs_f64());
            placed = p.pairs.len();
            total = p.total();
        }
        times.sort_by(f64::total_cmp);
        println!(
            "matching {mentees} mentees × {mentors} mentors (cap 2): median {:.3} s, best {:.3} s; {placed} placed, score {total}",
            times[1], times[0]
        );
        rows.push((mentees, mentors, times[1], times[0], placed, total));
    }
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mut md = String::new();
    let _ = writeln!(md, "## Optimal matching (`cargo bench -p bot-core --bench matching`)\n");
    let _ = writeln!(
        md,
        "Machine: {cores} cores, {cpu}. Date: {}. Commit: {}. Release build, one thread.\n",
        sh("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        sh("git", &["rev-parse", "--short", "HEAD"])
    );
    let _ = writeln!(
        md,
        "| mentees | mentors (capacity 2) | median of 3 | best | placed | total score |"
    );
    let _ = writeln!(md, "|---:|---:|---:|---:|---:|---:|");
    for (e, m, med, best, placed, total) in rows {
        let _ = writeln!(md, "| {e} | {m} | {med:.3} s | {best:.3} s | {placed} | {total} |");
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("matching.md");
    std::fs::write(&path, md).expect("write target/bench/matching.md");
    println!("wrote {}", path.display());
}
