//! Recurring schedules: ordinary 5-field cron expressions in a programme's
//! time zone (a recurring event or broadcast, the weekly digest).
//!
//! Decides: what an expression means and its next firing after an instant.
//! A coordinator writes `minute hour day-of-month month day-of-week` with
//! Sunday as 0 or 7 (names work too); the `cron` crate wants seconds first
//! and counts Sunday as 1, so the expression is translated, the weekdays
//! spelled out as the crate counts them. When day-of-month and day-of-week
//! are both given, both must match (`0 17 1-7 * 4`: the first Thursday).
//!
//! Across a daylight-saving change a schedule fires exactly once per wall-
//! clock occurrence: a time that happens twice (October) fires at its
//! first occurrence only; a time that does not exist (March) fires when
//! the clocks have jumped (02:30 → 03:00). The shell stores the next
//! firing like `next_due_at`; nothing here reads the clock.
//!
//! Must not know: the database, what a firing does.

use crate::Ts;
use chrono::{Duration, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use std::str::FromStr;

/// A parsed 5-field cron expression.
#[derive(Debug, Clone)]
pub struct Cron {
    /// As written.
    pub source: String,
    schedule: cron::Schedule,
}

impl PartialEq for Cron {
    fn eq(&self, other: &Cron) -> bool {
        self.source == other.source
    }
}

const DAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/// The weekdays a day-of-week field names, Sunday = 0.
fn weekdays(field: &str) -> Result<[bool; 7], String> {
    let day = |s: &str| -> Result<usize, String> {
        let s = s.to_ascii_lowercase();
        if let Some(i) = DAYS.iter().position(|d| s.starts_with(d) && s.len() >= 3) {
            return Ok(i);
        }
        match s.parse::<usize>() {
            Ok(n @ 0..=7) => Ok(n % 7),
            _ => Err(format!("`{s}` is not a weekday (0–7 or sun–sat)")),
        }
    };
    let mut out = [false; 7];
    for part in field.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => (
                r,
                s.parse::<usize>()
                    .ok()
                    .filter(|s| *s > 0)
                    .ok_or(format!("bad step in `{part}`"))?,
            ),
            None => (part, 1),
        };
        let (from, to) = match range {
            "*" => (0, 6),
            r => match r.split_once('-') {
                Some((a, b)) => {
                    let (a, b) = (day(a)?, day(b)?);
                    // `5-7` and `fri-sun` run to Sunday.
                    (a, if b < a && b == 0 { 7 } else { b })
                }
                None if step > 1 => (day(r)?, 6),
                None => (day(r)?, day(r)?),
            },
        };
        if to < from {
            return Err(format!("`{range}` runs backwards"));
        }
        for d in (from..=to).step_by(step) {
            out[d % 7] = true;
        }
    }
    Ok(out)
}

impl FromStr for Cron {
    type Err = String;

    fn from_str(s: &str) -> Result<Cron, String> {
        let fields: Vec<&str> = s.split_whitespace().collect();
        let [minute, hour, dom, month, dow] = fields[..] else {
            return Err(format!(
                "`{s}` has {} fields; write 5: minute hour day-of-month month day-of-week",
                fields.len()
            ));
        };
        let dow = if dow == "*" {
            "*".to_string()
        } else {
            let days = weekdays(dow)?;
            // The crate counts Sunday as 1.
            (0..7)
                .filter(|d| days[*d])
                .map(|d| (d + 1).to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        let six = format!("0 {minute} {hour} {dom} {month} {dow}");
        let schedule = cron::Schedule::from_str(&six).map_err(|e| format!("`{s}`: {e}"))?;
        Ok(Cron {
            source: s.to_string(),
            schedule,
        })
    }
}

impl Cron {
    /// The first firing strictly after `after`, in zone `tz`.
    pub fn next_after(&self, after: Ts, tz: Tz) -> Option<Ts> {
        // Wall-clock times, as if the zone had no changes, from a little
        // before `after` (a repeated hour maps back in time).
        let local = after.with_timezone(&tz).naive_local() - Duration::hours(3);
        let start = Utc.from_utc_datetime(&local);
        self.schedule
            .after(&start)
            .take(10_000)
            .map(|wall| instant(wall.naive_utc(), tz))
            .find(|t| *t > after)
    }
}

/// The instant a wall-clock time in `tz` fires at: its first occurrence,
/// or, when the clocks skip it, the moment they land.
fn instant(wall: NaiveDateTime, tz: Tz) -> Ts {
    if let Some(t) = tz.from_local_datetime(&wall).earliest() {
        return t.to_utc();
    }
    let mut t = wall;
    for _ in 0..(24 * 60) {
        t += Duration::minutes(1);
        if let Some(x) = tz.from_local_datetime(&t).earliest() {
            return x.to_utc();
        }
    }
    Utc.from_utc_datetime(&wall)
}

#[cfg(test)]
mod tests;
