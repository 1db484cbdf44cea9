//! `/broadcast`: the coordinator's guided announcement.
//!
//! Decides: the dialogue (audience buttons → the text, one for all or one
//! per programme language → a preview with the recipient count → send or
//! cancel), which text each recipient gets, and when progress is shown
//! (25 %, 50 %, 100 %).
//!
//! Must not know: the database or platforms. The shell stores the
//! [`Draft`] in `dialogues` (kind [`KIND`]), counts and resolves the
//! audience when asked ([`Effect::Count`]), queues one message per
//! recipient and records the broadcast so it can be stopped.

use crate::Ts;
use crate::message::{Button, Msg};
use crate::model::Lang;
use crate::payload::{Bc, Payload};
use serde::{Deserialize, Serialize};

/// The kind stored in `dialogues` for a broadcast being written.
pub const KIND: &str = "broadcast";

/// Who a broadcast (or an event) is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Every mentor and mentee.
    Everyone,
    Mentors,
    Mentees,
    /// Those whose profile has `field` = `value` (profiles: issue 9).
    Profile {
        field: String,
        value: String,
    },
    /// Mentors and mentees in no pair.
    Unmatched,
    /// Both members of each pair at risk.
    AtRisk,
    /// Those with a survey open that they have not finished.
    SurveyUnanswered,
    /// Mentors and mentees who have not answered this event's invitation.
    EventUnanswered(String),
}

impl Audience {
    /// The audiences offered as buttons (an event's comes per event).
    pub const BUTTONS: [Audience; 6] = [
        Audience::Everyone,
        Audience::Mentees,
        Audience::Mentors,
        Audience::Unmatched,
        Audience::AtRisk,
        Audience::SurveyUnanswered,
    ];

    /// The short form used by buttons and the CLI: `everyone`, `mentors`,
    /// `mentees`, `unmatched`, `at-risk`, `survey`, `event:ID`,
    /// `profile:FIELD=VALUE`.
    pub fn code(&self) -> String {
        match self {
            Audience::Everyone => "everyone".into(),
            Audience::Mentors => "mentors".into(),
            Audience::Mentees => "mentees".into(),
            Audience::Profile { field, value } => format!("profile:{field}={value}"),
            Audience::Unmatched => "unmatched".into(),
            Audience::AtRisk => "at-risk".into(),
            Audience::SurveyUnanswered => "survey".into(),
            Audience::EventUnanswered(e) => format!("event:{e}"),
        }
    }

    pub fn parse(s: &str) -> Option<Audience> {
        Some(match s.trim() {
            "everyone" | "all" => Audience::Everyone,
            "mentors" => Audience::Mentors,
            "mentees" => Audience::Mentees,
            "unmatched" => Audience::Unmatched,
            "at-risk" => Audience::AtRisk,
            "survey" => Audience::SurveyUnanswered,
            "profile" => Audience::Profile {
                field: String::new(),
                value: String::new(),
            },
            s => match s.split_once(':')? {
                ("event", id) if crate::payload::valid_id(id) => Audience::EventUnanswered(id.into()),
                ("profile", fv) => {
                    let (field, value) = fv.split_once('=')?;
                    Audience::Profile {
                        field: field.trim().into(),
                        value: value.trim().into(),
                    }
                }
                _ => return None,
            },
        })
    }

    /// The Fluent key naming this audience (`broadcast-audience-…`).
    pub fn label_key(&self) -> String {
        let code = self.code();
        let head = code.split(':').next().unwrap_or_default();
        format!("broadcast-audience-{head}")
    }

    /// The Fluent key describing this audience in a sentence
    /// (`broadcast-who-…`).
    pub fn who_key(&self) -> String {
        self.label_key().replace("-audience-", "-who-")
    }

    fn label(&self) -> Msg {
        let msg = Msg::new(self.label_key());
        match self {
            Audience::EventUnanswered(e) => msg.str("event", e.clone()),
            Audience::Profile { field, value } => msg.str("field", field.clone()).str("value", value.clone()),
            _ => msg,
        }
    }
}

/// The texts of a broadcast: `(None, text)` is for everyone; `(Some(lang),
/// text)` for those reading that language.
pub type Texts = Vec<(Option<Lang>, String)>;

/// A broadcast being written, as stored between messages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub audience: Option<Audience>,
    /// One text per language, asked in the programme's language order.
    pub per_language: bool,
    pub texts: Texts,
    /// Counted by the shell once the texts are in: the preview is shown.
    pub recipients: Option<i64>,
}

/// What the dialogue needs to know of the programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ctx {
    /// The programme's languages, the default first.
    pub langs: Vec<Lang>,
    /// Coming events (id, title as written), for "not answered an event".
    pub events: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// `/broadcast`.
    Start,
    Press(Bc),
    Text(String),
    /// The shell counted the audience it was asked to.
    Counted(i64),
}

/// What the shell must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Reply(Msg),
    /// Store the draft (the dialogue goes on).
    Save(Draft),
    /// End the dialogue.
    Clear,
    /// Count the audience and step again with [`Input::Counted`].
    Count(Audience),
    /// Queue the broadcast: one message per recipient of the audience.
    Send {
        audience: Audience,
        texts: Texts,
    },
    /// Stop broadcast `id` (the shell checks it is this programme's).
    Stop(i64),
}

fn audience_question(ctx: &Ctx) -> Msg {
    let mut msg = Msg::new("broadcast-ask-audience");
    for a in Audience::BUTTONS {
        msg = msg.column(vec![Button::with_label(a.label(), Payload::Broadcast(Bc::Audience(a)))]);
    }
    for (id, title) in ctx.events.iter().take(3) {
        let a = Audience::EventUnanswered(id.clone());
        let label = Msg::new("broadcast-audience-event").str("event", title.clone());
        msg = msg.column(vec![Button::with_label(label, Payload::Broadcast(Bc::Audience(a)))]);
    }
    msg.column(vec![
        Button::with_label(
            Msg::new("broadcast-audience-profile"),
            Payload::Broadcast(Bc::Audience(Audience::parse("profile").expect("profile"))),
        ),
        cancel(),
    ])
}

fn cancel() -> Button {
    Button::new("broadcast-button-cancel", Payload::Broadcast(Bc::Cancel))
}

fn ask_text(ctx: &Ctx, d: &Draft) -> Msg {
    if d.per_language {
        let lang = ctx.langs.get(d.texts.len()).copied().unwrap_or(Lang::En);
        return Msg::new("broadcast-ask-text-in")
            .key("language", format!("language-name-{lang}"))
            .row(vec![cancel()]);
    }
    let mut buttons = vec![];
    if ctx.langs.len() > 1 {
        buttons.push(Button::new(
            "broadcast-button-per-language",
            Payload::Broadcast(Bc::PerLanguage),
        ));
    }
    buttons.push(cancel());
    Msg::new("broadcast-ask-text").row(buttons)
}

/// Steps the dialogue. `draft` is the stored one (`None`: none under way).
pub fn step(draft: Option<Draft>, ctx: &Ctx, input: Input, _now: Ts) -> Vec<Effect> {
    use Effect::*;
    let start = || vec![Save(Draft::default()), Reply(audience_question(ctx))];
    if let Input::Press(Bc::Stop(id)) = input {
        return vec![Stop(id)];
    }
    if input == Input::Start {
        return start();
    }
    let Some(mut d) = draft else {
        // A button of a finished or forgotten draft.
        return vec![Reply(Msg::new("button-expired"))];
    };
    match input {
        Input::Start | Input::Press(Bc::Stop(_)) => start(),
        Input::Press(Bc::Cancel) => vec![Clear, Reply(Msg::new("broadcast-cancelled"))],
        Input::Press(Bc::Audience(Audience::Profile { .. })) => {
            vec![
                Reply(Msg::new("broadcast-profile-not-yet")),
                Reply(audience_question(ctx)),
            ]
        }
        Input::Press(Bc::Audience(a)) => {
            // Choosing again starts the texts again.
            d = Draft {
                audience: Some(a),
                ..Draft::default()
            };
            let ask = ask_text(ctx, &d);
            vec![Save(d), Reply(ask)]
        }
        Input::Press(Bc::PerLanguage) if d.audience.is_some() && d.recipients.is_none() => {
            d.per_language = true;
            d.texts.clear();
            let ask = ask_text(ctx, &d);
            vec![Save(d), Reply(ask)]
        }
        Input::Text(_) | Input::Press(Bc::PerLanguage) if d.audience.is_none() => {
            vec![Reply(audience_question(ctx))]
        }
        Input::Text(t) if t.trim().is_empty() => vec![Reply(ask_text(ctx, &d))],
        Input::Text(_) if d.recipients.is_some() => vec![Reply(preview_buttons(&d))],
        Input::Text(t) => {
            let t = t.trim().to_string();
            if d.per_language {
                let lang = ctx.langs.get(d.texts.len()).copied().unwrap_or(Lang::En);
                d.texts.push((Some(lang), t));
                if d.texts.len() < ctx.langs.len() {
                    let ask = ask_text(ctx, &d);
                    return vec![Save(d), Reply(ask)];
                }
            } else {
                d.texts = vec![(None, t)];
            }
            let audience = d.audience.clone().expect("checked above");
            vec![Save(d), Count(audience)]
        }
        Input::Counted(n) if d.audience.is_some() && !d.texts.is_empty() => {
            if n == 0 {
                return vec![Clear, Reply(Msg::new("broadcast-nobody"))];
            }
            d.recipients = Some(n);
            let mut out = vec![Save(d.clone())];
            for (lang, text) in &d.texts {
                let msg = match lang {
                    Some(l) => Msg::new("broadcast-preview-text-in").key("language", format!("language-name-{l}")),
                    None => Msg::new("broadcast-preview-text"),
                };
                out.push(Reply(msg.str("text", text.clone())));
            }
            out.push(Reply(preview_buttons(&d)));
            out
        }
        Input::Press(Bc::Send) if d.recipients.is_some() => {
            let audience = d.audience.clone().expect("counted");
            vec![
                Clear,
                Send {
                    audience,
                    texts: d.texts,
                },
            ]
        }
        // A send before the preview, a count nobody asked for, a press out of turn.
        Input::Counted(_) | Input::Press(Bc::Send) | Input::Press(Bc::PerLanguage) => {
            vec![Reply(Msg::new("button-expired"))]
        }
    }
}

fn preview_buttons(d: &Draft) -> Msg {
    let who = d.audience.as_ref().map(Audience::who_key).unwrap_or_default();
    Msg::new("broadcast-preview")
        .num("count", d.recipients.unwrap_or(0))
        .key("audience", who)
        .row(vec![
            Button::new("broadcast-button-send", Payload::Broadcast(Bc::Send)),
            cancel(),
        ])
}

/// The text a recipient reading `lang` gets: theirs, else the one for
/// everyone, else the nearest in their fallback chain, else the first.
pub fn text_for(texts: &Texts, lang: Lang) -> Option<&str> {
    let find = |l: Option<Lang>| texts.iter().find(|(x, _)| *x == l).map(|(_, t)| t.as_str());
    find(Some(lang))
        .or_else(|| find(None))
        .or_else(|| lang.fallback_chain().iter().find_map(|l| find(Some(*l))))
        .or_else(|| texts.first().map(|(_, t)| t.as_str()))
}

/// The progress a coordinator should see now, if a new mark was passed:
/// 25, 50 or 100 (percent of `total` done, sent or given up), after
/// `shown` was last shown.
pub fn progress(shown: i64, done: i64, total: i64) -> Option<i64> {
    if total <= 0 {
        return (shown < 100).then_some(100);
    }
    let pct = done.clamp(0, total) * 100 / total;
    [100, 50, 25].into_iter().find(|m| pct >= *m && shown < *m)
}

/// The `once` key of broadcast `id`'s message to a recipient (the outbox
/// keeps one per recipient and key).
pub fn once_key(id: i64) -> String {
    format!("bc:{id}")
}

#[cfg(test)]
mod tests;
