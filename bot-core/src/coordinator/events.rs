//! `/event` for coordinators: the coming events with their answers.
//!
//! Decides: what the overview says (answers yes and no, invited people who
//! have not answered, who is coming). The shell counts.
//!
//! Must not know: the database.

use crate::Ts;
use crate::message::Msg;

/// One coming event's answers, as the shell counted them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventAnswers {
    pub id: String,
    /// The event's name (a Fluent key).
    pub name_key: String,
    pub starts: Ts,
    /// Who said yes, by name.
    pub coming: Vec<String>,
    pub not_coming: i64,
    /// People invited.
    pub invited: i64,
}

/// One message per coming event, or that there is none.
pub fn overview(events: &[EventAnswers]) -> Vec<Msg> {
    if events.is_empty() {
        return vec![Msg::new("event-none")];
    }
    events
        .iter()
        .map(|e| {
            let answered = e.coming.len() as i64 + e.not_coming;
            Msg::new("event-overview")
                .key("event", e.name_key.clone())
                .str("id", e.id.clone())
                .time("starts", e.starts)
                .num("yes", e.coming.len() as i64)
                .num("no", e.not_coming)
                .num("open", (e.invited - answered).max(0))
                .str(
                    "coming",
                    if e.coming.is_empty() {
                        "–".into()
                    } else {
                        e.coming.join(", ")
                    },
                )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::Arg;
    use chrono::TimeZone;

    #[test]
    fn the_overview_counts_answers_and_names_who_is_coming() {
        let starts = chrono::Utc.with_ymd_and_hms(2030, 9, 5, 15, 0, 0).unwrap();
        let [m] = &overview(&[EventAnswers {
            id: "kickoff".into(),
            name_key: "event-kind-kickoff".into(),
            starts,
            coming: vec!["Amira".into(), "Lars".into()],
            not_coming: 1,
            invited: 6,
        }])[..] else {
            panic!()
        };
        assert_eq!(m.get("open"), Some(&Arg::Num(3)));
        assert_eq!(m.get("coming"), Some(&Arg::Str("Amira, Lars".into())));
        assert_eq!(overview(&[]), vec![Msg::new("event-none")]);
    }
}
