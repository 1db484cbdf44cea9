//! Messages as the core decides them: a Fluent key, arguments and buttons,
//! rendered later in the recipient's language.

use crate::Ts;
use crate::payload::Payload;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Keys and argument names are nearly always literals: they are borrowed,
/// not allocated, for each message.
pub type Text = Cow<'static, str>;

/// An argument of a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v", rename_all = "snake_case")]
pub enum Arg {
    Str(String),
    Num(i64),
    /// An instant, shown in the recipient's zone and language.
    Time(Ts),
    /// A date, shown in the recipient's zone and language.
    Date(Ts),
    /// A day, short (for buttons).
    Day(Ts),
    /// Another message, rendered in the recipient's language.
    Key(Text),
    /// Several messages, rendered and joined.
    Keys(Vec<String>),
}

/// A button: its label is a message; its payload comes back when pressed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Button {
    pub label: Msg,
    pub payload: Payload,
}

/// A message to render: a Fluent key with arguments, and rows of buttons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Msg {
    pub key: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(Text, Arg)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buttons: Vec<Vec<Button>>,
    /// A file that goes with the message, made when it is sent: the
    /// outbox holds only what it is, never its content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Attachment>,
}

/// A file a message carries, named by what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Attachment {
    /// Everything stored about a participant (`/mydata`), as JSON. Only
    /// ever sent to that participant.
    DataExport { participant: i64 },
    /// A programme event's `.ics` calendar file (the recipient's programme).
    Calendar { event: String },
    /// The chart of a programme's overall benefit (`/report`), as SVG.
    /// Only ever sent to that programme's coordinators.
    BenefitChart { programme: String },
}

/// A file as a platform sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub name: String,
    pub mime: String,
    pub bytes: Vec<u8>,
}

impl Msg {
    pub fn new(key: impl Into<Text>) -> Msg {
        Msg {
            key: key.into(),
            args: Vec::new(),
            buttons: Vec::new(),
            attachment: None,
        }
    }

    pub fn arg(mut self, name: &'static str, value: Arg) -> Msg {
        self.args.push((Cow::Borrowed(name), value));
        self
    }

    pub fn str(self, name: &'static str, value: impl Into<String>) -> Msg {
        self.arg(name, Arg::Str(value.into()))
    }

    pub fn num(self, name: &'static str, value: i64) -> Msg {
        self.arg(name, Arg::Num(value))
    }

    pub fn time(self, name: &'static str, value: Ts) -> Msg {
        self.arg(name, Arg::Time(value))
    }

    pub fn date(self, name: &'static str, value: Ts) -> Msg {
        self.arg(name, Arg::Date(value))
    }

    pub fn key(self, name: &'static str, key: impl Into<Text>) -> Msg {
        self.arg(name, Arg::Key(key.into()))
    }

    pub fn attach(mut self, attachment: Attachment) -> Msg {
        self.attachment = Some(attachment);
        self
    }

    /// Adds a row of buttons.
    pub fn row(mut self, buttons: Vec<Button>) -> Msg {
        if !buttons.is_empty() {
            self.buttons.push(buttons);
        }
        self
    }

    /// Adds one button per row.
    pub fn column(mut self, buttons: Vec<Button>) -> Msg {
        for b in buttons {
            self.buttons.push(vec![b]);
        }
        self
    }

    pub fn get(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| n == name).map(|(_, a)| a)
    }
}

impl Button {
    pub fn new(label_key: impl Into<Text>, payload: Payload) -> Button {
        Button {
            label: Msg::new(label_key),
            payload,
        }
    }

    pub fn with_label(label: Msg, payload: Payload) -> Button {
        Button { label, payload }
    }
}

/// A message rendered for one recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rendered {
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buttons: Vec<Vec<RenderedButton>>,
}

/// A button as a platform shows it: its payload in wire form (tagged with
/// the pair, see [`crate::payload::Tagged`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderedButton {
    pub label: String,
    pub payload: String,
}
