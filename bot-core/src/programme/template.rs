//! Programme templates: last year's programme with new dates.
//!
//! Decides: how every date of a programme file moves when its start
//! moves. The start, the end and the surveys' opening days move by the
//! same number of days; events move by the nearest whole number of weeks,
//! so a Thursday kickoff stays a Thursday and the events keep their order
//! and spacing. Comments and layout of the file are kept (toml_edit).
//!
//! Must not know: the clock, files. The caller validates the result with
//! [`crate::Programme::parse`].

use chrono::{Datelike, Duration, NaiveDate};
use toml_edit::{DocumentMut, Item, Value};

/// Why a file could not be shifted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("not a TOML file: {0}")]
    Toml(String),
    #[error("`{0}` is missing or not a date like 2023-09-01")]
    Date(String),
}

/// What [`shift`] made: the new file and how far it moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shifted {
    pub source: String,
    /// Days the start, end and surveys moved.
    pub days: i64,
    /// Days the events moved (a whole number of weeks).
    pub event_days: i64,
}

/// The whole number of weeks nearest to `days`, in days.
pub fn whole_weeks(days: i64) -> i64 {
    (days + 3).div_euclid(7) * 7
}

/// Shifts every date of a programme file so that it starts on `start`.
pub fn shift(source: &str, start: NaiveDate) -> Result<Shifted, TemplateError> {
    let mut doc: DocumentMut = source
        .parse()
        .map_err(|e: toml_edit::TomlError| TemplateError::Toml(e.message().to_string()))?;
    let old = date_at(doc.get("start")).ok_or_else(|| TemplateError::Date("start".into()))?;
    let days = (start - old).num_days();
    let event_days = whole_weeks(days);
    move_date(doc.get_mut("start"), days, "start")?;
    move_date(doc.get_mut("end"), days, "end")?;
    for kind in ["midterm", "final"] {
        let item = doc
            .get_mut("surveys")
            .and_then(|s| s.get_mut(kind))
            .and_then(|s| s.get_mut("opens"));
        move_date(item, days, &format!("surveys.{kind}.opens"))?;
    }
    if let Some(events) = doc.get_mut("events").and_then(Item::as_array_of_tables_mut) {
        for (i, e) in events.iter_mut().enumerate() {
            move_date(e.get_mut("date"), event_days, &format!("events[{i}].date"))?;
        }
    }
    Ok(Shifted {
        source: doc.to_string(),
        days,
        event_days,
    })
}

fn date_at(item: Option<&Item>) -> Option<NaiveDate> {
    let dt = item?.as_value()?.as_datetime()?;
    match (dt.date, dt.time) {
        (Some(d), None) => NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()),
        _ => None,
    }
}

fn move_date(item: Option<&mut Item>, days: i64, name: &str) -> Result<(), TemplateError> {
    let bad = || TemplateError::Date(name.to_string());
    let item = item.ok_or_else(bad)?;
    let date = date_at(Some(item)).ok_or_else(bad)?;
    let moved = date + Duration::days(days);
    let value = item.as_value_mut().ok_or_else(bad)?;
    let decor = value.decor().clone();
    let dt = toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: u16::try_from(moved.year()).map_err(|_| bad())?,
            month: moved.month() as u8,
            day: moved.day() as u8,
        }),
        time: None,
        offset: None,
    };
    let mut new = Value::from(dt);
    *new.decor_mut() = decor;
    *value = new;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Programme;
    use crate::i18n::Catalog;
    use chrono::Weekday;

    const KM: &str = include_str!("../../../programmes/karrierementor.toml");

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn every_date_moves_and_events_keep_their_weekday() {
        let old = Programme::parse("km.toml", KM, Catalog::builtin()).unwrap();
        let out = shift(KM, d("2027-02-01")).unwrap();
        let new = Programme::parse("new.toml", &out.source, Catalog::builtin()).unwrap();
        assert_eq!(new.start, d("2027-02-01"));
        assert_eq!((new.end - new.start), (old.end - old.start));
        assert_eq!(
            new.surveys.midterm.opens - new.start,
            old.surveys.midterm.opens - old.start
        );
        assert_eq!(
            new.surveys.final_.opens - new.start,
            old.surveys.final_.opens - old.start
        );
        for (a, b) in old.events.iter().zip(&new.events) {
            assert_eq!(a.date.weekday(), b.date.weekday(), "{}", a.id);
            assert!((b.date - a.date).num_days() % 7 == 0);
            assert!(((b.date - a.date).num_days() - out.days).abs() <= 3);
        }
        let kickoff = new.events.iter().find(|e| e.id == "kickoff").unwrap();
        assert_eq!(kickoff.date.weekday(), Weekday::Thu);
        // Comments survive.
        assert!(out.source.contains("# Four meetings of 1–2 hours"));
    }

    #[test]
    fn a_shift_of_whole_weeks_moves_events_exactly() {
        let out = shift(KM, d("2023-09-21") + Duration::days(364)).unwrap();
        assert_eq!(out.days, 364);
        assert_eq!(out.event_days, 364);
        assert!(out.source.contains("date = 2024-09-19"));
    }

    #[test]
    fn whole_weeks_rounds_to_the_nearest() {
        assert_eq!(whole_weeks(0), 0);
        assert_eq!(whole_weeks(3), 0);
        assert_eq!(whole_weeks(4), 7);

        assert_eq!(whole_weeks(-3), 0);
        assert_eq!(whole_weeks(-4), -7);
        assert_eq!(whole_weeks(1229), 1232);
    }

    #[test]
    fn a_file_without_a_start_is_refused() {
        assert_eq!(
            shift("name = \"x\"\n", d("2027-01-01")),
            Err(TemplateError::Date("start".into()))
        );
        assert!(matches!(
            shift("= broken", d("2027-01-01")),
            Err(TemplateError::Toml(_))
        ));
    }
}
