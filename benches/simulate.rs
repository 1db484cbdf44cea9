//! `mentorbot simulate` speed: 35 pairs over a semester (Karrierementor) and
//! 10,000 pairs over a year (NHO Global Future), release build.
//!
//! Run: `cargo bench --bench simulate`. Figures go in BENCHMARKS.md.

use bot_core::i18n::Catalog;
use bot_core::sim::{self, SimEvent, SimOptions};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

fn programme(file: &str) -> bot_core::Programme {
    mentorbot::load_programme(&Path::new(env!("CARGO_MANIFEST_DIR")).join("programmes").join(file))
        .expect("shipped programme loads")
        .0
}

/// The run as `simulate` does it: every message rendered in the reader's
/// language, the summary computed.
fn run_rendered(p: &bot_core::Programme, pairs: usize) -> usize {
    let cat = Catalog::builtin();
    let lang = p.languages[0];
    let mut bytes = 0;
    let summary = sim::run(p, &SimOptions { pairs, seed: 1 }, |ev| {
        if let SimEvent::Delivered { msg, .. } = ev {
            bytes += cat.render(msg, lang, p.time_zone).text.len();
        }
    });
    black_box(summary);
    bytes
}

/// Decisions only: the state machine and the simulated people.
fn run_decisions(p: &bot_core::Programme, pairs: usize) -> u64 {
    let summary = sim::run(p, &SimOptions { pairs, seed: 1 }, |ev| {
        black_box(ev);
    });
    summary.messages_total
}

fn benches(c: &mut Criterion) {
    let semester = programme("karrierementor.toml");
    let year = programme("nho-global-future.toml");
    c.bench_function("semester_35_pairs_rendered", |b| b.iter(|| run_rendered(&semester, 35)));
    c.bench_function("semester_35_pairs_decisions", |b| {
        b.iter(|| run_decisions(&semester, 35))
    });
    let mut g = c.benchmark_group("year");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    g.bench_function("year_10000_pairs_decisions", |b| {
        b.iter(|| run_decisions(&year, 10_000))
    });
    g.bench_function("year_10000_pairs_rendered", |b| b.iter(|| run_rendered(&year, 10_000)));
    g.finish();
}

criterion_group!(simulate, benches);
criterion_main!(simulate);
