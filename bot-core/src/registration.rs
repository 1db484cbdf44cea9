//! Registration in chat, from an invite link: language, name, consent.
//! The programme's profile questions follow once registered
//! (`profile_chat::after_registration`), only those an imported profile
//! leaves open.
//!
//! Decides: what a stranger who opened an invite link is asked, in which
//! order, what counts as an answer, and when they are registered. The
//! role and programme come from the invite, never from what they say.
//!
//! Must not know: the database (the shell looks the invite up and stores
//! the registration between messages), platforms, the clock.

use crate::Ts;
use crate::command::Command;
use crate::message::{Button, Msg};
use crate::model::{Lang, Role};
use crate::payload::Payload;
use crate::profile::Profile;
use crate::routing::Said;
use serde::{Deserialize, Serialize};

/// What registration is asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// `/start <code>` from an invite link.
    Start { code: String },
    /// Anything said while a registration is under way.
    Said(Said),
}

/// An invite as stored: what it makes its holder, and its limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    pub programme_id: String,
    pub programme_name: String,
    pub role: Role,
    /// The programme's first language.
    pub default_lang: Lang,
    /// The only platform the code opens on (`None`: any). The demo codes
    /// are bound to the web chat.
    pub platform: Option<String>,
    /// When the code stops working (`None`: never, the demo codes).
    pub expires_at: Option<Ts>,
    /// Finished registrations so far.
    pub uses: i64,
    /// How many registrations it allows (`None`: no limit).
    pub max_uses: Option<i64>,
    pub revoked: bool,
    /// A personal invite from `mentorbot import`: who it is for.
    pub imported: Option<Imported>,
}

/// A person imported from a sign-up form, waiting for their invite link
/// to be opened: their name and the profile the form gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Imported {
    pub name: String,
    pub profile: Profile,
}

/// Why an invite code does not let someone in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// No such code, or not on this platform (which is not said).
    Unknown,
    Revoked,
    Expired,
    UsedUp,
}

impl Refused {
    /// The answer, in the person's language.
    pub fn msg(self) -> Msg {
        Msg::new(match self {
            Refused::Unknown => "invite-unknown",
            Refused::Revoked => "invite-revoked",
            Refused::Expired => "invite-expired",
            Refused::UsedUp => "invite-used-up",
        })
    }
}

/// Days an invite code lasts unless its maker says otherwise.
pub const DEFAULT_EXPIRY_DAYS: i64 = 30;
/// Registrations a mentee or mentor code allows unless its maker says
/// otherwise: one cohort's worth. A coordinator code allows one, always.
pub const DEFAULT_USES: i64 = 50;

/// The limits of a new invite code: (expires at, uses allowed), or why
/// they cannot be.
pub fn invite_limits(
    role: Role,
    uses: Option<i64>,
    expires_in_days: Option<i64>,
    now: Ts,
) -> Result<(Ts, i64), &'static str> {
    let days = expires_in_days.unwrap_or(DEFAULT_EXPIRY_DAYS);
    if !(1..=366).contains(&days) {
        return Err("--expires-in-days must be between 1 and 366");
    }
    let uses = match (role, uses) {
        (Role::Coordinator, None | Some(1)) => 1,
        (Role::Coordinator, Some(_)) => return Err("a coordinator code is single-use: leave out --uses"),
        (_, None) => DEFAULT_USES,
        (_, Some(n)) if (1..=10_000).contains(&n) => n,
        (_, Some(_)) => return Err("--uses must be between 1 and 10000"),
    };
    Ok((now + chrono::Duration::days(days), uses))
}

impl Invite {
    /// Whether this code lets someone on `platform` register at `now`.
    pub fn usable(&self, platform: &str, now: Ts) -> Result<(), Refused> {
        if self.platform.as_deref().is_some_and(|p| p != platform) {
            return Err(Refused::Unknown);
        }
        if self.revoked {
            return Err(Refused::Revoked);
        }
        if self.expires_at.is_some_and(|t| t <= now) {
            return Err(Refused::Expired);
        }
        if self.max_uses.is_some_and(|m| self.uses >= m) {
            return Err(Refused::UsedUp);
        }
        Ok(())
    }
}

/// Whether a registration may finish on this invite at `now` (it is
/// checked again at the end: the code may have been used up, revoked or
/// expired meanwhile).
pub fn may_finish(invite: Option<&Invite>, platform: &str, now: Ts) -> Result<(), Msg> {
    match invite {
        Some(i) => i.usable(platform, now).map_err(Refused::msg),
        None => Err(Refused::Unknown.msg()),
    }
}

/// Starts a registration from an invite (`None`: the code is unknown) on
/// `platform` at `now`. A code that is not usable starts nothing.
pub fn start(invite: Option<&Invite>, platform: &str, lang_hint: Option<Lang>, now: Ts) -> (Option<Registration>, Msg) {
    match invite.map(|i| (i, i.usable(platform, now))) {
        Some((i, Ok(()))) => {
            let (mut r, msg) = Registration::start(
                &i.programme_id,
                &i.programme_name,
                i.role,
                lang_hint.or(Some(i.default_lang)),
            );
            if let Some(im) = &i.imported {
                r.name = Some(im.name.clone());
                r.profile = im.profile.clone();
            }
            (Some(r), msg)
        }
        Some((_, Err(why))) => (None, why.msg()),
        None => (None, Refused::Unknown.msg()),
    }
}

/// Where a registration stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    pub programme_id: String,
    pub programme_name: String,
    pub role: Role,
    pub step: Step,
    pub lang: Lang,
    pub name: Option<String>,
    /// The profile so far (imported, or answered here).
    #[serde(default)]
    pub profile: Profile,
    #[serde(default)]
    pub consent: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Language,
    Name,
    Consent,
}

/// What a registration step decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Keep going; send these.
    Continue(Registration, Vec<Msg>),
    /// Done: register the participant, then send these.
    Complete {
        registration: Registration,
        name: String,
        consent: bool,
        profile: Profile,
        messages: Vec<Msg>,
    },
}

impl Registration {
    /// Starts from an invite, in the language the platform suggests.
    pub fn start(programme_id: &str, programme_name: &str, role: Role, lang_hint: Option<Lang>) -> (Registration, Msg) {
        let r = Registration {
            programme_id: programme_id.into(),
            programme_name: programme_name.into(),
            role,
            step: Step::Language,
            lang: lang_hint.unwrap_or(Lang::En),
            name: None,
            profile: Profile::default(),
            consent: None,
        };
        let msg = r.ask();
        (r, msg)
    }

    fn ask(&self) -> Msg {
        match &self.step {
            Step::Language => Msg::new("reg-welcome")
                .str("programme", self.programme_name.clone())
                .key("role", format!("role-{}", self.role.code()))
                .row(
                    Lang::ALL
                        .iter()
                        .map(|l| Button::new(format!("language-name-{l}"), Payload::RegLanguage(*l)))
                        .collect(),
                ),
            Step::Name => Msg::new("reg-ask-name"),
            // A mentee is asked about their mentor, a mentor about their
            // mentee, a coordinator about the programme's participants.
            Step::Consent => match self.role {
                Role::Coordinator => Msg::new("reg-ask-consent-coordinator"),
                r => Msg::new("reg-ask-consent").key("role", format!("role-{}", r.other().code())),
            }
            .row(vec![
                Button::new("button-consent-yes", Payload::RegConsent(true)),
                Button::new("button-consent-no", Payload::RegConsent(false)),
            ]),
        }
    }

    /// The person said something.
    pub fn step(mut self, said: &Said) -> Outcome {
        let typed_lang = |t: &str| Lang::parse(t);
        match (self.step.clone(), said) {
            (
                Step::Language,
                Said::Press {
                    payload: Payload::RegLanguage(l),
                    ..
                },
            ) => self.language(*l),
            (Step::Language, Said::Text(t)) => match typed_lang(t) {
                Some(l) => self.language(l),
                None => self.again("reg-invalid-choice"),
            },
            (Step::Name, Said::Text(text)) => {
                let name = match clean_name(text) {
                    Ok(name) => name,
                    Err(why) => return self.again(why),
                };
                self.name = Some(name);
                self.step = Step::Consent;
                let m = self.ask();
                Outcome::Continue(self, vec![m])
            }
            (
                Step::Consent,
                Said::Press {
                    payload: Payload::RegConsent(consent),
                    ..
                },
            ) => {
                self.consent = Some(*consent);
                self.next()
            }
            // `/start` again (the link opened twice) asks the same again.
            (_, Said::Command(Command::Start(_))) => {
                let m = self.ask();
                Outcome::Continue(self, vec![m])
            }
            _ => self.again("reg-invalid-choice"),
        }
    }

    /// Registered: the profile so far goes with it.
    fn next(self) -> Outcome {
        let consent = self.consent.unwrap_or(false);
        let name = self.name.clone().unwrap_or_default();
        let done = Msg::new("reg-done")
            .str("name", name.clone())
            .str("programme", self.programme_name.clone())
            .str("consent", if consent { "yes" } else { "no" });
        let help = Msg::new(match self.role {
            Role::Mentee => "help-mentee",
            Role::Mentor => "help-mentor",
            Role::Coordinator => "help-coordinator",
        });
        // Contact details kept only when they agreed to share them.
        let mut profile = self.profile.clone();
        if !consent {
            profile.email = None;
            profile.phone = None;
        }
        Outcome::Complete {
            registration: self,
            name,
            consent,
            profile,
            messages: vec![done, help],
        }
    }

    fn language(mut self, l: Lang) -> Outcome {
        self.lang = l;
        // An imported person's name is known already.
        self.step = if self.name.is_some() { Step::Consent } else { Step::Name };
        let m = self.ask();
        Outcome::Continue(self, vec![m])
    }

    fn again(self, why: &'static str) -> Outcome {
        let m = self.ask();
        Outcome::Continue(self, vec![Msg::new(why), m])
    }
}

/// A name as others will see it: format characters (zero-width spaces
/// and joiners, bidi controls and isolates, the BOM: Unicode category Cf)
/// and control characters removed, white space collapsed, 2 to 80
/// characters left. Otherwise, the answer that asks again.
pub fn clean_name(text: &str) -> Result<String, &'static str> {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    let visible: String = text
        .chars()
        .filter_map(|c| match c.general_category() {
            GeneralCategory::Format => None,
            GeneralCategory::Control if c.is_whitespace() => Some(' '),
            GeneralCategory::Control => None,
            _ => Some(c),
        })
        .collect();
    let name = visible.split_whitespace().collect::<Vec<_>>().join(" ");
    let stripped = visible.chars().count() != text.chars().count();
    match name.chars().count() {
        2..=80 => Ok(name),
        _ if stripped => Err("reg-name-invisible"),
        _ => Err("reg-invalid-name"),
    }
}

/// A fresh invite code: 16 characters Telegram accepts in a deep link.
pub fn invite_code(random: u128) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut n = random;
    (0..16)
        .map(|_| {
            let c = ALPHABET[(n % ALPHABET.len() as u128) as usize] as char;
            n /= ALPHABET.len() as u128;
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Said {
        Said::Text(t.into())
    }

    fn press(payload: Payload) -> Said {
        Said::Press { pair: None, payload }
    }

    fn keys(ms: &[Msg]) -> Vec<&str> {
        ms.iter().map(|m| &*m.key).collect()
    }

    #[test]
    fn language_name_consent_then_done() {
        let (r, first) = Registration::start("km", "Karrierementor", Role::Mentee, Some(Lang::Da));
        assert_eq!(first.key, "reg-welcome");
        assert_eq!(first.buttons[0].len(), 3);
        let Outcome::Continue(r, m) = r.step(&press(Payload::RegLanguage(Lang::Nb))) else {
            panic!()
        };
        assert_eq!((r.lang, keys(&m)), (Lang::Nb, vec!["reg-ask-name"]));
        let Outcome::Continue(r, m) = r.step(&text("Amira   Hassan")) else {
            panic!()
        };
        assert_eq!(keys(&m), vec!["reg-ask-consent"]);
        let Outcome::Complete {
            name,
            consent,
            registration,
            messages,
            ..
        } = r.step(&press(Payload::RegConsent(true)))
        else {
            panic!()
        };
        assert_eq!(
            (name.as_str(), consent, registration.role),
            ("Amira Hassan", true, Role::Mentee)
        );
        assert_eq!(keys(&messages), vec!["reg-done", "help-mentee"]);
    }

    #[test]
    fn bad_input_is_asked_again_and_changes_nothing() {
        let (r, _) = Registration::start("km", "Karrierementor", Role::Mentor, None);
        let Outcome::Continue(r2, m) = r.clone().step(&text("klingon")) else {
            panic!()
        };
        assert_eq!(r2, r);
        assert_eq!(keys(&m), vec!["reg-invalid-choice", "reg-welcome"]);
        let Outcome::Continue(r, _) = r.step(&text("da")) else {
            panic!()
        };
        let Outcome::Continue(r3, m) = r.clone().step(&text("x")) else {
            panic!()
        };
        assert_eq!((r3, keys(&m)), (r.clone(), vec!["reg-invalid-name", "reg-ask-name"]));
        let Outcome::Continue(r, _) = r.step(&text("Lars")) else {
            panic!()
        };
        let Outcome::Continue(r4, _) = r.clone().step(&text("maybe")) else {
            panic!()
        };
        assert_eq!(r4, r);
    }

    #[test]
    fn an_imported_person_is_not_asked_their_name_and_keeps_contact_only_with_consent() {
        let now = chrono::DateTime::from_timestamp(1_900_000_000, 0).unwrap();
        let i = Invite {
            imported: Some(Imported {
                name: "Amira Hassan".into(),
                profile: crate::profile::Profile {
                    field: Some("field-it".into()),
                    email: Some("amira@example.dk".into()),
                    ..Default::default()
                },
            }),
            ..invite(Role::Mentee)
        };
        let (r, _) = start(Some(&i), "telegram", None, now);
        let r = r.unwrap();
        // The name is known: language, then consent.
        let Outcome::Continue(r, m) = r.step(&press(Payload::RegLanguage(Lang::Nb))) else {
            panic!()
        };
        assert_eq!(keys(&m), vec!["reg-ask-consent"]);
        let Outcome::Complete { name, profile, .. } = r.clone().step(&press(Payload::RegConsent(false))) else {
            panic!()
        };
        assert_eq!(name, "Amira Hassan");
        assert_eq!(profile.field.as_deref(), Some("field-it"));
        // No consent: the imported e-mail is not kept.
        assert_eq!(profile.email, None);
        let Outcome::Complete { profile, .. } = r.step(&press(Payload::RegConsent(true))) else {
            panic!()
        };
        assert_eq!(profile.email.as_deref(), Some("amira@example.dk"));
    }

    #[test]
    fn invite_codes_are_link_safe_and_differ() {
        let a = invite_code(12345678901234567890);
        let b = invite_code(98765432109876543210);
        assert_eq!(a.len(), 16);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, b);
    }

    fn invite(role: Role) -> Invite {
        Invite {
            programme_id: "km".into(),
            programme_name: "Karrierementor".into(),
            role,
            default_lang: Lang::Da,
            platform: None,
            expires_at: None,
            uses: 0,
            max_uses: None,
            revoked: false,
            imported: None,
        }
    }

    #[test]
    fn invite_limits_default_to_30_days_and_coordinator_codes_are_single_use() {
        let now = chrono::DateTime::from_timestamp(1_900_000_000, 0).unwrap();
        let (exp, uses) = invite_limits(Role::Mentee, None, None, now).unwrap();
        assert_eq!((exp - now, uses), (chrono::Duration::days(30), DEFAULT_USES));
        assert_eq!(invite_limits(Role::Coordinator, None, Some(3), now).unwrap().1, 1);
        assert!(invite_limits(Role::Coordinator, Some(2), None, now).is_err());
        assert!(invite_limits(Role::Mentor, Some(0), None, now).is_err());
        assert!(invite_limits(Role::Mentor, None, Some(0), now).is_err());
    }

    #[test]
    fn an_unusable_invite_starts_nothing_and_says_why() {
        let now = chrono::DateTime::from_timestamp(1_900_000_000, 0).unwrap();
        let cases = [
            (
                Invite {
                    platform: Some("webchat".into()),
                    ..invite(Role::Coordinator)
                },
                "invite-unknown",
            ),
            (
                Invite {
                    revoked: true,
                    ..invite(Role::Mentee)
                },
                "invite-revoked",
            ),
            (
                Invite {
                    expires_at: Some(now),
                    ..invite(Role::Mentee)
                },
                "invite-expired",
            ),
            (
                Invite {
                    uses: 1,
                    max_uses: Some(1),
                    ..invite(Role::Coordinator)
                },
                "invite-used-up",
            ),
        ];
        for (i, key) in cases {
            let (reg, msg) = start(Some(&i), "telegram", None, now);
            assert_eq!((reg, &*msg.key), (None, key));
        }
        let ok = Invite {
            platform: Some("webchat".into()),
            ..invite(Role::Mentor)
        };
        assert!(start(Some(&ok), "webchat", None, now).0.is_some());
    }

    #[test]
    fn invite_codes_carry_at_least_64_bits() {
        // 16 characters of a 57-letter alphabet: log2(57^16) ≈ 93.
        assert!(16.0 * 57f64.log2() >= 64.0);
        assert_eq!(invite_code(u128::MAX).len(), 16);
    }

    #[test]
    fn invisible_and_reversing_characters_never_reach_a_name() {
        assert_eq!(
            clean_name("Amira\u{200B} \u{202E}Hassan\u{202C}").unwrap(),
            "Amira Hassan"
        );
        assert_eq!(clean_name("\u{2067}Lars\u{2069}\u{FEFF}\u{061C}").unwrap(), "Lars");
        assert_eq!(
            clean_name("\u{200B}\u{200C}\u{200D}\u{200E}\u{200F}"),
            Err("reg-name-invisible")
        );
        assert_eq!(clean_name("\u{202A}x\u{202B}"), Err("reg-name-invisible"));
        assert_eq!(clean_name("x"), Err("reg-invalid-name"));
        assert_eq!(clean_name("Nguyễn  Thị\tMai").unwrap(), "Nguyễn Thị Mai");
    }
}
