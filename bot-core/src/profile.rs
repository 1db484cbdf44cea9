//! A participant's profile: the facts matching needs, and the programme's
//! `[profile]` (which questions it asks) and `[matching]` (the weights of
//! the soft criteria) sections.
//!
//! Decides: what a profile holds, which formats are compatible, and which
//! profile questions a programme asks of which role.
//!
//! Must not know: the clock, the database, platforms.

use crate::model::Role;
use serde::{Deserialize, Serialize};

/// How a pair meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Virtual,
    Physical,
    Both,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Virtual, Format::Physical, Format::Both];

    /// Whether two people can meet: "both" meets anyone.
    pub fn compatible(self, other: Format) -> bool {
        self == Format::Both || other == Format::Both || self == other
    }

    pub fn code(self) -> &'static str {
        match self {
            Format::Virtual => "virtual",
            Format::Physical => "physical",
            Format::Both => "both",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.code() == s)
    }
}

/// A gender, for programmes that let mentees wish for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Woman,
    Man,
    Other,
}

impl Gender {
    pub const ALL: [Gender; 3] = [Gender::Woman, Gender::Man, Gender::Other];

    pub fn code(self) -> &'static str {
        match self {
            Gender::Woman => "woman",
            Gender::Man => "man",
            Gender::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Gender> {
        Gender::ALL.into_iter().find(|g| g.code() == s)
    }
}

/// An age band, for programmes that let mentees wish for a mentor's age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeBand {
    Under30,
    From30To49,
    From50,
}

impl AgeBand {
    pub const ALL: [AgeBand; 3] = [AgeBand::Under30, AgeBand::From30To49, AgeBand::From50];

    pub fn code(self) -> &'static str {
        match self {
            AgeBand::Under30 => "under-30",
            AgeBand::From30To49 => "30-49",
            AgeBand::From50 => "50-plus",
        }
    }
}

/// What a person told about themselves. Options are the programme's
/// Fluent keys (field, interests) and language codes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    /// Field of study or trade: one of the programme's `profile.fields`.
    pub field: Option<String>,
    /// Interests: some of the programme's `profile.interests`.
    pub interests: Vec<String>,
    pub format: Option<Format>,
    /// Languages spoken: codes from the programme's `profile.languages`.
    pub languages: Vec<String>,
    /// Mentors: how many mentees they take.
    pub capacity: Option<u32>,
    /// Only where the programme asks (`profile.gender_preference`).
    pub gender: Option<Gender>,
    /// A mentee's wish for the mentor's gender.
    pub wish_gender: Option<Gender>,
    /// A mentor's age band, only where the programme asks (`age`).
    pub age: Option<AgeBand>,
    /// A mentee's wish for the mentor's age band.
    pub wish_age: Option<AgeBand>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Questions passed over on purpose (no wish, no contact, no
    /// interests): not asked again.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Ask>,
}

/// One profile question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ask {
    Field,
    Interests,
    Format,
    Languages,
    Capacity,
    Gender,
    Age,
    Contact,
}

impl Ask {
    /// Whether a role is asked this.
    pub fn asks(self, role: Role) -> bool {
        match self {
            Ask::Capacity => role == Role::Mentor,
            _ => role != Role::Coordinator,
        }
    }
}

/// The programme's `[profile]` section: which questions, with which options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileSpec {
    /// The questions, in the order they are asked.
    pub ask: Vec<Ask>,
    /// Fields of study or trade: Fluent keys.
    #[serde(default)]
    pub fields: Vec<String>,
    /// Interests: Fluent keys.
    #[serde(default)]
    pub interests: Vec<String>,
    /// Languages people may say they speak: codes, shown as `spoken-CODE`.
    #[serde(default)]
    pub languages: Vec<String>,
    /// The most mentees a mentor may take.
    #[serde(default = "default_max_capacity")]
    pub max_capacity: u32,
}

impl Default for ProfileSpec {
    fn default() -> Self {
        ProfileSpec {
            ask: vec![],
            fields: vec![],
            interests: vec![],
            languages: vec![],
            max_capacity: default_max_capacity(),
        }
    }
}

fn default_max_capacity() -> u32 {
    2
}

/// The programme's `[matching]` section: what each soft criterion weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Weights {
    /// The same field of study or trade.
    pub same_field: u32,
    /// Each shared interest.
    pub shared_interest: u32,
    /// The mentee's wish (the mentor's gender) met.
    pub mentee_wish: u32,
    /// The same format exactly (not only compatible).
    pub same_format: u32,
    /// Each language shared beyond the first.
    pub extra_language: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            same_field: 40,
            shared_interest: 10,
            mentee_wish: 15,
            same_format: 5,
            extra_language: 2,
        }
    }
}

impl Weights {
    /// The highest weight, for validation.
    pub fn max(&self) -> u32 {
        [
            self.same_field,
            self.shared_interest,
            self.mentee_wish,
            self.same_format,
            self.extra_language,
        ]
        .into_iter()
        .max()
        .unwrap_or(0)
    }
}

impl ProfileSpec {
    /// Whether the section makes sense; an error is the path of the field
    /// (below `profile`) and what is wrong.
    pub fn check(&self, has: impl Fn(&str) -> bool) -> Result<(), (Vec<String>, String)> {
        let at = |parts: &[&str]| parts.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        for (i, a) in self.ask.iter().enumerate() {
            if self.ask[..i].contains(a) {
                return Err((at(&["profile", "ask"]), format!("{a:?} is asked twice")));
            }
        }
        for (name, list, needed) in [
            ("fields", &self.fields, Ask::Field),
            ("interests", &self.interests, Ask::Interests),
            ("languages", &self.languages, Ask::Languages),
        ] {
            if self.ask.contains(&needed) && list.is_empty() {
                return Err((
                    at(&["profile", name]),
                    format!("`ask` names {needed:?}: list the options here"),
                ));
            }
            for (i, key) in list.iter().enumerate() {
                if list[..i].contains(key) {
                    return Err((at(&["profile", name]), format!("`{key}` is listed twice")));
                }
                let msg = if name == "languages" {
                    if !(2..=3).contains(&key.len()) || !key.chars().all(|c| c.is_ascii_lowercase()) {
                        return Err((
                            at(&["profile", name]),
                            format!("`{key}` is not a language code like \"da\" or \"ar\""),
                        ));
                    }
                    format!("spoken-{key}")
                } else {
                    key.clone()
                };
                if !has(&msg) {
                    return Err((
                        at(&["profile", name]),
                        format!("no message `{msg}` in locales/; add it to every locale"),
                    ));
                }
            }
        }
        if !(1..=5).contains(&self.max_capacity) {
            return Err((at(&["profile", "max_capacity"]), "allowed: 1 to 5 mentees".into()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_meets_anyone_and_virtual_never_meets_physical() {
        assert!(Format::Both.compatible(Format::Physical));
        assert!(Format::Virtual.compatible(Format::Both));
        assert!(Format::Virtual.compatible(Format::Virtual));
        assert!(!Format::Virtual.compatible(Format::Physical));
    }

    #[test]
    fn only_mentors_are_asked_their_capacity() {
        assert!(Ask::Capacity.asks(Role::Mentor));
        assert!(!Ask::Capacity.asks(Role::Mentee));
        assert!(Ask::Field.asks(Role::Mentee));
    }
}
