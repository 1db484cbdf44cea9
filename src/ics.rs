//! The `.ics` calendar file an event invitation carries, built with the
//! `icalendar` crate: start and end as UTC instants (the programme's zone
//! already applied), the place, a stable UID per programme and event (a
//! changed event replaces the old entry in the calendar).

use bot_core::Ts;
use bot_core::programme::{Event, Programme};
use chrono::TimeZone;
use icalendar::{Calendar, Component, EventLike};

/// The event's end, in the programme's zone.
pub fn event_ends_at(p: &Programme, e: &Event) -> Ts {
    p.time_zone
        .from_local_datetime(&e.date.and_time(e.ends))
        .earliest()
        .map(|t| t.to_utc())
        .unwrap_or_else(|| p.event_starts_at(e))
}

/// The calendar file of event `e`; `summary` is its name in the
/// recipient's language; `stamp` is when the invitation was made (no
/// clock is read).
pub fn event_ics(p: &Programme, e: &Event, summary: &str, stamp: Ts) -> String {
    let event = icalendar::Event::new()
        .uid(&format!("{}-{}@mentorbot", p.id, e.id))
        .summary(summary)
        .location(&e.place)
        .starts(p.event_starts_at(e))
        .ends(event_ends_at(p, e))
        .timestamp(stamp)
        .done();
    Calendar::new().name(&p.name).push(event).done().to_string()
}
