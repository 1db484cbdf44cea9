//! A programme file as a coordinator may write it: loading never panics,
//! an error names a line of the file, and a programme that loads can be
//! laid out in time and simulated (one pair) without a panic.
#![no_main]

use bot_core::Programme;
use bot_core::i18n::Catalog;
use bot_core::sim::{SimOptions, run};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else { return };
    match Programme::parse("fuzz.toml", source, Catalog::builtin()) {
        Err(e) => {
            let lines = source.lines().count().max(1);
            assert!(e.line >= 1 && e.line <= lines + 1, "{e} (the file has {lines} lines)");
        }
        Ok(p) => {
            let _ = p.timeline();
            let _ = p.purge_at();
            let _ = run(&p, &SimOptions { pairs: 1, seed: 7 }, |_| {});
        }
    }
});
