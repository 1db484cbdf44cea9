//! A person's account: their language, what is stored about them, and
//! forgetting them.
//!
//! Decides: what `/language`, `/mydata` and `/forget` answer, and what
//! changes: the language set, the erasure asked for (after a confirming
//! button), the coordinators told.
//!
//! Must not know: the database, platforms. The shell hands in a snapshot
//! of the account ([`Account`]) and carries out the [`Effect`]s in order.

use crate::Ts;
use crate::message::{Attachment, Button, Msg};
use crate::model::{Lang, Role};
use crate::payload::Payload;
use chrono_tz::Tz;

/// What the account conversation is asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// `/language`, with what was typed after it.
    Language(Option<String>),
    /// A language button.
    SetLanguage(Lang),
    MyData,
    /// `/forget`: asks for confirmation.
    Forget,
    /// The confirmation button: yes or no.
    ForgetConfirmed(bool),
    /// `/consent`: where their consent stands, with the button to change it.
    Consent,
    /// The consent button: give (true) or withdraw (false).
    SetConsent(bool),
}

/// The version of the consent text a person agrees to (registration's
/// consent question and `/consent`). Recorded with each consent; bump it
/// when the wording of what they agree to changes.
pub const CONSENT_VERSION: &str = "share-contact-1";

/// The account as stored, for the answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The participant's id: their data export is theirs alone.
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub programme_name: String,
    pub lang: Lang,
    pub tz: Tz,
    pub contact: Option<String>,
    pub consent_share: bool,
    pub consent_given_at: Option<Ts>,
    /// Chat accounts linked to the person.
    pub identities: i64,
    pub pairs: i64,
    /// What the programme does with their other answers when they are
    /// forgotten: the confirmation says which.
    pub on_forget: crate::programme::OnForget,
}

/// What the shell must do, in this order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Store the person's language; later replies use it.
    SetLanguage(Lang),
    /// Answer the person.
    Reply(Msg),
    /// Tell the programme's coordinators (and record it).
    Alert { kind: &'static str, msg: Msg },
    /// Erase the person: end their pairs (see `pair::Input::Forget`),
    /// remove their personal data and identities, cancel what is queued
    /// for them and scrub what named them.
    Forget,
    /// Record consent to share contact details with the match, given or
    /// withdrawn, with the version of the text; the pairs follow it.
    Consent { given: bool, version: &'static str },
    /// A last message to the address they wrote from, after they are
    /// forgotten: the address is erased once it is sent.
    Farewell(Msg),
}

/// Steps the account conversation.
pub fn step(a: &Account, input: Input, _now: Ts) -> Vec<Effect> {
    match input {
        Input::Language(arg) => match arg.as_deref().and_then(Lang::parse) {
            Some(lang) => set_language(lang),
            None => vec![Effect::Reply(
                Msg::new("language-ask").row(
                    Lang::ALL
                        .iter()
                        .map(|l| Button::new(format!("language-name-{l}"), Payload::Language(*l)))
                        .collect(),
                ),
            )],
        },
        Input::SetLanguage(lang) => set_language(lang),
        // Everything stored, as a file made when the message is sent: the
        // outbox holds no copy.
        Input::MyData => vec![Effect::Reply(
            Msg::new("mydata-file")
                .str("programme", a.programme_name.clone())
                .attach(Attachment::DataExport { participant: a.id }),
        )],
        Input::Forget => vec![Effect::Reply(
            Msg::new(match a.on_forget {
                crate::programme::OnForget::Anonymise => "forget-confirm",
                crate::programme::OnForget::Delete => "forget-confirm-delete",
            })
            .row(vec![
                Button::new("button-forget-yes", Payload::Forget { confirm: true }),
                Button::new("button-forget-no", Payload::Forget { confirm: false }),
            ]),
        )],
        Input::Consent => vec![Effect::Reply(consent_status(a.consent_share))],
        // Pressing for what already holds (an old button) changes nothing.
        Input::SetConsent(give) if give == a.consent_share => vec![Effect::Reply(consent_status(give))],
        Input::SetConsent(given) => vec![
            Effect::Consent {
                given,
                version: CONSENT_VERSION,
            },
            Effect::Reply(Msg::new(if given { "consent-given" } else { "consent-withdrawn" })),
        ],
        Input::ForgetConfirmed(false) => vec![Effect::Reply(Msg::new("forget-cancelled"))],
        // The confirmation goes last, as a farewell: everything queued
        // for them before it is cancelled by the forgetting.
        Input::ForgetConfirmed(true) => vec![
            Effect::Alert {
                kind: "forgotten",
                msg: Msg::new("alert-forgotten").key("role", format!("role-{}", a.role)),
            },
            Effect::Forget,
            Effect::Farewell(Msg::new("forget-done")),
        ],
    }
}

/// Where consent stands, with the one button that changes it.
fn consent_status(given: bool) -> Msg {
    if given {
        Msg::new("consent-status-given").row(vec![Button::new("button-consent-withdraw", Payload::Consent(false))])
    } else {
        Msg::new("consent-status-withdrawn").row(vec![Button::new("button-consent-give", Payload::Consent(true))])
    }
}

fn set_language(lang: Lang) -> Vec<Effect> {
    vec![
        Effect::SetLanguage(lang),
        Effect::Reply(Msg::new("language-set").key("language", format!("language-name-{lang}"))),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn account() -> Account {
        Account {
            id: 7,
            name: "Amira".into(),
            role: Role::Mentee,
            programme_name: "Karrierementor".into(),
            lang: Lang::En,
            tz: chrono_tz::Europe::Copenhagen,
            contact: None,
            consent_share: false,
            consent_given_at: None,
            identities: 1,
            pairs: 1,
            on_forget: crate::programme::OnForget::Anonymise,
        }
    }

    #[test]
    fn the_confirmation_says_what_the_programme_does_with_the_answers() {
        let now = chrono::Utc.with_ymd_and_hms(2030, 1, 1, 10, 0, 0).unwrap();
        let catalog = crate::i18n::Catalog::builtin();
        let asked = |on_forget| {
            let a = Account { on_forget, ..account() };
            match &step(&a, Input::Forget, now)[..] {
                [Effect::Reply(m)] => catalog.text(m, Lang::En, a.tz),
                other => panic!("{other:?}"),
            }
        };
        assert!(asked(crate::programme::OnForget::Anonymise).contains("kept without your name"));
        let deleting = asked(crate::programme::OnForget::Delete);
        assert!(deleting.contains("deleted too"), "{deleting}");
        assert!(!deleting.contains("kept"), "{deleting}");
    }

    #[test]
    fn forgetting_needs_the_confirming_button_and_no_changes_nothing() {
        let now = chrono::Utc.with_ymd_and_hms(2030, 1, 1, 10, 0, 0).unwrap();
        let ask = step(&account(), Input::Forget, now);
        assert!(!ask.contains(&Effect::Forget));
        assert_eq!(
            step(&account(), Input::ForgetConfirmed(false), now),
            vec![Effect::Reply(Msg::new("forget-cancelled"))]
        );
        let yes = step(&account(), Input::ForgetConfirmed(true), now);
        assert_eq!(yes[1], Effect::Forget);
        assert_eq!(yes.last(), Some(&Effect::Farewell(Msg::new("forget-done"))));
    }

    #[test]
    fn consent_is_withdrawn_and_given_on_its_own_and_an_old_button_changes_nothing() {
        let now = chrono::Utc.with_ymd_and_hms(2030, 1, 1, 10, 0, 0).unwrap();
        let mut a = account();
        a.consent_share = true;
        let fx = step(&a, Input::SetConsent(false), now);
        assert_eq!(
            fx[0],
            Effect::Consent {
                given: false,
                version: CONSENT_VERSION
            }
        );
        assert!(!fx.contains(&Effect::Forget));
        // Already given: pressing "give" again records nothing.
        let again = step(&a, Input::SetConsent(true), now);
        assert!(matches!(&again[..], [Effect::Reply(m)] if m.key == "consent-status-given"));
        a.consent_share = false;
        assert!(matches!(
            step(&a, Input::SetConsent(true), now)[0],
            Effect::Consent { given: true, .. }
        ));
    }

    #[test]
    fn a_language_is_stored_before_the_reply_in_it() {
        let now = chrono::Utc.with_ymd_and_hms(2030, 1, 1, 10, 0, 0).unwrap();
        let fx = step(&account(), Input::Language(Some("dansk".into())), now);
        assert_eq!(fx[0], Effect::SetLanguage(Lang::Da));
        assert!(
            matches!(step(&account(), Input::Language(Some("klingon".into())), now)[..], [Effect::Reply(ref m)] if m.key == "language-ask")
        );
    }
}
