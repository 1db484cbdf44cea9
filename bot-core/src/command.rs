//! What a participant typed: a command with its arguments, or plain text.

use crate::Ts;
use chrono::{Datelike, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;

/// A command a participant can send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Start(Option<String>),
    Help,
    Status,
    /// `/booked [date] [time]`: the raw arguments, parsed by [`parse_when`].
    Booked(String),
    Met,
    Prompt,
    Flag,
    Pause,
    Resume,
    Language(Option<String>),
    MyData,
    /// `/consent`: share one's contact details with the match, or stop.
    Consent,
    Forget,
    Skip,
    Unknown(String),
    /// `/broadcast`: a coordinator's announcement (refused to others).
    Broadcast,
    /// `/event`: a coordinator's events (refused to others).
    Event,
    /// `/match`: a coordinator's summary of the optimal proposal.
    Match,
    /// `/pairs`: the coordinator's list of pairs (health and control).
    Pairs,
    /// `/report`: the evaluation in short, with the overall-benefit chart.
    Report,
    /// `/profile`: one's profile, and answering a question again.
    Profile,
}

impl Command {
    /// The commands shown in participants' menus, in order.
    pub const MENU: [&'static str; 12] = [
        "help", "status", "profile", "booked", "met", "prompt", "flag", "pause", "language", "mydata", "consent",
        "forget",
    ];
    /// The commands shown in coordinators' menus, in order.
    pub const COORDINATOR_MENU: [&'static str; 9] = [
        "help",
        "status",
        "pairs",
        "report",
        "match",
        "broadcast",
        "event",
        "language",
        "mydata",
    ];
}

/// Parses text that starts with `/`; anything else is not a command.
/// `/cmd@botname args` (Telegram groups) is accepted.
pub fn parse(text: &str) -> Option<Command> {
    let text = text.trim();
    let rest = text.strip_prefix('/')?;
    let (head, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let name = head.split('@').next().unwrap_or("").to_lowercase();
    let args = args.trim();
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Some(match name.as_str() {
        "start" => Command::Start(opt(args)),
        "help" | "hjelp" | "hjælp" => Command::Help,
        "status" => Command::Status,
        "booked" | "book" => Command::Booked(args.to_string()),
        "met" => Command::Met,
        "prompt" => Command::Prompt,
        "flag" => Command::Flag,
        "pause" => Command::Pause,
        "resume" => Command::Resume,
        "language" | "sprog" | "språk" => Command::Language(opt(args)),
        "mydata" => Command::MyData,
        "consent" | "samtykke" => Command::Consent,
        "forget" => Command::Forget,
        "pairs" | "par" => Command::Pairs,
        "report" | "rapport" => Command::Report,
        "skip" => Command::Skip,
        "broadcast" => Command::Broadcast,
        "event" | "events" => Command::Event,
        "match" => Command::Match,
        "profile" | "profil" => Command::Profile,
        _ => Command::Unknown(name),
    })
}

/// What `/booked` arguments meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// A full date and time.
    At(Ts),
    /// A date without a time: ask for the time.
    Day(NaiveDate),
    Invalid,
}

/// Reads a meeting time typed by a participant, in their zone: `2023-10-12
/// 17:00`, `12.10 17:00`, `12/10 17.00`, `12.10.2023 kl. 17`. A date
/// without a year is the next such date on or after today.
pub fn parse_when(text: &str, now: Ts, tz: Tz) -> When {
    let today = now.with_timezone(&tz).date_naive();
    let mut date = None;
    let mut time = None;
    for tok in text.split_whitespace() {
        let tok = tok.trim_end_matches(',');
        if matches!(tok.to_lowercase().as_str(), "kl" | "kl." | "at" | "@") {
            continue;
        }
        if date.is_none()
            && let Some(d) = parse_date(tok, today)
        {
            date = Some(d);
            continue;
        }
        if time.is_none()
            && let Some(t) = parse_time(tok)
        {
            time = Some(t);
            continue;
        }
        return When::Invalid;
    }
    match (date, time) {
        (Some(d), Some(t)) => when_at(d, t, tz),
        (Some(d), None) => When::Day(d),
        _ => When::Invalid,
    }
}

/// A local date and time in a participant's zone; a time that does not
/// exist there (the hour skipped in spring) is invalid.
pub fn when_at(date: NaiveDate, time: NaiveTime, tz: Tz) -> When {
    match tz.from_local_datetime(&date.and_time(time)).earliest() {
        Some(local) => When::At(local.to_utc()),
        None => When::Invalid,
    }
}

fn parse_date(tok: &str, today: NaiveDate) -> Option<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(tok, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = tok.trim_end_matches('.').split(['.', '/']).collect();
    let num = |s: &str| s.parse::<u32>().ok();
    match parts.as_slice() {
        [d, m] => {
            let (d, m) = (num(d)?, num(m)?);
            let this = NaiveDate::from_ymd_opt(today.year(), m, d)?;
            if this >= today {
                Some(this)
            } else {
                NaiveDate::from_ymd_opt(today.year() + 1, m, d)
            }
        }
        [d, m, y] => {
            let y = num(y)? as i32;
            let y = if y < 100 { 2000 + y } else { y };
            NaiveDate::from_ymd_opt(y, num(m)?, num(d)?)
        }
        _ => None,
    }
}

fn parse_time(tok: &str) -> Option<NaiveTime> {
    for f in ["%H:%M", "%H.%M"] {
        if let Ok(t) = NaiveTime::parse_from_str(tok, f) {
            return Some(t);
        }
    }
    let h: u32 = tok.parse().ok()?;
    NaiveTime::from_hms_opt(h, 0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    #[test]
    fn commands_parse_with_arguments_and_bot_suffix() {
        assert_eq!(parse("/help"), Some(Command::Help));
        assert_eq!(
            parse("/booked@mentorbot 12.10 17:00"),
            Some(Command::Booked("12.10 17:00".into()))
        );
        assert_eq!(parse("/start abc123"), Some(Command::Start(Some("abc123".into()))));
        assert_eq!(parse("/frobnicate"), Some(Command::Unknown("frobnicate".into())));
        assert_eq!(parse("hello"), None);
    }

    #[test]
    fn meeting_times_are_read_in_the_participants_zone() {
        let tz: Tz = "Europe/Copenhagen".parse().unwrap();
        let now = Utc.with_ymd_and_hms(2023, 10, 1, 12, 0, 0).unwrap();
        assert_eq!(
            parse_when("12.10 17:00", now, tz),
            When::At(Utc.with_ymd_and_hms(2023, 10, 12, 15, 0, 0).unwrap())
        );
        assert_eq!(
            parse_when("2023-10-12 kl. 17", now, tz),
            When::At(Utc.with_ymd_and_hms(2023, 10, 12, 15, 0, 0).unwrap())
        );
        // A date already passed this year means next year.
        assert_eq!(
            parse_when("5/1", now, tz),
            When::Day(NaiveDate::from_ymd_opt(2024, 1, 5).unwrap())
        );
        assert_eq!(parse_when("tomorrow-ish", now, tz), When::Invalid);
        assert_eq!(parse_when("32.10 17:00", now, tz), When::Invalid);
    }
}
