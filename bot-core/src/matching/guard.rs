//! Whether a mentee may be matched at all: the guards in front of every
//! match (by hand, optimal, rematch).

use crate::Ts;
use crate::message::{Arg, Msg};
use crate::programme::Programme;

/// What a mentee's existing pair is doing, as far as matching cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairStatus {
    Running,
    Paused,
    EndedEarly,
}

impl PairStatus {
    /// The store's status column.
    pub fn parse(s: &str) -> Option<PairStatus> {
        match s {
            "running" => Some(PairStatus::Running),
            "paused" => Some(PairStatus::Paused),
            "ended_early" => Some(PairStatus::EndedEarly),
            _ => None,
        }
    }
}

/// Why a match is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The mentee already has a pair that has not ended.
    AlreadyMatched { pair: i64 },
    /// The programme has ended: a pair would get its intro and its end at once.
    Ended,
}

impl Refusal {
    /// The sentence for the coordinator (locales/*/cohort.ftl).
    pub fn msg(&self, mentee: &str, programme: &Programme) -> Msg {
        match self {
            Refusal::AlreadyMatched { pair } => Msg::new("cohort-refused-twice")
                .arg("mentee", Arg::Str(mentee.to_string()))
                .arg("pair", Arg::Num(*pair)),
            Refusal::Ended => Msg::new("cohort-refused-ended")
                .arg("programme", Arg::Str(programme.name.clone()))
                .arg("end", Arg::Str(programme.end.to_string())),
        }
    }
}

/// Whether a mentee with these pairs (id, status) may be matched in this
/// programme now. A pair that ended early does not count: its mentee may
/// be rematched.
pub fn may_match(p: &Programme, mentee_pairs: &[(i64, PairStatus)], now: Ts) -> Result<(), Refusal> {
    if now >= p.end_at() {
        return Err(Refusal::Ended);
    }
    if let Some((pair, _)) = mentee_pairs.iter().find(|(_, s)| *s != PairStatus::EndedEarly) {
        return Err(Refusal::AlreadyMatched { pair: *pair });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Catalog;
    use chrono::{Duration, TimeZone, Utc};

    fn programme() -> Programme {
        let src = include_str!("../../../programmes/karrierementor.toml");
        Programme::parse("km.toml", src, Catalog::builtin()).unwrap()
    }

    #[test]
    fn a_free_mentee_in_a_running_programme_may_be_matched() {
        let p = programme();
        let before = Utc.with_ymd_and_hms(2023, 8, 1, 9, 0, 0).unwrap();
        assert_eq!(may_match(&p, &[], before), Ok(()));
        assert_eq!(may_match(&p, &[(4, PairStatus::EndedEarly)], before), Ok(()));
    }

    #[test]
    fn a_mentee_with_a_pair_under_way_is_refused() {
        let p = programme();
        let now = Utc.with_ymd_and_hms(2023, 8, 1, 9, 0, 0).unwrap();
        for s in [PairStatus::Running, PairStatus::Paused] {
            assert_eq!(
                may_match(&p, &[(3, PairStatus::EndedEarly), (7, s)], now),
                Err(Refusal::AlreadyMatched { pair: 7 })
            );
        }
    }

    #[test]
    fn an_ended_programme_is_refused_from_its_end_on() {
        let p = programme();
        let end = p.end_at();
        assert_eq!(may_match(&p, &[], end - Duration::seconds(1)), Ok(()));
        assert_eq!(may_match(&p, &[], end), Err(Refusal::Ended));
        let text = Catalog::builtin().text(&Refusal::Ended.msg("Ada", &p), crate::Lang::En, p.time_zone);
        assert!(text.contains("Karrierementor") && text.contains("2023-12-15"), "{text}");
    }
}
