//! Event invitations as participants get them: RSVP buttons, a calendar
//! file that opens at the right instant, late matches invited, a changed
//! answer counted once. Time is explicit.

mod common;

use bot_core::{Lang, Role};
use chrono::{TimeZone, Utc};
use common::{Harness, at};
use icalendar::{CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, EventLike};
use mentorbot::Store;
use std::str::FromStr;

type Db = (Store, Option<tempfile::TempDir>);

both_backends!(
    the_invitation_carries_rsvp_buttons_and_a_calendar_file_at_the_right_instant,
    a_person_matched_after_the_invitations_went_out_is_invited_while_the_event_is_ahead,
    a_changed_answer_counts_once,
    the_coordinator_sees_the_answers_and_who_is_coming,
);

async fn the_invitation_carries_rsvp_buttons_and_a_calendar_file_at_the_right_instant(db: Db) {
    let mut h = Harness::new(db).await;
    h.pair().await;
    // The kickoff (5 September 17:00–19:00, Copenhagen) is announced 17 days before.
    h.run(at(2030, 8, 19, 10, 0)).await;
    let invite = h
        .inbox("Amira")
        .into_iter()
        .find(|m| {
            m.buttons
                .iter()
                .flatten()
                .any(|b| b.payload.ends_with("rsvp:kickoff:yes"))
        })
        .expect("an invitation with RSVP buttons");
    assert!(
        invite
            .buttons
            .iter()
            .flatten()
            .any(|b| b.payload.ends_with("rsvp:kickoff:no"))
    );
    let files = h.adapter.files_to("Amira");
    let ics = files
        .iter()
        .find(|f| f.name == "kickoff.ics")
        .expect("the calendar file");
    assert_eq!(ics.mime, "text/calendar");
    let text = String::from_utf8(ics.bytes.clone()).unwrap();
    let cal = icalendar::Calendar::from_str(&text).unwrap();
    let events: Vec<_> = cal
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 1);
    let e = events[0];
    // 17:00 summer time in Copenhagen is 15:00 UTC.
    assert_eq!(
        e.get_start(),
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(
            Utc.with_ymd_and_hms(2030, 9, 5, 15, 0, 0).unwrap()
        )))
    );
    assert_eq!(
        e.get_end(),
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(
            Utc.with_ymd_and_hms(2030, 9, 5, 17, 0, 0).unwrap()
        )))
    );
    assert_eq!(e.get_location(), Some("Nobelparken"));
    assert!(e.get_summary().is_some_and(|s| !s.is_empty()));
    // The mentor gets his own, once.
    assert_eq!(
        h.adapter
            .files_to("Lars")
            .iter()
            .filter(|f| f.name == "kickoff.ics")
            .count(),
        1
    );
}

async fn a_person_matched_after_the_invitations_went_out_is_invited_while_the_event_is_ahead(db: Db) {
    let mut h = Harness::new(db).await;
    h.pair().await;
    h.run(at(2030, 8, 19, 10, 0)).await;
    let t = at(2030, 8, 25, 9, 0);
    let mentee = h.register("Sofie", Role::Mentee, Lang::En, t).await;
    let mentor = h.register("Ole", Role::Mentor, Lang::En, t).await;
    h.engine.match_pair(mentee, mentor, t).await.unwrap();
    h.run_until(t, at(2030, 8, 26, 12, 0)).await;
    for who in ["Sofie", "Ole"] {
        assert!(
            h.inbox(who).iter().any(|m| m
                .buttons
                .iter()
                .flatten()
                .any(|b| b.payload.ends_with("rsvp:kickoff:yes"))),
            "{who}"
        );
        assert_eq!(
            h.adapter
                .files_to(who)
                .iter()
                .filter(|f| f.name == "kickoff.ics")
                .count(),
            1
        );
    }
}

async fn a_changed_answer_counts_once(db: Db) {
    let mut h = Harness::new(db).await;
    h.pair().await;
    h.run(at(2030, 8, 19, 10, 0)).await;
    let pid = h.programme_id();
    h.press("Amira", |p| p.ends_with("rsvp:kickoff:yes"), at(2030, 8, 19, 12, 0))
        .await;
    h.press("Amira", |p| p.ends_with("rsvp:kickoff:no"), at(2030, 8, 20, 12, 0))
        .await;
    h.press("Lars", |p| p.ends_with("rsvp:kickoff:yes"), at(2030, 8, 20, 12, 0))
        .await;
    let rsvps = h.engine.store.rsvps(&pid).await.unwrap();
    let amira = h.ids["Amira"];
    let lars = h.ids["Lars"];
    assert_eq!(
        rsvps,
        vec![
            ("kickoff".to_string(), amira, false),
            ("kickoff".to_string(), lars, true)
        ]
    );
}

async fn the_coordinator_sees_the_answers_and_who_is_coming(db: Db) {
    let mut h = Harness::new(db).await;
    h.pair().await;
    h.run(at(2030, 8, 19, 10, 0)).await;
    h.press("Amira", |p| p.ends_with("rsvp:kickoff:yes"), at(2030, 8, 19, 12, 0))
        .await;
    h.press("Lars", |p| p.ends_with("rsvp:kickoff:no"), at(2030, 8, 19, 12, 0))
        .await;
    h.say("Karen", "/event", at(2030, 8, 20, 9, 0)).await;
    let texts = h.texts("Karen");
    let kickoff = texts.iter().find(|t| t.contains("(kickoff)")).expect("the kickoff");
    assert!(
        kickoff.contains("Coming: 1 · Not coming: 1 · Not answered: 0"),
        "{kickoff}"
    );
    assert!(kickoff.contains("Who is coming: Amira"), "{kickoff}");
    // The closing's invitations have not gone out yet.
    let closing = texts.iter().find(|t| t.contains("(closing)")).expect("the closing");
    assert!(
        closing.contains("Coming: 0 · Not coming: 0 · Not answered: 0"),
        "{closing}"
    );
    // Once the kickoff is over it is no longer listed.
    h.say("Karen", "/event", at(2030, 9, 6, 9, 0)).await;
    assert!(!h.last("Karen").text.contains("(kickoff)"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn event_show_prints_the_answers_and_writes_the_list_as_csv() {
    use std::path::Path;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let config = dir.path().join("mentorbot.toml");
    std::fs::write(
        &config,
        format!(
            "database_url = \"sqlite://{}\"\nprogrammes = [\"{}/programmes/karrierementor.toml\"]\n",
            db.display(),
            env!("CARGO_MANIFEST_DIR"),
        ),
    )
    .unwrap();
    let store = Store::connect(&format!("sqlite://{}", db.display())).await.unwrap();
    store.migrate().await.unwrap();
    let (p, src) =
        mentorbot::load_programme(&Path::new(env!("CARGO_MANIFEST_DIR")).join("programmes/karrierementor.toml"))
            .unwrap();
    let engine = mentorbot::Engine::new(store, vec![p]);
    let t = at(2030, 8, 1, 9, 0);
    engine
        .load_programmes(&[("karrierementor".to_string(), src)].into(), t)
        .await
        .unwrap();
    for (name, role, going) in [("Amira", Role::Mentee, true), ("Lars", Role::Mentor, false)] {
        let reg = mentorbot::Registration {
            programme_id: "karrierementor",
            role,
            name,
            lang: Lang::Da,
            tz: None,
            contact: None,
            consent: true,
            platform: "memory",
            user_id: name,
            address: name,
        };
        let id = engine.register(&reg, t).await.unwrap();
        let mut tx = engine.store.begin().await.unwrap();
        engine
            .store
            .rsvp(&mut tx, "karrierementor", "kickoff", id, going, t)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    let csv = dir.path().join("kickoff.csv");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_mentorbot"))
        .args([
            "event",
            "show",
            "--config",
            config.to_str().unwrap(),
            "--programme",
            "karrierementor",
            "kickoff",
        ])
        .arg("--csv")
        .arg(&csv)
        .env_remove("MENTORBOT_DATABASE_URL")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Kommer: 1 · Kommer ikke: 1"), "{out}");
    assert!(out.contains("Hvem kommer: Amira"), "{out}");
    let written = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = written.lines().collect();
    assert_eq!(lines[0], "name,role,answer,answered_at");
    assert!(
        lines[1].starts_with("Amira,mentee,yes,2030-08-01T07:00:00"),
        "{written}"
    );
    assert!(lines[2].starts_with("Lars,mentor,no,"), "{written}");
    // An unknown event is refused, naming it.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_mentorbot"))
        .args([
            "event",
            "show",
            "--config",
            config.to_str().unwrap(),
            "--programme",
            "karrierementor",
            "gala",
        ])
        .env_remove("MENTORBOT_DATABASE_URL")
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no event `gala`"));
}
