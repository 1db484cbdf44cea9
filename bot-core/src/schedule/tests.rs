use super::*;
use chrono::{Datelike, NaiveDate, Timelike, Weekday};
use chrono_tz::Europe::{Copenhagen, Oslo};

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> Ts {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

/// Every firing in [from, to), stepping as the scheduler does: the next
/// firing after the last one.
fn firings(c: &Cron, tz: Tz, from: Ts, to: Ts) -> Vec<Ts> {
    let mut out = vec![];
    let mut t = from;
    while let Some(n) = c.next_after(t, tz) {
        if n >= to {
            break;
        }
        out.push(n);
        t = n;
    }
    out
}

fn on_local_day(fs: &[Ts], tz: Tz, day: NaiveDate) -> Vec<Ts> {
    fs.iter()
        .copied()
        .filter(|t| t.with_timezone(&tz).date_naive() == day)
        .collect()
}

#[test]
fn a_daily_0230_fires_once_on_the_march_change_when_the_clocks_land() {
    let c: Cron = "30 2 * * *".parse().unwrap();
    for tz in [Copenhagen, Oslo] {
        let fs = firings(&c, tz, utc(2030, 3, 29, 0, 0), utc(2030, 4, 2, 0, 0));
        // 2030-03-31 is the last Sunday of March: 02:00–03:00 does not exist.
        let change = on_local_day(&fs, tz, NaiveDate::from_ymd_opt(2030, 3, 31).unwrap());
        assert_eq!(change, vec![utc(2030, 3, 31, 1, 0)], "{tz}: at 03:00 CEST, once");
        assert_eq!(
            fs,
            vec![
                utc(2030, 3, 29, 1, 30),
                utc(2030, 3, 30, 1, 30),
                utc(2030, 3, 31, 1, 0),
                utc(2030, 4, 1, 0, 30)
            ]
        );
    }
}

#[test]
fn a_daily_0230_fires_once_on_the_october_change_at_the_first_0230() {
    let c: Cron = "30 2 * * *".parse().unwrap();
    for tz in [Copenhagen, Oslo] {
        let fs = firings(&c, tz, utc(2030, 10, 26, 0, 0), utc(2030, 10, 29, 0, 0));
        // 2030-10-27: 02:00–03:00 happens twice; the first is CEST (00:30 UTC).
        let change = on_local_day(&fs, tz, NaiveDate::from_ymd_opt(2030, 10, 27).unwrap());
        assert_eq!(change, vec![utc(2030, 10, 27, 0, 30)], "{tz}");
        assert_eq!(fs.len(), 3, "{tz}: {fs:?}");
    }
}

#[test]
fn an_hourly_schedule_fires_once_per_wall_clock_hour_across_both_changes() {
    let c: Cron = "0 * * * *".parse().unwrap();
    for tz in [Copenhagen, Oslo] {
        let day = |m, d| {
            let start = tz.with_ymd_and_hms(2030, m, d, 0, 0, 0).unwrap().to_utc();
            let fs = firings(&c, tz, start - Duration::seconds(1), start + Duration::hours(26));
            on_local_day(&fs, tz, NaiveDate::from_ymd_opt(2030, m, d).unwrap())
        };
        let march = day(3, 31);
        // 23 real hours; 02:00 is 03:00, and 03:00 does not fire again.
        assert_eq!(march.len(), 23, "{tz}: {march:?}");
        let october = day(10, 27);
        // 25 real hours, 24 wall-clock hours: the repeated 02:00 fires once.
        assert_eq!(october.len(), 24, "{tz}: {october:?}");
        for fs in [&march, &october] {
            let mut sorted = fs.to_vec();
            sorted.dedup();
            assert_eq!(&sorted, fs, "never twice");
        }
    }
}

#[test]
fn the_monday_digest_stays_at_0900_local_across_the_change() {
    let c: Cron = "0 9 * * 1".parse().unwrap();
    let fs = firings(&c, Copenhagen, utc(2030, 3, 20, 0, 0), utc(2030, 4, 5, 0, 0));
    assert_eq!(fs, vec![utc(2030, 3, 25, 8, 0), utc(2030, 4, 1, 7, 0)]);
}

#[test]
fn sunday_is_0_or_7_or_its_name_and_both_day_fields_must_match() {
    let from = utc(2030, 9, 2, 0, 0); // a Monday
    for e in ["0 9 * * 0", "0 9 * * 7", "0 9 * * sun", "0 9 * * SUN"] {
        let c: Cron = e.parse().unwrap();
        let n = c.next_after(from, Copenhagen).unwrap();
        assert_eq!(n.with_timezone(&Copenhagen).weekday(), Weekday::Sun, "{e}");
    }
    let weekdays: Cron = "0 9 * * 1-5".parse().unwrap();
    let fs = firings(&weekdays, Copenhagen, from, from + Duration::days(7));
    assert_eq!(fs.len(), 5);
    assert!(
        fs.iter()
            .all(|t| t.with_timezone(&Copenhagen).weekday().number_from_monday() <= 5)
    );
    let weekend: Cron = "0 9 * * 6-7".parse().unwrap();
    assert_eq!(firings(&weekend, Copenhagen, from, from + Duration::days(7)).len(), 2);
    // The first Thursday of each month at 17:00.
    let c: Cron = "0 17 1-7 * 4".parse().unwrap();
    let fs = firings(&c, Copenhagen, utc(2030, 9, 1, 0, 0), utc(2030, 12, 1, 0, 0));
    let days: Vec<u32> = fs.iter().map(|t| t.with_timezone(&Copenhagen).day()).collect();
    assert_eq!(days, [5, 3, 7]);
    assert!(fs.iter().all(|t| t.with_timezone(&Copenhagen).hour() == 17));
}

#[test]
fn bad_expressions_are_refused_saying_why() {
    assert!("0 9 * *".parse::<Cron>().unwrap_err().contains("write 5"));
    assert!("0 0 9 * * 1".parse::<Cron>().unwrap_err().contains("6 fields"));
    assert!("0 9 * * 8".parse::<Cron>().unwrap_err().contains("not a weekday"));
    assert!("61 9 * * 1".parse::<Cron>().is_err());
}
