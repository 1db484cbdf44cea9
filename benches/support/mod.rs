//! What every benchmark writes beside its figures: the machine, the date
//! and the commit, so that BENCHMARKS.md is only ever assembled from
//! measured files (`benches/run` does it), never typed by hand.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

/// Cores and CPU model from /proc/cpuinfo.
pub fn machine() -> String {
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cores = info.lines().filter(|l| l.starts_with("processor")).count();
    let model = info
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .and_then(|r| r.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map(|kb| format!(", {} GiB", kb / 1024 / 1024))
        .unwrap_or_default();
    format!("{cores} cores, {model}{mem}")
}

/// The 1-, 5- and 15-minute load averages, e.g. "1.52 / 0.98 / 0.60".
pub fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" / "))
        .unwrap_or_else(|| "unknown".into())
}

/// The commit measured (with "+changes" when the tree was not clean).
pub fn commit() -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let head = git(&["rev-parse", "--short=10", "HEAD"]).unwrap_or_else(|| "unknown".into());
    let dirty = git(&["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty());
    if dirty { format!("{head}+changes") } else { head }
}

/// Writes `target/bench/<name>.md`: the section `## <title>` with its
/// marker, a line with the command, the machine, the date and the commit,
/// then `body` (markdown). `benches/run` puts it into BENCHMARKS.md.
pub fn write(name: &str, title: &str, command: &str, body: &str) {
    // The workspace's target/bench, from whichever member's bench this is.
    let mut root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    while !root.join("Cargo.lock").exists() && root.pop() {}
    let dir = root.join("target/bench");
    std::fs::create_dir_all(&dir).expect("target/bench");
    let date = chrono::Utc::now().format("%Y-%m-%d %H:%M UTC");
    let text = format!(
        "## {title}\n\n<!-- bench:{name} -->\nMeasured with `{command}` on {date}, commit `{}`, {}, load average {} when written (other work on the machine slows every figure).\n\n{body}\n",
        commit(),
        machine(),
        load()
    );
    let path = dir.join(format!("{name}.md"));
    std::fs::write(&path, text).expect("write bench figures");
    println!("figures written to {}", path.display());
}

/// The resident set size of this process, in bytes.
pub fn rss() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

pub fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}
