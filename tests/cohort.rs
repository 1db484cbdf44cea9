//! Starting a cohort: programme templates and the guards in front of a match.

mod common;

use bot_core::{Lang, Role};
use common::{Harness, at, sqlite_store};
use std::path::Path;
use std::process::Command;

fn mentorbot(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mentorbot"))
        .args(args)
        .output()
        .unwrap()
}

fn text(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn programme_new_from_every_shipped_programme_checks_and_simulates_to_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("programmes");
    let mut n = 0;
    for entry in std::fs::read_dir(&shipped).unwrap() {
        let from = entry.unwrap().path();
        let out = dir.path().join(from.file_name().unwrap());
        let o = mentorbot(&[
            "programme",
            "new",
            "--from",
            from.to_str().unwrap(),
            "--start",
            "2031-02-03",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}: {}", from.display(), text(&o));
        let (p, _) = mentorbot::load_programme(&out).unwrap();
        assert_eq!(p.start.to_string(), "2031-02-03", "{}", from.display());
        let (old, _) = mentorbot::load_programme(&from).unwrap();
        assert_eq!(p.end - p.start, old.end - old.start, "{}", from.display());
        use chrono::Datelike;
        for (a, b) in old.events.iter().zip(&p.events) {
            assert_eq!(a.date.weekday(), b.date.weekday(), "{} {}", from.display(), a.id);
        }
        let o = mentorbot(&["check-programme", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}: {}", out.display(), text(&o));
        let o = mentorbot(&[
            "simulate",
            "--programme",
            out.to_str().unwrap(),
            "--pairs",
            "5",
            "--summary-only",
        ]);
        assert!(o.status.success(), "{}: {}", out.display(), text(&o));
        n += 1;
    }
    assert!(n >= 9, "only {n} shipped programmes");
}

#[test]
fn programme_new_refuses_to_overwrite_its_source_and_a_bad_date() {
    let km = Path::new(env!("CARGO_MANIFEST_DIR")).join("programmes/karrierementor.toml");
    let before = std::fs::read_to_string(&km).unwrap();
    let o = mentorbot(&[
        "programme",
        "new",
        "--from",
        km.to_str().unwrap(),
        "--start",
        "2031-02-03",
        "--out",
        km.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(text(&o).contains("is the --from file"), "{}", text(&o));
    assert_eq!(std::fs::read_to_string(&km).unwrap(), before);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.toml");
    let o = mentorbot(&[
        "programme",
        "new",
        "--from",
        km.to_str().unwrap(),
        "--start",
        "2031-02-30",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(!out.exists());
}

#[tokio::test]
async fn matching_a_mentee_twice_is_refused_and_changes_nothing() {
    let mut h = Harness::new(sqlite_store().await).await;
    let t0 = at(2030, 8, 10, 9, 0);
    let amira = h.register("Amira", Role::Mentee, Lang::En, t0).await;
    let lars = h.register("Lars", Role::Mentor, Lang::En, t0).await;
    let ole = h.register("Ole", Role::Mentor, Lang::En, t0).await;
    let pair = h.engine.match_pair(amira, lars, t0).await.unwrap();
    let e = h.engine.match_pair(amira, ole, t0).await.unwrap_err().to_string();
    assert!(e.contains("Amira") && e.contains(&format!("par {pair}")), "{e}");
    let people = h.engine.store.participants(&h.programme_id()).await.unwrap();
    let ole_paired = people.iter().find(|p| p.0 == ole).unwrap().3;
    assert!(!ole_paired, "Ole was paired anyway");
}

#[tokio::test]
async fn matching_into_an_ended_programme_is_refused() {
    let mut h = Harness::new(sqlite_store().await).await;
    let t0 = at(2030, 8, 10, 9, 0);
    let amira = h.register("Amira", Role::Mentee, Lang::En, t0).await;
    let lars = h.register("Lars", Role::Mentor, Lang::En, t0).await;
    // The test programme (in Danish) ends 2030-12-13.
    let after = at(2030, 12, 14, 9, 0);
    let e = h.engine.match_pair(amira, lars, after).await.unwrap_err().to_string();
    assert!(e.contains("sluttede 2030-12-13"), "{e}");
    let people = h.engine.store.participants(&h.programme_id()).await.unwrap();
    assert!(people.iter().all(|p| !p.3), "someone was paired anyway");
}
