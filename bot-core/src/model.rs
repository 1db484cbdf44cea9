//! Small shared vocabulary: languages, roles, phases.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A language the bot speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Da,
    Nb,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Da, Lang::Nb];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Da => "da",
            Lang::Nb => "nb",
        }
    }

    /// Parses a language code; `no` and `nn` are read as Norwegian Bokmål.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => Some(Lang::En),
            "da" | "dansk" | "danish" => Some(Lang::Da),
            "nb" | "no" | "nn" | "norsk" | "norwegian" => Some(Lang::Nb),
            _ => None,
        }
    }

    /// The order in which locales are tried for this recipient: their own
    /// language first, then along nb → da → en.
    pub fn fallback_chain(self) -> &'static [Lang] {
        match self {
            Lang::Nb => &[Lang::Nb, Lang::Da, Lang::En],
            Lang::Da => &[Lang::Da, Lang::En],
            Lang::En => &[Lang::En],
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A participant's role in a programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Mentee,
    Mentor,
    Coordinator,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Mentee => "mentee",
            Role::Mentor => "mentor",
            Role::Coordinator => "coordinator",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "mentee" => Some(Role::Mentee),
            "mentor" => Some(Role::Mentor),
            "coordinator" => Some(Role::Coordinator),
            _ => None,
        }
    }

    /// The other side of a pair.
    pub fn other(self) -> Role {
        match self {
            Role::Mentee => Role::Mentor,
            Role::Mentor | Role::Coordinator => Role::Mentee,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Where a pair is in its programme.
///
/// The main line runs matched → introduced → first meeting → expectation
/// setting → active → mid-term check → active → closing → closed →
/// follow-up. Paused, ended early and at risk sit beside it (see
/// [`crate::pair::Status`] and [`crate::pair::PairState::at_risk`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Matched,
    Introduced,
    FirstMeeting,
    ExpectationSetting,
    Active,
    MidtermCheck,
    Closing,
    Closed,
    FollowUp,
}

impl Phase {
    pub const ALL: [Phase; 9] = [
        Phase::Matched,
        Phase::Introduced,
        Phase::FirstMeeting,
        Phase::ExpectationSetting,
        Phase::Active,
        Phase::MidtermCheck,
        Phase::Closing,
        Phase::Closed,
        Phase::FollowUp,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Phase::Matched => "matched",
            Phase::Introduced => "introduced",
            Phase::FirstMeeting => "first_meeting",
            Phase::ExpectationSetting => "expectation_setting",
            Phase::Active => "active",
            Phase::MidtermCheck => "midterm_check",
            Phase::Closing => "closing",
            Phase::Closed => "closed",
            Phase::FollowUp => "follow_up",
        }
    }

    /// Whether the pair is expected to be meeting in this phase.
    pub fn is_meeting_phase(self) -> bool {
        matches!(
            self,
            Phase::Introduced | Phase::FirstMeeting | Phase::ExpectationSetting | Phase::Active | Phase::MidtermCheck
        )
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
