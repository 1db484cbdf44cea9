//! Event invitations as participants get them: RSVP buttons, a calendar
//! file that opens at the right instant, late matches invited, a changed
//! answer counted once. Time is explicit.

mod common;

use bot_core::payload::RsvpAnswer;
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
    maybe_is_an_answer_without_the_day_before_reminder,
    not_answered_an_event_means_invited_and_not_answered,
    the_coordinator_sees_the_answers_and_who_is_coming,
    a_coordinator_creates_an_event_in_chat_and_the_pairs_are_invited,
    reminders_go_to_who_has_not_answered_and_to_who_said_yes_once_each,
    changing_and_cancelling_an_event_tells_everyone_invited_once,
    event_create_edit_and_cancel_as_a_mentee_or_mentor_are_refused_and_change_nothing,
    a_recurring_workshop_is_made_once_per_month_and_a_restart_loses_or_repeats_none,
    an_event_for_the_unmatched_or_for_pairs_at_risk_invites_only_them,
);

async fn a_recurring_workshop_is_made_once_per_month_and_a_restart_loses_or_repeats_none(db: Db) {
    // The first Thursday of each month at 17:00, invitations two weeks ahead.
    let recurring = "[[recurring]]\nid = \"ws\"\ncron = \"0 17 1-7 * thu\"\nkind = \"workshop\"\nduration_minutes = 120\nplace = \"Nobelparken\"\ninvite_days_before = 14\n";
    let mut h = Harness::with_extra(db, recurring).await;
    h.pair().await;
    let pid = h.programme_id();
    let src = std::fs::read_to_string(common::fixture("test-programme.toml")).unwrap() + "\n" + recurring;
    let file = bot_core::Programme::parse("test-programme.toml", &src, bot_core::i18n::Catalog::builtin()).unwrap();
    let mut t = at(2030, 9, 1, 9, 0);
    while t <= at(2030, 12, 1, 9, 0) {
        // Down from 20 to 27 October, over the November workshop's making
        // (24 October): it is made late, once.
        if !(at(2030, 10, 20, 0, 0)..at(2030, 10, 27, 0, 0)).contains(&t) {
            // A restarted process takes the scheduler's pass, then the old one.
            let fresh = mentorbot::Engine::new(h.engine.store.clone(), vec![file.clone()]);
            fresh
                .load_programmes(&[(pid.clone(), src.clone())].into(), t)
                .await
                .unwrap();
            fresh.tick_all_due(t).await.unwrap();
            h.run(t).await;
        }
        t += chrono::Duration::hours(6);
    }
    let made: Vec<String> = h
        .engine
        .store
        .saved_events()
        .await
        .unwrap()
        .into_iter()
        .map(|(_, s)| match s {
            mentorbot::store::SavedEvent::Set(e) => format!("{} {} {}", e.id, e.date, e.starts),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        made,
        vec![
            "ws-1003 2030-10-03 17:00:00",
            "ws-1107 2030-11-07 17:00:00",
            "ws-1205 2030-12-05 17:00:00"
        ]
    );
    for id in ["ws-1003", "ws-1107", "ws-1205"] {
        assert_eq!(invitations(&h, "Amira", id), 1, "{id}");
        assert_eq!(invitations(&h, "Lars", id), 1, "{id}");
    }
}

/// Karen creates a workshop on 3 October 17:00 (Copenhagen) through
/// `/event` → "New event" at `t`.
async fn create_workshop(h: &Harness, t: chrono::DateTime<Utc>) {
    h.say("Karen", "/event", t).await;
    h.press("Karen", |p| p == "ev:new", t).await;
    h.press("Karen", |p| p == "ev:kind:workshop", t).await;
    for line in ["Career workshop", "2030-10-03 17:00", "19:30", "Nobelparken, room 2"] {
        h.say("Karen", line, t).await;
    }
    h.press("Karen", |p| p == "ev:aud:everyone", t).await;
    h.say("Karen", "2030-10-01", t).await;
    let preview = h.last("Karen");
    assert!(preview.text.contains("Career workshop (workshop)"), "{}", preview.text);
    h.press("Karen", |p| p == "ev:save", t).await;
    assert!(
        h.last("Karen").text.contains("Career workshop is created"),
        "{}",
        h.last("Karen").text
    );
}

fn invitations(h: &Harness, who: &str, event: &str) -> usize {
    h.inbox(who)
        .iter()
        .filter(|m| {
            m.buttons
                .iter()
                .flatten()
                .any(|b| b.payload.ends_with(&format!("rsvp:{event}:yes")))
                && m.text.contains("invited")
        })
        .count()
}

async fn a_coordinator_creates_an_event_in_chat_and_the_pairs_are_invited(db: Db) {
    let mut h = Harness::new(db).await;
    h.pair().await;
    let t = at(2030, 9, 20, 9, 0);
    create_workshop(&h, t).await;
    h.run(t + chrono::Duration::minutes(1)).await;
    for who in ["Amira", "Lars"] {
        assert_eq!(invitations(&h, who, "workshop-1003"), 1, "{who}: {:?}", h.texts(who));
        let files = h.adapter.files_to(who);
        let ics = files
            .iter()
            .find(|f| f.name == "workshop-1003.ics")
            .expect("the calendar file");
        let cal = icalendar::Calendar::from_str(&String::from_utf8(ics.bytes.clone()).unwrap()).unwrap();
        let CalendarComponent::Event(e) = &cal.components[0] else {
            panic!()
        };
        assert_eq!(
            e.get_start(),
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(
                Utc.with_ymd_and_hms(2030, 10, 3, 15, 0, 0).unwrap()
            )))
        );
        assert_eq!(e.get_summary(), Some("Career workshop"));
    }
    // The answer is stored like any other; /event lists it with its buttons.
    h.press(
        "Amira",
        |p| p.ends_with("rsvp:workshop-1003:yes"),
        t + chrono::Duration::hours(1),
    )
    .await;
    assert!(h.last("Amira").text.contains("Career workshop"));
    h.say("Karen", "/event", t + chrono::Duration::hours(2)).await;
    let texts = h.texts("Karen");
    let w = texts.iter().rev().find(|t| t.contains("(workshop-1003)")).unwrap();
    assert!(
        w.contains("Coming: 1 · Maybe: 0 · Not coming: 0 · Not answered: 1"),
        "{w}"
    );
    // Someone matched later is invited too, while it is ahead.
    let t2 = at(2030, 9, 25, 9, 0);
    let mentee = h.register("Sofie", Role::Mentee, Lang::En, t2).await;
    let mentor = h.register("Ole", Role::Mentor, Lang::En, t2).await;
    h.engine.match_pair(mentee, mentor, t2).await.unwrap();
    h.run_until(t2, at(2030, 9, 26, 12, 0)).await;
    assert_eq!(invitations(&h, "Sofie", "workshop-1003"), 1);
    // A restart keeps it: a new engine over the same database knows it.
    let pid = h.programme_id();
    let fresh = mentorbot::load_programme(&common::fixture("test-programme.toml")).unwrap();
    let again = mentorbot::Engine::new(h.engine.store.clone(), vec![fresh.0]);
    again
        .load_programmes(&[(pid.clone(), fresh.1)].into(), t2)
        .await
        .unwrap();
    let p = again.programme(&pid).unwrap();
    let w = p
        .events
        .iter()
        .find(|e| e.id == "workshop-1003")
        .expect("the workshop after a restart");
    assert_eq!(w.label.as_deref(), Some("Career workshop"));
}

fn count(h: &Harness, who: &str, needle: &str) -> usize {
    h.texts(who).iter().filter(|t| t.contains(needle)).count()
}

async fn reminders_go_to_who_has_not_answered_and_to_who_said_yes_once_each(db: Db) {
    let mut h = Harness::new(db).await;
    h.pair().await;
    // The kickoff: 5 September 17:00, invitations 19 August, answers due
    // by the end of 3 September.
    h.run(at(2030, 8, 19, 10, 0)).await;
    h.press("Amira", |p| p.ends_with("rsvp:kickoff:yes"), at(2030, 8, 19, 12, 0))
        .await;
    // Amira changes her mind twice: still one answer, still one reminder.
    h.press("Amira", |p| p.ends_with("rsvp:kickoff:no"), at(2030, 8, 20, 12, 0))
        .await;
    h.press("Amira", |p| p.ends_with("rsvp:kickoff:yes"), at(2030, 8, 21, 12, 0))
        .await;
    h.run_until(at(2030, 8, 19, 11, 0), at(2030, 9, 1, 20, 0)).await;
    assert_eq!(
        count(&h, "Lars", "Will you come to"),
        0,
        "not before two days ahead of the deadline"
    );
    h.run_until(at(2030, 9, 1, 21, 0), at(2030, 9, 6, 0, 0)).await;
    // Lars never answered: one reminder to answer, no day-before one.
    assert_eq!(count(&h, "Lars", "Will you come to"), 1);
    assert_eq!(count(&h, "Lars", "See you tomorrow"), 0);
    // Amira said yes: no reminder to answer, one the day before.
    assert_eq!(count(&h, "Amira", "Will you come to"), 0);
    assert_eq!(count(&h, "Amira", "See you tomorrow"), 1);
    let tomorrow = h
        .inbox("Amira")
        .into_iter()
        .find(|m| m.text.contains("See you tomorrow"))
        .unwrap();
    assert!(tomorrow.text.contains("Nobelparken"), "{}", tomorrow.text);
    assert_eq!(h.engine.store.rsvps(&h.programme_id()).await.unwrap().len(), 1);
}

async fn maybe_is_an_answer_without_the_day_before_reminder(db: Db) {
    let mut h = Harness::new(db).await;
    h.pair().await;
    h.run(at(2030, 8, 19, 10, 0)).await;
    // Lars says maybe; Amira says maybe, then yes.
    h.press("Lars", |p| p.ends_with("rsvp:kickoff:maybe"), at(2030, 8, 19, 12, 0))
        .await;
    assert!(h.texts("Lars").iter().any(|t| t.contains("might come")));
    h.press("Amira", |p| p.ends_with("rsvp:kickoff:maybe"), at(2030, 8, 19, 12, 0))
        .await;
    h.press("Amira", |p| p.ends_with("rsvp:kickoff:yes"), at(2030, 8, 20, 12, 0))
        .await;
    h.say("Karen", "/event", at(2030, 8, 21, 9, 0)).await;
    let texts = h.texts("Karen");
    let kickoff = texts.iter().find(|t| t.contains("(kickoff)")).expect("the kickoff");
    assert!(
        kickoff.contains("Coming: 1 · Maybe: 1 · Not coming: 0 · Not answered: 0"),
        "{kickoff}"
    );
    h.run_until(at(2030, 8, 21, 10, 0), at(2030, 9, 6, 0, 0)).await;
    // A maybe has answered (no reminder to answer) and is not coming (no
    // day-before reminder).
    assert_eq!(count(&h, "Lars", "Will you come to"), 0);
    assert_eq!(count(&h, "Lars", "See you tomorrow"), 0);
    assert_eq!(count(&h, "Amira", "See you tomorrow"), 1);
}

async fn not_answered_an_event_means_invited_and_not_answered(db: Db) {
    let mut h = Harness::new(db).await;
    h.pair().await;
    let t = at(2030, 8, 19, 10, 0);
    h.run(t).await;
    // Nora registers but is never matched, so never invited to the kickoff.
    let reg = mentorbot::Registration {
        programme_id: &h.programme_id(),
        role: Role::Mentee,
        name: "Nora",
        lang: Lang::En,
        tz: None,
        contact: None,
        consent: true,
        platform: "memory",
        user_id: "Nora",
        address: "Nora",
    };
    let nora = h.engine.register(&reg, t).await.unwrap();
    h.press("Amira", |p| p.ends_with("rsvp:kickoff:no"), at(2030, 8, 19, 12, 0))
        .await;
    let mut tx = h.engine.store.begin().await.unwrap();
    let who: Vec<i64> = h
        .engine
        .store
        .audience(
            &mut tx,
            &h.programme_id(),
            &bot_core::coordinator::broadcast::Audience::EventUnanswered("kickoff".into()),
        )
        .await
        .unwrap()
        .unwrap()
        .into_iter()
        .map(|(id, _, _)| id)
        .collect();
    tx.commit().await.unwrap();
    // Only Lars: invited and silent. Amira answered; Nora was never invited.
    assert_eq!(who, vec![h.ids["Lars"]]);
    assert!(!who.contains(&nora));
}

async fn changing_and_cancelling_an_event_tells_everyone_invited_once(db: Db) {
    let mut h = Harness::new(db).await;
    h.pair().await;
    let t = at(2030, 9, 20, 9, 0);
    create_workshop(&h, t).await;
    h.run(t + chrono::Duration::minutes(1)).await;
    // Change the start: everyone invited is told once, with the new file.
    let t1 = at(2030, 9, 21, 9, 0);
    h.say("Karen", "/event", t1).await;
    h.press("Karen", |p| p == "ev:edit:workshop-1003", t1).await;
    h.press("Karen", |p| p == "ev:keep", t1).await; // kind
    h.press("Karen", |p| p == "ev:keep", t1).await; // title
    h.say("Karen", "2030-10-03 18:00", t1).await;
    h.say("Karen", "20:00", t1).await;
    h.press("Karen", |p| p == "ev:keep", t1).await; // place
    h.press("Karen", |p| p == "ev:keep", t1).await; // audience
    h.press("Karen", |p| p == "ev:keep", t1).await; // deadline
    h.press("Karen", |p| p == "ev:save", t1).await;
    assert!(
        h.last("Karen").text.contains("The 2 people invited are told"),
        "{}",
        h.last("Karen").text
    );
    h.run(t1 + chrono::Duration::minutes(1)).await;
    h.run(t1 + chrono::Duration::hours(1)).await;
    for who in ["Amira", "Lars"] {
        assert_eq!(count(&h, who, "has changed"), 1, "{who}");
        let files = h.adapter.files_to(who);
        let last = files.iter().rev().find(|f| f.name == "workshop-1003.ics").unwrap();
        let text = String::from_utf8(last.bytes.clone()).unwrap();
        assert!(text.contains("20301003T160000Z"), "{text}");
        // Not invited a second time.
        assert_eq!(invitations(&h, who, "workshop-1003"), 1, "{who}");
    }
    // Cancel it: asked first, then everyone told once.
    let t2 = at(2030, 9, 22, 9, 0);
    h.say("Karen", "/event", t2).await;
    h.press("Karen", |p| p == "ev:drop:workshop-1003", t2).await;
    assert!(h.last("Karen").text.contains("Everyone invited will be told"));
    h.press("Karen", |p| p == "ev:dropok:workshop-1003", t2).await;
    // Pressed again (a stale button): nothing more.
    h.press("Karen", |p| p == "ev:dropok:workshop-1003", t2).await;
    assert_eq!(
        h.last("Karen").text,
        h.engine.catalog.text(
            &bot_core::message::Msg::new("button-expired"),
            Lang::En,
            chrono_tz::Europe::Copenhagen
        )
    );
    h.run_until(t2, t2 + chrono::Duration::hours(3)).await;
    for who in ["Amira", "Lars"] {
        assert_eq!(count(&h, who, "is cancelled"), 1, "{who}");
    }
    // An answer to the cancelled event is no longer taken.
    h.press(
        "Lars",
        |p| p.ends_with("rsvp:workshop-1003:yes"),
        t2 + chrono::Duration::hours(4),
    )
    .await;
    assert!(h.engine.store.rsvps(&h.programme_id()).await.unwrap().is_empty());
    h.say("Karen", "/event", t2 + chrono::Duration::hours(5)).await;
    assert!(!h.texts("Karen").last().unwrap().contains("workshop-1003"));
}

async fn event_create_edit_and_cancel_as_a_mentee_or_mentor_are_refused_and_change_nothing(db: Db) {
    let mut h = Harness::new(db).await;
    h.pair().await;
    let t = at(2030, 8, 10, 9, 0);
    let pid = h.programme_id();
    let before = h.engine.programme(&pid).unwrap().events.clone();
    for who in ["Amira", "Lars"] {
        for payload in [
            "ev:new",
            "ev:kind:workshop",
            "ev:edit:kickoff",
            "ev:drop:kickoff",
            "ev:dropok:kickoff",
            "ev:save",
        ] {
            h.press_payload(who, payload, t).await;
            assert!(
                h.last(who).text.contains("Only the programme's coordinators"),
                "{who} {payload}: {}",
                h.last(who).text
            );
        }
        h.say(who, "/event", t).await;
        assert!(
            !h.last(who)
                .buttons
                .iter()
                .flatten()
                .any(|b| b.payload.starts_with("ev:"))
        );
    }
    assert_eq!(h.engine.programme(&pid).unwrap().events, before);
    assert!(h.engine.store.saved_events().await.unwrap().is_empty());
    h.run(t + chrono::Duration::minutes(1)).await;
    for who in ["Amira", "Lars"] {
        assert_eq!(count(&h, who, "cancelled"), 0);
    }
}

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
        kickoff.contains("Coming: 1 · Maybe: 0 · Not coming: 1 · Not answered: 0"),
        "{kickoff}"
    );
    assert!(kickoff.contains("Who is coming: Amira"), "{kickoff}");
    // The closing's invitations have not gone out yet.
    let closing = texts.iter().find(|t| t.contains("(closing)")).expect("the closing");
    assert!(
        closing.contains("Coming: 0 · Maybe: 0 · Not coming: 0 · Not answered: 0"),
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
    for (name, role, answer) in [
        ("Amira", Role::Mentee, RsvpAnswer::Yes),
        ("Lars", Role::Mentor, RsvpAnswer::No),
        ("Maja", Role::Mentor, RsvpAnswer::Maybe),
    ] {
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
            .rsvp(&mut tx, "karrierementor", "kickoff", id, answer, t)
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
    assert!(out.contains("Kommer: 1 · Måske: 1 · Kommer ikke: 1"), "{out}");
    assert!(out.contains("Hvem kommer: Amira"), "{out}");
    let written = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = written.lines().collect();
    assert_eq!(lines[0], "name,role,answer,answered_at");
    assert!(
        lines[1].starts_with("Amira,mentee,yes,2030-08-01T07:00:00"),
        "{written}"
    );
    assert!(lines[2].starts_with("Lars,mentor,no,"), "{written}");
    assert!(lines[3].starts_with("Maja,mentor,maybe,"), "{written}");
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn event_create_edit_and_cancel_on_the_command_line() {
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
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_mentorbot"))
            .args(["event"])
            .args(&args[..1])
            .args(["--config", config.to_str().unwrap(), "--programme", "karrierementor"])
            .args(&args[1..])
            .env_remove("MENTORBOT_DATABASE_URL")
            .output()
            .unwrap()
    };
    // A start that cannot be read is refused in the programme's language; nothing is made.
    let o = run(&[
        "create",
        "--kind",
        "workshop",
        "--title",
        "Karrieredag",
        "--start",
        "i morgen",
        "--end",
        "19:00",
        "--place",
        "Aula",
    ]);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("Det kunne jeg ikke læse"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = run(&[
        "create",
        "--kind",
        "workshop",
        "--title",
        "Karrieredag",
        "--start",
        "2099-10-01 17:00",
        "--end",
        "19:00",
        "--place",
        "Aula",
        "--audience",
        "mentees",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("Karrieredag er oprettet") && out.contains("(workshop-1001)"),
        "{out}"
    );
    let o = run(&["edit", "workshop-1001", "--start", "2099-10-01 18:00", "--end", "20:00"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Karrieredag er ændret. Ingen er inviteret endnu."));
    // What a restart loads: the changed event, for mentees only.
    let store = Store::connect(&format!("sqlite://{}", db.display())).await.unwrap();
    let saved = store.saved_events().await.unwrap();
    let [(_, mentorbot::store::SavedEvent::Set(e))] = &saved[..] else {
        panic!("{saved:?}")
    };
    assert_eq!(
        (e.starts.to_string().as_str(), e.roles.as_slice()),
        ("18:00:00", &[Role::Mentee][..])
    );
    let o = run(&["cancel", "workshop-1001"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Karrieredag er aflyst"));
    assert!(
        matches!(&store.saved_events().await.unwrap()[..], [(_, mentorbot::store::SavedEvent::Cancelled(id))] if id == "workshop-1001")
    );
    // Cancelled twice: refused, naming it.
    let o = run(&["cancel", "workshop-1001"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no event `workshop-1001`"));
}

async fn an_event_for_the_unmatched_or_for_pairs_at_risk_invites_only_them(db: Db) {
    use bot_core::coordinator::event_dialogue::{Fields, from_fields};
    let mut h = Harness::new(db).await;
    h.pair().await; // Amira and Lars
    let t0 = at(2030, 8, 1, 9, 0);
    let sofie = h.register("Sofie", Role::Mentee, Lang::En, t0).await;
    let ole = h.register("Ole", Role::Mentor, Lang::En, t0).await;
    h.engine.match_pair(sofie, ole, t0).await.unwrap();
    h.register("Nora", Role::Mentee, Lang::En, t0).await;
    h.register("Per", Role::Mentor, Lang::En, t0).await;
    let pid = h.programme_id();
    let now = at(2030, 9, 10, 10, 0);
    h.run(now).await;
    // Amira says Lars does not answer: their pair is at risk; Sofie and Ole's is not.
    h.say("Amira", "/flag", now).await;
    h.press("Amira", |p| p.ends_with("flag:no-answer"), now).await;
    let fields = |title: &str, start: &str, audience: &str| Fields {
        kind: Some("workshop".into()),
        title: Some(title.into()),
        start: Some(start.into()),
        end: Some("19:00".into()),
        place: Some("Room 2".into()),
        audience: Some(audience.into()),
        rsvp_by: None,
    };
    let p = h.engine.programme(&pid).unwrap();
    let e = from_fields(
        &p,
        None,
        &fields("Still waiting? Meet us", "2030-09-20 17:00", "unmatched"),
        now,
    )
    .unwrap();
    let unmatched = h.engine.create_event(&pid, e, now).await.unwrap();
    let p = h.engine.programme(&pid).unwrap();
    let e = from_fields(&p, None, &fields("Back on track", "2030-09-21 17:00", "at-risk"), now).unwrap();
    h.engine.create_event(&pid, e, now).await.unwrap();
    h.run(now).await;
    h.run(now + chrono::Duration::minutes(1)).await;
    // An invitation names the event and its place.
    let invited = |h: &Harness, who: &str, title: &str| {
        h.texts(who)
            .iter()
            .filter(|t| t.contains(title) && t.contains("Room 2"))
            .count()
    };
    for (who, to_unmatched, to_at_risk) in [
        ("Nora", 1, 0),
        ("Per", 1, 0),
        ("Amira", 0, 1),
        ("Lars", 0, 1),
        ("Sofie", 0, 0),
        ("Ole", 0, 0),
    ] {
        assert_eq!(
            invited(&h, who, "Still waiting? Meet us"),
            to_unmatched,
            "{who}: {:?}",
            h.texts(who)
        );
        assert_eq!(
            invited(&h, who, "Back on track"),
            to_at_risk,
            "{who}: {:?}",
            h.texts(who)
        );
    }
    // Nora answers from outside any pair; it counts, once, however often.
    h.press("Nora", |p| p == format!("rsvp:{unmatched}:no"), now).await;
    h.press("Nora", |p| p == format!("rsvp:{unmatched}:yes"), now).await;
    let answers = h.engine.event_answers(&pid, &unmatched).await.unwrap();
    assert_eq!(
        (answers.coming.clone(), answers.not_coming),
        (vec!["Nora".to_string()], 0)
    );
    // Someone who registers later and is in no pair is invited on the next pass.
    h.register("Eva", Role::Mentee, Lang::En, now).await;
    h.run(now + chrono::Duration::hours(1)).await;
    h.run(now + chrono::Duration::hours(2)).await;
    assert_eq!(invited(&h, "Eva", "Still waiting? Meet us"), 1);
    assert_eq!(invited(&h, "Nora", "Still waiting? Meet us"), 1, "once");
}
