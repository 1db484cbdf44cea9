//! A time zone where it is about noon at a given instant: broadcasts wait
//! for each recipient's quiet hours, so recipients who live there get one
//! at once, whatever the hour the test or bench runs. Shared by the tests
//! (`common::noon_zone`) and `benches/broadcast.rs` (by `#[path]`).

/// The `Etc/GMT±N` zone where it is between 12:00 and 12:59 at `now`.
pub fn noon_zone(now: chrono::DateTime<chrono::Utc>) -> chrono_tz::Tz {
    let offset = (12 - i64::from(chrono::Timelike::hour(&now))).rem_euclid(24);
    let offset = if offset > 12 { offset - 24 } else { offset };
    let zone = match offset {
        0 => "Etc/GMT".to_string(),
        // The POSIX sign: Etc/GMT-2 is two hours ahead of UTC.
        o if o > 0 => format!("Etc/GMT-{o}"),
        o => format!("Etc/GMT+{}", -o),
    };
    zone.parse().expect("an Etc/GMT zone")
}
