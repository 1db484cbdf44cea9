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
mod tests;
