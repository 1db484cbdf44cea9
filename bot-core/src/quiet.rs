//! Quiet hours, kept in the recipient's time zone.

use crate::Ts;
use crate::programme::QuietHours;
use chrono::{Duration, NaiveTime, TimeZone};
use chrono_tz::Tz;

impl QuietHours {
    /// Whether a local time of day falls inside the quiet window. The
    /// window may wrap midnight (21:00–08:00).
    pub fn contains(&self, t: NaiveTime) -> bool {
        if self.from < self.to {
            t >= self.from && t < self.to
        } else {
            t >= self.from || t < self.to
        }
    }

    /// The earliest instant at or after `now` that lies outside the quiet
    /// window in `tz`.
    pub fn next_allowed(&self, now: Ts, tz: Tz) -> Ts {
        let local = now.with_timezone(&tz);
        if !self.contains(local.time()) {
            return now;
        }
        // Inside the window: it ends at `to` today or tomorrow.
        let mut date = local.date_naive();
        if local.time() >= self.to && self.from > self.to {
            date += Duration::days(1);
        }
        let naive = date.and_time(self.to);
        match tz.from_local_datetime(&naive) {
            chrono::LocalResult::Single(t) => t.to_utc(),
            chrono::LocalResult::Ambiguous(a, _) => a.to_utc(),
            chrono::LocalResult::None => tz
                .from_local_datetime(&(naive + Duration::hours(1)))
                .earliest()
                .map(|t| t.to_utc())
                .unwrap_or(now),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, Utc};

    fn qh() -> QuietHours {
        QuietHours {
            from: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
            to: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
        }
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> Ts {
        Utc.from_utc_datetime(
            &NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_hms_opt(h, min, 0)
                .unwrap(),
        )
    }

    #[test]
    fn a_message_at_night_waits_for_the_morning_in_the_recipients_zone() {
        let tz: Tz = "Europe/Copenhagen".parse().unwrap();
        // 22:30 in Copenhagen (CEST, UTC+2) → 08:00 local next day = 06:00 UTC.
        assert_eq!(qh().next_allowed(utc(2023, 9, 4, 20, 30), tz), utc(2023, 9, 5, 6, 0));
        // 03:00 local → 08:00 local the same day.
        assert_eq!(qh().next_allowed(utc(2023, 9, 5, 1, 0), tz), utc(2023, 9, 5, 6, 0));
        // Daytime passes straight through.
        assert_eq!(qh().next_allowed(utc(2023, 9, 5, 10, 0), tz), utc(2023, 9, 5, 10, 0));
    }

    #[test]
    fn the_same_instant_is_quiet_in_one_zone_and_not_in_another() {
        let oslo: Tz = "Europe/Oslo".parse().unwrap();
        let kabul: Tz = "Asia/Kabul".parse().unwrap();
        let t = utc(2023, 9, 5, 18, 0); // 20:00 in Oslo, 22:30 in Kabul
        assert_eq!(qh().next_allowed(t, oslo), t);
        assert!(qh().next_allowed(t, kabul) > t);
    }
}
