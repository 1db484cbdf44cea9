//! The profile asked in chat: after consent at registration (only what is
//! still missing, so an imported profile is completed, not asked again),
//! and `/profile`, which shows the profile with a button per question to
//! answer it again.
//!
//! Decides: which question comes next, its buttons (single choice, or
//! toggles and Done for multiple choice), what counts as an answer
//! (contact: an e-mail and/or a phone number, validated), and what the
//! profile becomes.
//!
//! Must not know: the database (the shell keeps the profile and the
//! question under way), platforms, the clock.

use crate::message::{Arg, Button, Msg};
use crate::model::Role;
use crate::payload::{Payload, Press};
use crate::profile::{AgeBand, Ask, Format, Gender, Profile, ProfileSpec};
use crate::routing::Said;
use serde::{Deserialize, Serialize};

/// The dialogue kind the shell stores a `/profile` edit under.
pub const KIND: &str = "profile";

/// A question under way, and for multiple choice what is ticked so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asking {
    pub ask: Ask,
    #[serde(default)]
    pub chosen: Vec<u8>,
    /// Just registered: after this answer, the next open question.
    #[serde(default)]
    pub then_next: bool,
}

impl Asking {
    pub fn new(ask: Ask) -> Asking {
        Asking {
            ask,
            chosen: vec![],
            then_next: false,
        }
    }

    /// Whether typed text answers it (contact); text typed to a question
    /// with buttons goes where it would go without one, and the question
    /// stays.
    pub fn takes_text(&self) -> bool {
        self.ask == Ask::Contact
    }
}

/// Just registered: the profile questions still open, one after the
/// other, starting with this one (none: nothing to ask).
pub fn after_registration(spec: &ProfileSpec, role: Role, consent: bool, p: &Profile) -> Option<(Asking, Vec<Msg>)> {
    let mut a = next(spec, role, consent, p)?;
    a.then_next = true;
    let q = question(spec, role, &a);
    Some((a, vec![Msg::new("profile-intro"), q]))
}

/// The questions a role is asked, in the programme's order. Contact is
/// asked only of someone who agreed to share it.
pub fn asks(spec: &ProfileSpec, role: Role, consent: bool) -> impl Iterator<Item = Ask> + '_ {
    spec.ask
        .iter()
        .copied()
        .filter(move |a| a.asks(role) && (*a != Ask::Contact || consent))
}

/// Whether a question has an answer (or was passed over on purpose).
pub fn answered(p: &Profile, role: Role, ask: Ask) -> bool {
    p.skipped.contains(&ask)
        || match ask {
            Ask::Field => p.field.is_some(),
            Ask::Interests => !p.interests.is_empty(),
            Ask::Format => p.format.is_some(),
            Ask::Languages => !p.languages.is_empty(),
            Ask::Capacity => p.capacity.is_some(),
            Ask::Gender if role == Role::Mentor => p.gender.is_some(),
            Ask::Gender => p.wish_gender.is_some(),
            Ask::Age if role == Role::Mentor => p.age.is_some(),
            Ask::Age => p.wish_age.is_some(),
            Ask::Contact => p.email.is_some() || p.phone.is_some(),
        }
}

/// The first question still to ask, if any.
pub fn next(spec: &ProfileSpec, role: Role, consent: bool, p: &Profile) -> Option<Asking> {
    asks(spec, role, consent)
        .find(|a| !answered(p, role, *a))
        .map(Asking::new)
}

fn press(ask: Ask, press: Press) -> Payload {
    Payload::Profile { ask, press }
}

fn idx(i: usize) -> u8 {
    u8::try_from(i).unwrap_or(u8::MAX)
}

/// The options of a choice question: (label key, label argument).
fn options(spec: &ProfileSpec, role: Role, ask: Ask) -> Vec<Msg> {
    match ask {
        Ask::Field => spec.fields.iter().map(|k| Msg::new(k.clone())).collect(),
        Ask::Interests => spec.interests.iter().map(|k| Msg::new(k.clone())).collect(),
        Ask::Languages => spec.languages.iter().map(|l| Msg::new(format!("spoken-{l}"))).collect(),
        Ask::Format => Format::ALL
            .iter()
            .map(|f| Msg::new(format!("profile-format-{}", f.code())))
            .collect(),
        Ask::Capacity => (1..=spec.max_capacity)
            .map(|n| Msg::new("profile-capacity-option").num("n", n.into()))
            .collect(),
        Ask::Gender => {
            let prefix = if role == Role::Mentor {
                "profile-gender-"
            } else {
                "profile-wish-"
            };
            Gender::ALL
                .iter()
                .map(|g| Msg::new(format!("{prefix}{}", g.code())))
                .collect()
        }
        Ask::Age => AgeBand::ALL
            .iter()
            .map(|b| Msg::new(format!("profile-age-{}", b.code())))
            .collect(),
        Ask::Contact => vec![],
    }
}

fn multi(ask: Ask) -> bool {
    matches!(ask, Ask::Interests | Ask::Languages)
}

/// The question, with its buttons.
pub fn question(spec: &ProfileSpec, role: Role, a: &Asking) -> Msg {
    let key = match (a.ask, role) {
        (Ask::Gender, Role::Mentor) => "profile-ask-gender".to_string(),
        (Ask::Gender, _) => "profile-ask-wish".to_string(),
        (Ask::Age, Role::Mentor) => "profile-ask-age".to_string(),
        (Ask::Age, _) => "profile-ask-wish-age".to_string(),
        (ask, _) => format!("profile-ask-{}", code(ask)),
    };
    let mut msg = Msg::new(key).num("max", spec.max_capacity.into());
    let opts = options(spec, role, a.ask);
    if multi(a.ask) {
        msg = msg.column(
            opts.into_iter()
                .enumerate()
                .map(|(i, label)| {
                    let label = if a.chosen.contains(&idx(i)) {
                        Msg::new("survey-option-selected").arg("option", Arg::Key(label.key))
                    } else {
                        label
                    };
                    Button::with_label(label, press(a.ask, Press::Toggle(idx(i))))
                })
                .collect(),
        );
        msg = msg.row(vec![Button::new("button-done", press(a.ask, Press::Done))]);
    } else if a.ask == Ask::Contact {
        msg = msg.row(vec![Button::new("button-skip", press(a.ask, Press::Skip))]);
    } else {
        msg = msg.column(
            opts.into_iter()
                .enumerate()
                .map(|(i, label)| Button::with_label(label, press(a.ask, Press::Value(idx(i)))))
                .collect(),
        );
        if matches!(a.ask, Ask::Gender | Ask::Age) && role != Role::Mentor {
            msg = msg.row(vec![Button::new("profile-wish-none", press(a.ask, Press::Skip))]);
        }
    }
    msg
}

/// The code of a question (payloads, message keys).
pub fn code(ask: Ask) -> &'static str {
    match ask {
        Ask::Field => "field",
        Ask::Interests => "interests",
        Ask::Format => "format",
        Ask::Languages => "languages",
        Ask::Capacity => "capacity",
        Ask::Gender => "gender",
        Ask::Age => "age",
        Ask::Contact => "contact",
    }
}

/// Reads a question's code.
pub fn parse(s: &str) -> Option<Ask> {
    [
        Ask::Field,
        Ask::Interests,
        Ask::Format,
        Ask::Languages,
        Ask::Capacity,
        Ask::Gender,
        Ask::Age,
        Ask::Contact,
    ]
    .into_iter()
    .find(|a| code(*a) == s)
}

/// What an answer did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heard {
    /// The question stays (a toggle, or bad input): these messages.
    Again(Asking, Vec<Msg>),
    /// Answered: the profile has it.
    Answered,
}

/// Reads what was said to the question under way into the profile. Bad
/// input changes nothing and asks again with the reason.
pub fn answer(spec: &ProfileSpec, role: Role, p: &mut Profile, mut a: Asking, said: &Said) -> Heard {
    let again = |a: Asking, why: &'static str| {
        let q = question(spec, role, &a);
        Heard::Again(a, vec![Msg::new(why), q])
    };
    let n = options(spec, role, a.ask).len();
    let pressed = match said {
        Said::Press {
            payload: Payload::Profile { ask, press },
            ..
        } if *ask == a.ask => Some(*press),
        Said::Press { .. } => return again(a, "reg-invalid-choice"),
        _ => None,
    };
    let done = |p: &mut Profile, ask: Ask| {
        p.skipped.retain(|s| *s != ask);
    };
    match (a.ask, pressed, said) {
        (Ask::Contact, None, Said::Text(t)) => match read_contact(t) {
            Ok((email, phone)) => {
                p.email = email;
                p.phone = phone;
                done(p, Ask::Contact);
                Heard::Answered
            }
            Err(why) => again(a, why),
        },
        (Ask::Contact, Some(Press::Skip), _) => {
            p.email = None;
            p.phone = None;
            skip(p, Ask::Contact);
            Heard::Answered
        }
        (Ask::Gender, Some(Press::Skip), _) if role != Role::Mentor => {
            p.wish_gender = None;
            skip(p, Ask::Gender);
            Heard::Answered
        }
        (Ask::Age, Some(Press::Skip), _) if role != Role::Mentor => {
            p.wish_age = None;
            skip(p, Ask::Age);
            Heard::Answered
        }
        (ask, Some(Press::Toggle(i)), _) if multi(ask) && usize::from(i) < n => {
            match a.chosen.iter().position(|c| *c == i) {
                Some(at) => {
                    a.chosen.remove(at);
                }
                None => a.chosen.push(i),
            }
            let q = question(spec, role, &a);
            Heard::Again(a, vec![q])
        }
        (ask, Some(Press::Done), _) if multi(ask) => {
            let mut chosen = a.chosen.clone();
            chosen.sort_unstable();
            let list = if ask == Ask::Interests {
                &spec.interests
            } else {
                &spec.languages
            };
            let picked: Vec<String> = chosen
                .iter()
                .filter_map(|i| list.get(usize::from(*i)).cloned())
                .collect();
            if picked.is_empty() && ask == Ask::Languages {
                // Matching needs a shared language: at least one.
                return again(a, "profile-pick-one");
            }
            if picked.is_empty() {
                skip(p, ask);
            } else {
                done(p, ask);
            }
            if ask == Ask::Interests {
                p.interests = picked;
            } else {
                p.languages = picked;
            }
            Heard::Answered
        }
        (ask, Some(Press::Value(i)), _) if !multi(ask) && usize::from(i) < n => {
            let i = usize::from(i);
            match ask {
                Ask::Field => p.field = spec.fields.get(i).cloned(),
                Ask::Format => p.format = Format::ALL.get(i).copied(),
                Ask::Capacity => p.capacity = Some(i as u32 + 1),
                Ask::Gender if role == Role::Mentor => p.gender = Gender::ALL.get(i).copied(),
                Ask::Gender => p.wish_gender = Gender::ALL.get(i).copied(),
                Ask::Age if role == Role::Mentor => p.age = AgeBand::ALL.get(i).copied(),
                Ask::Age => p.wish_age = AgeBand::ALL.get(i).copied(),
                _ => return again(a, "reg-invalid-choice"),
            }
            done(p, ask);
            Heard::Answered
        }
        _ => again(a, "reg-invalid-choice"),
    }
}

fn skip(p: &mut Profile, ask: Ask) {
    if !p.skipped.contains(&ask) {
        p.skipped.push(ask);
    }
}

/// Contact details as typed: an e-mail and/or a phone number, in any
/// order, separated by spaces, commas or semicolons. Otherwise the reason.
pub fn read_contact(text: &str) -> Result<(Option<String>, Option<String>), &'static str> {
    let mut email = None;
    let mut rest = String::new();
    for token in text.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        if token.contains('@') {
            if email.is_some() || !email_address::EmailAddress::is_valid(token) || !token.contains('.') {
                return Err("profile-invalid-email");
            }
            email = Some(token.to_string());
        } else if !token.is_empty() {
            rest.push_str(token);
        }
    }
    let phone = if rest.is_empty() {
        None
    } else {
        Some(read_phone(&rest).ok_or("profile-invalid-phone")?)
    };
    if email.is_none() && phone.is_none() {
        return Err("profile-invalid-contact");
    }
    Ok((email, phone))
}

/// A phone number: an optional leading +, then 8 to 15 digits (E.164),
/// with spaces, dashes, dots and brackets allowed between them. Kept as
/// + and digits.
pub fn read_phone(s: &str) -> Option<String> {
    let s = s.trim();
    let (plus, body) = match s.strip_prefix('+') {
        Some(b) => (true, b),
        None => (false, s),
    };
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'))
    {
        return None;
    }
    let digits: String = body.chars().filter(char::is_ascii_digit).collect();
    (8..=15)
        .contains(&digits.len())
        .then(|| if plus { format!("+{digits}") } else { digits })
}

/// A profile as others read it: the answers as message arguments
/// (`field`, `interests`, `format`, `languages`, and `age` where the
/// programme asks it), each "not given" when unanswered, and a `has-…` of
/// yes or no beside each.
pub fn describe(msg: Msg, spec: &ProfileSpec, p: &Profile) -> Msg {
    let yn = |b: bool| Arg::Str(if b { "yes" } else { "no" }.into());
    let age = p.age.filter(|_| spec.ask.contains(&Ask::Age));
    let none = || "profile-not-given".to_string();
    let or_none = |v: Vec<String>| if v.is_empty() { vec![none()] } else { v };
    msg.arg("has-field", yn(p.field.is_some()))
        .arg("field", Arg::Key(p.field.clone().unwrap_or_else(none).into()))
        .arg("has-interests", yn(!p.interests.is_empty()))
        .arg("interests", Arg::Keys(or_none(p.interests.clone())))
        .arg("has-format", yn(p.format.is_some()))
        .arg(
            "format",
            Arg::Key(
                p.format
                    .map(|f| format!("profile-format-{}", f.code()))
                    .unwrap_or_else(none)
                    .into(),
            ),
        )
        .arg("has-languages", yn(!p.languages.is_empty()))
        .arg(
            "languages",
            Arg::Keys(or_none(p.languages.iter().map(|l| format!("spoken-{l}")).collect())),
        )
        .arg("has-age", yn(age.is_some()))
        .arg("age", Arg::Key(age_key(age).into()))
}

/// The label of an age band ("not given" for none).
fn age_key(age: Option<AgeBand>) -> String {
    age.map(|b| format!("profile-age-{}", b.code()))
        .unwrap_or_else(|| "profile-not-given".into())
}

/// Contact details as one line (e-mail, phone), if any.
pub fn contact_line(p: &Profile) -> Option<String> {
    let parts: Vec<&str> = [p.email.as_deref(), p.phone.as_deref()].into_iter().flatten().collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// `/profile`: the answers, with a button per question to answer it again.
pub fn show(spec: &ProfileSpec, role: Role, consent: bool, p: &Profile) -> Msg {
    let asks: Vec<Ask> = asks(spec, role, consent).collect();
    if asks.is_empty() {
        return Msg::new("profile-none");
    }
    let yn = |b: bool| Arg::Str(if b { "yes" } else { "no" }.into());
    let mut msg = describe(Msg::new("profile-show"), spec, p)
        .arg("has-capacity", yn(p.capacity.is_some()))
        .num("capacity", p.capacity.unwrap_or(0).into())
        .arg("has-contact", yn(contact_line(p).is_some()))
        .str("contact", contact_line(p).unwrap_or_default())
        .str("role", role.code());
    let wish = if role == Role::Mentor { p.gender } else { p.wish_gender };
    let prefix = if role == Role::Mentor {
        "profile-gender-"
    } else {
        "profile-wish-"
    };
    msg = msg.arg("has-gender", yn(wish.is_some())).arg(
        "gender",
        Arg::Key(
            wish.map(|g| format!("{prefix}{}", g.code()))
                .unwrap_or_else(|| "profile-not-given".into())
                .into(),
        ),
    );
    // A mentor's own age band; a mentee's wish for their mentor's.
    let age = if role == Role::Mentor { p.age } else { p.wish_age }.filter(|_| asks.contains(&Ask::Age));
    msg = msg
        .arg("has-age", yn(age.is_some()))
        .arg("age", Arg::Key(age_key(age).into()));
    msg.column(
        asks.into_iter()
            .map(|a| Button::new(format!("profile-edit-{}", code(a)), Payload::ProfileEdit(a)))
            .collect(),
    )
}

/// What `/profile` and its buttons do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The question under way afterwards (the shell stores it), if any.
    pub asking: Option<Asking>,
    /// The profile changed: store it.
    pub profile: Option<Profile>,
    pub replies: Vec<Msg>,
}

/// One step of `/profile`: `said` is the command, an edit button, an
/// answer's press or typed text; `asking` the question under way.
pub fn edit(
    spec: &ProfileSpec,
    role: Role,
    consent: bool,
    profile: &Profile,
    asking: Option<Asking>,
    said: &Said,
) -> Edit {
    let keep = |asking: Option<Asking>, replies: Vec<Msg>| Edit {
        asking,
        profile: None,
        replies,
    };
    match said {
        Said::Press {
            payload: Payload::ProfileEdit(ask),
            ..
        } => {
            if !asks(spec, role, consent).any(|a| a == *ask) {
                return keep(asking, vec![Msg::new("button-expired")]);
            }
            let a = Asking::new(*ask);
            let q = question(spec, role, &a);
            keep(Some(a), vec![q])
        }
        Said::Press {
            payload: Payload::Profile { .. },
            ..
        }
        | Said::Text(_) => {
            let Some(a) = asking else {
                return keep(None, vec![Msg::new("button-expired")]);
            };
            let then_next = a.then_next;
            let mut p = profile.clone();
            match answer(spec, role, &mut p, a, said) {
                Heard::Again(a, msgs) => keep(Some(a), msgs),
                Heard::Answered if then_next => match next(spec, role, consent, &p) {
                    Some(mut n) => {
                        n.then_next = true;
                        let q = question(spec, role, &n);
                        Edit {
                            asking: Some(n),
                            replies: vec![q],
                            profile: Some(p),
                        }
                    }
                    None => Edit {
                        asking: None,
                        replies: vec![Msg::new("profile-complete")],
                        profile: Some(p),
                    },
                },
                Heard::Answered => Edit {
                    asking: None,
                    replies: vec![Msg::new("profile-saved"), show(spec, role, consent, &p)],
                    profile: Some(p),
                },
            }
        }
        _ => keep(None, vec![show(spec, role, consent, profile)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> ProfileSpec {
        ProfileSpec {
            ask: vec![
                Ask::Field,
                Ask::Interests,
                Ask::Format,
                Ask::Languages,
                Ask::Capacity,
                Ask::Gender,
                Ask::Contact,
            ],
            fields: vec!["field-it".into(), "field-health".into()],
            interests: vec![
                "interest-cv".into(),
                "interest-network".into(),
                "interest-interview".into(),
            ],
            languages: vec!["da".into(), "en".into()],
            max_capacity: 2,
        }
    }

    fn pf(ask: Ask, press: Press) -> Said {
        Said::Press {
            pair: None,
            payload: Payload::Profile { ask, press },
        }
    }

    #[test]
    fn a_mentee_is_asked_everything_but_capacity_and_contact_only_with_consent() {
        let s = spec();
        let with: Vec<Ask> = asks(&s, Role::Mentee, true).collect();
        assert!(!with.contains(&Ask::Capacity) && with.contains(&Ask::Contact));
        assert!(!asks(&s, Role::Mentee, false).any(|a| a == Ask::Contact));
        assert!(asks(&s, Role::Mentor, true).any(|a| a == Ask::Capacity));
        assert_eq!(asks(&s, Role::Coordinator, true).count(), 0);
    }

    #[test]
    fn toggles_then_done_pick_several_interests_and_a_press_for_another_question_changes_nothing() {
        let s = spec();
        let mut p = Profile::default();
        let a = Asking::new(Ask::Interests);
        let Heard::Again(a, m) = answer(&s, Role::Mentee, &mut p, a, &pf(Ask::Interests, Press::Toggle(2))) else {
            panic!()
        };
        assert_eq!(m[0].buttons[2][0].label.key, "survey-option-selected");
        let Heard::Again(a, _) = answer(&s, Role::Mentee, &mut p, a, &pf(Ask::Interests, Press::Toggle(0))) else {
            panic!()
        };
        let Heard::Again(a, m) = answer(&s, Role::Mentee, &mut p, a, &pf(Ask::Field, Press::Value(0))) else {
            panic!()
        };
        assert_eq!(m[0].key, "reg-invalid-choice");
        assert_eq!(p, Profile::default());
        let h = answer(&s, Role::Mentee, &mut p, a, &pf(Ask::Interests, Press::Done));
        assert_eq!(h, Heard::Answered);
        assert_eq!(p.interests, vec!["interest-cv", "interest-interview"]);
    }

    #[test]
    fn age_is_asked_only_where_the_programme_names_it_and_a_met_wish_counts_in_matching() {
        let mut s = spec();
        assert!(!asks(&s, Role::Mentee, true).any(|a| a == Ask::Age));
        s.ask.insert(s.ask.len() - 1, Ask::Age);
        let done = Profile {
            field: Some("field-it".into()),
            interests: vec!["interest-cv".into()],
            format: Some(Format::Both),
            languages: vec!["da".into()],
            capacity: Some(1),
            gender: Some(Gender::Woman),
            wish_gender: Some(Gender::Woman),
            ..Default::default()
        };
        // The mentor tells their age group; the mentee may wish for one or not.
        let a = next(&s, Role::Mentor, false, &done).unwrap();
        assert_eq!(question(&s, Role::Mentor, &a).key, "profile-ask-age");
        let q = question(&s, Role::Mentee, &a);
        assert_eq!(q.key, "profile-ask-wish-age");
        assert_eq!(q.buttons.last().unwrap()[0].label.key, "profile-wish-none");
        let mut mentor = done.clone();
        let h = answer(&s, Role::Mentor, &mut mentor, a.clone(), &pf(Ask::Age, Press::Value(1)));
        assert_eq!((h, mentor.age), (Heard::Answered, Some(AgeBand::From30To49)));
        let mut none = done.clone();
        answer(&s, Role::Mentee, &mut none, a.clone(), &pf(Ask::Age, Press::Skip));
        assert_eq!((none.wish_age, next(&s, Role::Mentee, false, &none)), (None, None));
        let mut mentee = done.clone();
        answer(&s, Role::Mentee, &mut mentee, a, &pf(Ask::Age, Press::Value(1)));
        assert_eq!(mentee.wish_age, Some(AgeBand::From30To49));
        // A soft criterion, weighed like the gender wish.
        let w = crate::profile::Weights::default();
        let (with, why) = crate::matching::score(&w, &mentee, &mentor);
        let (without, _) = crate::matching::score(&w, &none, &mentor);
        assert_eq!(with, without + w.mentee_wish);
        assert!(why.contains(&crate::matching::Reason::AgeWishMet));
    }

    #[test]
    fn profile_shows_the_age_band_in_each_language_only_where_the_programme_asks_it() {
        let cat = crate::i18n::Catalog::builtin();
        let text = |s: &ProfileSpec, role, p: &Profile, lang| cat.text(&show(s, role, true, p), lang, chrono_tz::UTC);
        let mentor = Profile {
            age: Some(AgeBand::From50),
            ..Profile::default()
        };
        let mentee = Profile {
            wish_age: Some(AgeBand::Under30),
            ..Profile::default()
        };
        // Without `age` in the programme, a stored band shows nowhere.
        let s = spec();
        for lang in crate::Lang::ALL {
            let t = text(&s, Role::Mentor, &mentor, lang);
            assert!(!t.contains("50") && !t.contains("Age") && !t.contains("Alder"), "{t}");
            let t = text(&s, Role::Mentee, &mentee, lang);
            assert!(!t.contains("Under 30"), "{t}");
        }
        let mut s = spec();
        s.ask.insert(0, Ask::Age);
        let cases = [
            (
                crate::Lang::En,
                "• Age: 50 or older",
                "• Preferred age of your mentor: Under 30",
            ),
            (
                crate::Lang::Da,
                "• Alder: 50 eller ældre",
                "• Ønsket alder på mentoren: Under 30",
            ),
            (
                crate::Lang::Nb,
                "• Alder: 50 eller eldre",
                "• Ønsket alder på mentoren: Under 30",
            ),
        ];
        for (lang, mine, wish) in cases {
            let t = text(&s, Role::Mentor, &mentor, lang);
            assert!(t.contains(mine), "{t}");
            let t = text(&s, Role::Mentee, &mentee, lang);
            assert!(t.contains(wish), "{t}");
        }
        // And it can be changed from there.
        let buttons: Vec<Payload> = show(&s, Role::Mentor, true, &mentor)
            .buttons
            .concat()
            .into_iter()
            .map(|b| b.payload)
            .collect();
        assert!(buttons.contains(&Payload::ProfileEdit(Ask::Age)));
        let e = edit(
            &s,
            Role::Mentor,
            true,
            &mentor,
            None,
            &Said::Press {
                pair: None,
                payload: Payload::ProfileEdit(Ask::Age),
            },
        );
        let e = edit(
            &s,
            Role::Mentor,
            true,
            &mentor,
            e.asking,
            &pf(Ask::Age, Press::Value(0)),
        );
        assert_eq!(e.profile.unwrap().age, Some(AgeBand::Under30));
        assert!(
            cat.text(&e.replies[1], crate::Lang::En, chrono_tz::UTC)
                .contains("• Age: Under 30")
        );
    }

    #[test]
    fn an_out_of_range_option_is_refused() {
        let s = spec();
        let mut p = Profile::default();
        let Heard::Again(_, m) = answer(
            &s,
            Role::Mentor,
            &mut p,
            Asking::new(Ask::Capacity),
            &pf(Ask::Capacity, Press::Value(2)),
        ) else {
            panic!()
        };
        assert_eq!(m[0].key, "reg-invalid-choice");
        assert_eq!(p.capacity, None);
        let h = answer(
            &s,
            Role::Mentor,
            &mut p,
            Asking::new(Ask::Capacity),
            &pf(Ask::Capacity, Press::Value(1)),
        );
        assert_eq!((h, p.capacity), (Heard::Answered, Some(2)));
    }

    #[test]
    fn contact_is_an_email_and_or_a_phone_number_validated() {
        assert_eq!(
            read_contact("amira@example.dk +45 12 34 56 78"),
            Ok((Some("amira@example.dk".into()), Some("+4512345678".into())))
        );
        assert_eq!(read_contact("22 33 44 55"), Ok((None, Some("22334455".into()))));
        assert_eq!(
            read_contact("lars@example.no"),
            Ok((Some("lars@example.no".into()), None))
        );
        assert_eq!(read_contact("lars@"), Err("profile-invalid-email"));
        assert_eq!(read_contact("lars@localhost"), Err("profile-invalid-email"));
        assert_eq!(read_contact("call me maybe"), Err("profile-invalid-phone"));
        assert_eq!(read_contact("1234"), Err("profile-invalid-phone"));
        assert_eq!(read_contact("   "), Err("profile-invalid-contact"));
        let s = spec();
        let mut p = Profile::default();
        let Heard::Again(_, m) = answer(
            &s,
            Role::Mentee,
            &mut p,
            Asking::new(Ask::Contact),
            &Said::Text("not a contact".into()),
        ) else {
            panic!()
        };
        assert_eq!((m[0].key.as_ref(), p.email.clone()), ("profile-invalid-phone", None));
    }

    #[test]
    fn next_skips_what_an_import_already_answered() {
        let s = spec();
        let p = Profile {
            field: Some("field-it".into()),
            interests: vec!["interest-cv".into()],
            ..Profile::default()
        };
        assert_eq!(next(&s, Role::Mentee, true, &p).map(|a| a.ask), Some(Ask::Format));
        let mut p = p;
        p.skipped.push(Ask::Format);
        assert_eq!(next(&s, Role::Mentee, true, &p).map(|a| a.ask), Some(Ask::Languages));
    }

    #[test]
    fn after_registration_each_answer_leads_to_the_next_open_question_then_done() {
        let s = ProfileSpec {
            ask: vec![Ask::Field, Ask::Format, Ask::Contact],
            ..spec()
        };
        let p = Profile::default();
        let (a, m) = after_registration(&s, Role::Mentee, false, &p).unwrap();
        assert_eq!(
            m.iter().map(|m| &*m.key).collect::<Vec<_>>(),
            vec!["profile-intro", "profile-ask-field"]
        );
        assert!(!a.takes_text());
        let e = edit(&s, Role::Mentee, false, &p, Some(a), &pf(Ask::Field, Press::Value(1)));
        assert_eq!(e.replies[0].key, "profile-ask-format");
        let p = e.profile.unwrap();
        // No consent: contact is never asked, so the format is the last.
        let e = edit(&s, Role::Mentee, false, &p, e.asking, &pf(Ask::Format, Press::Value(2)));
        assert_eq!((e.asking, &*e.replies[0].key), (None, "profile-complete"));
        let p = e.profile.unwrap();
        assert_eq!(
            (p.field.as_deref(), p.format),
            (Some("field-health"), Some(Format::Both))
        );
        assert!(after_registration(&s, Role::Mentee, false, &p).is_none());
    }

    #[test]
    fn profile_edit_shows_then_answers_one_question() {
        let s = spec();
        let p = Profile::default();
        let e = edit(
            &s,
            Role::Mentee,
            true,
            &p,
            None,
            &Said::Command(crate::command::Command::Profile),
        );
        assert_eq!(e.replies[0].key, "profile-show");
        assert_eq!(e.asking, None);
        let e = edit(
            &s,
            Role::Mentee,
            true,
            &p,
            None,
            &Said::Press {
                pair: None,
                payload: Payload::ProfileEdit(Ask::Format),
            },
        );
        assert_eq!(e.asking, Some(Asking::new(Ask::Format)));
        let e = edit(&s, Role::Mentee, true, &p, e.asking, &pf(Ask::Format, Press::Value(0)));
        assert_eq!(e.profile.unwrap().format, Some(Format::Virtual));
        assert_eq!(e.asking, None);
        // A mentee cannot reach the mentors' capacity question.
        let e = edit(
            &s,
            Role::Mentee,
            true,
            &p,
            None,
            &Said::Press {
                pair: None,
                payload: Payload::ProfileEdit(Ask::Capacity),
            },
        );
        assert_eq!(
            (e.asking, e.profile, &*e.replies[0].key),
            (None, None, "button-expired")
        );
    }
}
