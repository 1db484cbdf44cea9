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
