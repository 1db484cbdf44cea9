//! Registration in chat, from an invite link: language, name, consent.
//!
//! Decides: what a stranger who opened an invite link is asked, in which
//! order, what counts as an answer, and when they are registered. The
//! role and programme come from the invite, never from what they say.
//!
//! Must not know: the database (the shell looks the invite up and stores
//! the registration between messages), platforms, the clock.

use crate::command::Command;
use crate::message::{Button, Msg};
use crate::model::{Lang, Role};
use crate::payload::Payload;
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

/// An invite as stored: what it makes its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    pub programme_id: String,
    pub programme_name: String,
    pub role: Role,
    /// The programme's first language.
    pub default_lang: Lang,
}

/// Starts a registration from an invite (`None`: the code is unknown).
pub fn start(invite: Option<&Invite>, lang_hint: Option<Lang>) -> (Option<Registration>, Msg) {
    match invite {
        Some(i) => {
            let (r, msg) = Registration::start(
                &i.programme_id,
                &i.programme_name,
                i.role,
                lang_hint.or(Some(i.default_lang)),
            );
            (Some(r), msg)
        }
        None => (None, Msg::new("invite-unknown")),
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
        };
        let msg = r.ask();
        (r, msg)
    }

    fn ask(&self) -> Msg {
        match self.step {
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
            Step::Consent => Msg::new("reg-ask-consent")
                .key("role", format!("role-{}", self.role.other().code()))
                .row(vec![
                    Button::new("button-consent-yes", Payload::RegConsent(true)),
                    Button::new("button-consent-no", Payload::RegConsent(false)),
                ]),
        }
    }

    /// The person said something.
    pub fn step(mut self, said: &Said) -> Outcome {
        let typed_lang = |t: &str| Lang::parse(t);
        match (self.step, said) {
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
                let n = text.chars().count();
                if !(2..=80).contains(&n) {
                    return self.again("reg-invalid-name");
                }
                self.name = Some(text.split_whitespace().collect::<Vec<_>>().join(" "));
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
                let consent = *consent;
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
                Outcome::Complete {
                    registration: self,
                    name,
                    consent,
                    messages: vec![done, help],
                }
            }
            // `/start` again (the link opened twice) asks the same again.
            (_, Said::Command(Command::Start(_))) => {
                let m = self.ask();
                Outcome::Continue(self, vec![m])
            }
            _ => self.again("reg-invalid-choice"),
        }
    }

    fn language(mut self, l: Lang) -> Outcome {
        self.lang = l;
        self.step = Step::Name;
        let m = self.ask();
        Outcome::Continue(self, vec![m])
    }

    fn again(self, why: &'static str) -> Outcome {
        let m = self.ask();
        Outcome::Continue(self, vec![Msg::new(why), m])
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
    fn invite_codes_are_link_safe_and_differ() {
        let a = invite_code(12345678901234567890);
        let b = invite_code(98765432109876543210);
        assert_eq!(a.len(), 16);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, b);
    }
}
