use super::*;
use crate::i18n::Catalog;
use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::{Copenhagen, Oslo};

const BROADCAST: &str = "
[[recurring_broadcasts]]
id = \"sunday-night\"
cron = \"30 2 * * sun\"
audience = \"mentees\"
text = { da = \"Husk logbogen\", en = \"Remember the logbook\" }
";

fn source(extra: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/test-programme.toml");
    std::fs::read_to_string(path).unwrap() + extra
}

fn programme(extra: &str, tz: &str) -> Programme {
    let src = source(extra).replace("Europe/Copenhagen", tz);
    Programme::parse("test-programme.toml", &src, Catalog::builtin()).unwrap()
}

fn error(extra: &str) -> (crate::programme::ProgrammeError, String) {
    let src = source(extra);
    let e = Programme::parse("test-programme.toml", &src, Catalog::builtin()).unwrap_err();
    (e, src)
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> Ts {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

/// Every firing in [from, to), the scheduler's way: the next after the last.
fn firings(s: &Schedule, tz: Tz, from: Ts, to: Ts) -> Vec<Ts> {
    let mut out = vec![];
    let mut t = from;
    while let Some(n) = s.next(tz, t) {
        if n >= to {
            break;
        }
        out.push(n);
        t = n;
    }
    out
}

fn broadcast_of(p: &Programme) -> Schedule {
    declared(p)
        .into_iter()
        .find(|s| s.kind == "broadcast:sunday-night")
        .expect("declared")
}

#[test]
fn a_programme_files_recurring_broadcast_is_declared_with_its_audience_and_texts() {
    let p = programme(BROADCAST, "Europe/Copenhagen");
    let s = broadcast_of(&p);
    assert_eq!(s.cron.source, "30 2 * * sun");
    assert_eq!(
        s.job,
        Job::Broadcast {
            audience: Audience::Mentees,
            texts: vec![
                (Some(Lang::En), "Remember the logbook".into()),
                (Some(Lang::Da), "Husk logbogen".into())
            ],
        }
    );
    // The digest is declared too, on its default schedule.
    let d = declared(&p).into_iter().find(|s| s.job == Job::Digest).unwrap();
    assert_eq!(d.cron.source, "0 9 * * 1");
}

#[test]
fn a_sunday_0230_broadcast_fires_once_on_the_march_and_october_changes() {
    for tz_name in ["Europe/Copenhagen", "Europe/Oslo"] {
        let p = programme(BROADCAST, tz_name);
        let tz = p.time_zone;
        assert!(tz == Copenhagen || tz == Oslo);
        let s = broadcast_of(&p);
        // 2030-03-31: 02:00–03:00 does not exist; it fires when the clocks land.
        let march = firings(&s, tz, utc(2030, 3, 20, 0, 0), utc(2030, 4, 10, 0, 0));
        assert_eq!(
            march,
            vec![utc(2030, 3, 24, 1, 30), utc(2030, 3, 31, 1, 0), utc(2030, 4, 7, 0, 30)],
            "{tz_name}"
        );
        // 2030-10-27: 02:30 happens twice; it fires at the first only.
        let october = firings(&s, tz, utc(2030, 10, 20, 0, 0), utc(2030, 11, 5, 0, 0));
        assert_eq!(
            october,
            vec![
                utc(2030, 10, 20, 0, 30),
                utc(2030, 10, 27, 0, 30),
                utc(2030, 11, 3, 1, 30)
            ],
            "{tz_name}"
        );
        // Asked again from inside the repeated hour: not again that day.
        let n = s.next(tz, utc(2030, 10, 27, 1, 15)).unwrap();
        assert_eq!(
            n.with_timezone(&tz).date_naive(),
            NaiveDate::from_ymd_opt(2030, 11, 3).unwrap()
        );
    }
}

#[test]
fn a_bad_cron_audience_or_text_in_the_file_names_file_line_and_field() {
    let cases = [
        (BROADCAST.replace("30 2 * * sun", "30 2 * *"), "cron", "write 5"),
        (BROADCAST.replace("30 2 * * sun", "30 25 * * sun"), "cron", "30 25"),
        (
            BROADCAST.replace("\"mentees\"", "\"friends\""),
            "audience",
            "not an audience",
        ),
        (
            BROADCAST.replace("da = \"Husk", "nb = \"Husk"),
            "text",
            "`nb` is not one of",
        ),
        (
            BROADCAST.replace("{ da = \"Husk logbogen\", en = \"Remember the logbook\" }", "\" \""),
            "text",
            "empty",
        ),
    ];
    for (extra, field, why) in cases {
        let (e, src) = error(&extra);
        let line = src
            .lines()
            .collect::<Vec<_>>()
            .iter()
            .rposition(|l| l.trim_start().starts_with(field))
            .unwrap()
            + 1;
        assert_eq!(e.file, "test-programme.toml");
        assert_eq!(e.field, format!("recurring_broadcasts.0.{field}"), "{e}");
        assert_eq!(e.line, line, "{e}");
        assert!(e.message.contains(why), "{e}");
    }
    let (e, _) = error("\n[digest]\ncron = \"0 9 * * 8\"\n");
    assert_eq!(e.field, "digest.cron");
    assert!(e.message.contains("not a weekday"), "{e}");
    let (e, _) = error(
        "\n[[recurring]]\nid = \"ws\"\ncron = \"0 17 * *\"\nkind = \"workshop\"\nduration_minutes = 60\nplace = \"x\"\ninvite_days_before = 7\n",
    );
    assert_eq!(e.field, "recurring.0.cron", "{e}");
}

#[test]
fn the_digests_cron_comes_from_the_file() {
    let p = programme("\n[digest]\ncron = \"0 8 * * fri\"\n", "Europe/Copenhagen");
    let d = declared(&p).into_iter().find(|s| s.job == Job::Digest).unwrap();
    // Friday 6 September 2030, 08:00 CEST.
    assert_eq!(d.next(p.time_zone, utc(2030, 9, 2, 0, 0)), Some(utc(2030, 9, 6, 6, 0)));
}

#[test]
fn a_coordinators_schedule_is_checked_before_anything_is_stored() {
    let p = programme("", "Europe/Copenhagen");
    let job = Job::Broadcast {
        audience: Audience::Unmatched,
        texts: vec![(None, "Still waiting? Write to us.".into())],
    };
    let s = new(&p, coordinator_kind(&job, 3), "0 9 * * 1", job.clone()).unwrap();
    assert_eq!(s.kind, "s3");
    assert_eq!(coordinator_number("s3"), Some(3));
    assert!(
        new(&p, "s4".into(), "0 9 * *", job.clone())
            .unwrap_err()
            .contains("write 5")
    );
    assert!(new(&p, "s4".into(), "every monday", job).is_err());
    let nb = Job::Broadcast {
        audience: Audience::Everyone,
        texts: vec![(Some(Lang::Nb), "Hei".into())],
    };
    assert!(new(&p, "s4".into(), "0 9 * * 1", nb).unwrap_err().contains("`nb`"));
    let profile = Job::Broadcast {
        audience: Audience::Profile {
            field: "field".into(),
            value: "it".into(),
        },
        texts: vec![(None, "Hi".into())],
    };
    assert!(new(&p, "s4".into(), "0 9 * * 1", profile).is_err());
    // The digest keeps its kind: one per programme.
    assert_eq!(coordinator_kind(&Job::Digest, 9), "digest");
    // A job survives the trip through `schedules.spec`.
    let json = serde_json::to_string(&s.job).unwrap();
    assert_eq!(serde_json::from_str::<Job>(&json).unwrap(), s.job);
    let next = s.next(p.time_zone, utc(2030, 9, 3, 0, 0)).unwrap();
    assert_eq!(next, utc(2030, 9, 9, 7, 0));
}

#[test]
fn broadcasts_and_events_stop_when_the_programme_ends_and_the_digest_goes_on() {
    let p = programme(BROADCAST, "Europe/Copenhagen");
    let b = broadcast_of(&p).job;
    let end = p.end_at();
    assert!(b.acts(&p, end - chrono::Duration::minutes(1)));
    assert!(!b.acts(&p, end));
    assert!(!b.acts(&p, end + chrono::Duration::days(30)));
    assert!(Job::Digest.acts(&p, end + chrono::Duration::days(30)));
}
