//! The adapter contract: how the shell hands a rendered message to a
//! platform, and what the platform can do. Runtime-agnostic: futures are
//! plain `std` futures, so the core needs no async runtime.

use crate::i18n::Catalog;
use crate::message::{File, Msg, Rendered, RenderedButton};
use crate::model::Lang;
use crate::payload::{Payload, Tagged};
use chrono::Duration;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What a platform adapter hands inbound updates to. `false` means the
/// update was not handled (the database is away): the platform should
/// offer it again (Telegram: the offset stays; webhooks: answer 500).
pub type Handler = std::sync::Arc<dyn Fn(Inbound) -> BoxFuture<'static, bool> + Send + Sync>;

/// What a platform supports. The dispatcher fits every message to it
/// (see [`fit`]): without buttons, choices become numbered lines and a
/// typed number works as a press; more buttons than `max_buttons` put the
/// rest behind a "More…" button; text longer than `max_text_len` is split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    /// Buttons under a message (inline keyboards, card actions).
    pub buttons: bool,
    /// Longest text of one message; longer text is split.
    pub max_text_len: usize,
    /// The most buttons one message may carry (Teams shows 6 card actions).
    pub max_buttons: usize,
}

/// Where a message goes on a platform.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Recipient {
    pub platform: String,
    /// The platform's chat, channel or conversation address.
    pub address: String,
}

/// A message the platform accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub platform_message_id: Option<String>,
}

/// Why a send failed, as the dispatcher needs to know it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Rate limited: try again after this long.
    #[error("rate limited; retry after {0}")]
    RetryAfter(Duration),
    /// The recipient blocked the bot or left: do not retry.
    #[error("the recipient has blocked the bot")]
    Blocked,
    /// Worth retrying (network, 5xx).
    #[error("temporary failure: {0}")]
    Transient(String),
    /// Never going to work (bad request).
    #[error("permanent failure: {0}")]
    Permanent(String),
}

/// A chat platform.
pub trait Adapter: Send + Sync {
    /// The platform's name as stored with identities (`telegram`, `memory`).
    fn platform(&self) -> &str;
    fn capabilities(&self) -> Capabilities;
    fn send<'a>(&'a self, to: &'a Recipient, msg: &'a Rendered) -> BoxFuture<'a, Result<Sent, SendError>>;

    /// Sends a file (a document on Telegram, an attachment on Bot
    /// Framework, a download in the web chat). Without a way to send
    /// files, the platform gets its content as text.
    fn send_file<'a>(&'a self, to: &'a Recipient, file: &'a File) -> BoxFuture<'a, Result<Sent, SendError>> {
        Box::pin(async move {
            let text = String::from_utf8_lossy(&file.bytes).into_owned();
            self.send(to, &Rendered { text, buttons: vec![] }).await
        })
    }
}

/// Splits text into pieces of at most `max` characters, at a paragraph,
/// line or word boundary where one is near.
pub fn split_text(text: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while rest.chars().count() > max {
        let cut = rest.char_indices().nth(max).map(|(i, _)| i).unwrap_or(rest.len());
        let window = &rest[..cut];
        let at = window
            .rfind("\n\n")
            .or_else(|| window.rfind('\n'))
            .or_else(|| window.rfind(' '))
            .filter(|&i| i > cut / 2)
            .unwrap_or(cut);
        out.push(rest[..at].trim_end().to_string());
        rest = rest[at..].trim_start();
    }
    if !rest.is_empty() || out.is_empty() {
        out.push(rest.to_string());
    }
    out
}

/// A message fitted to what a platform can show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fitted {
    /// What to send, in order; the buttons ride on the last part.
    pub parts: Vec<Rendered>,
    /// On a platform without buttons: the payloads of the numbered
    /// choices written into the text, in order. A typed number presses
    /// one (see `routing::read`); the shell keeps them per address.
    pub choices: Vec<String>,
}

/// Fits a rendered message (its payloads already tagged with `pair`) to
/// a platform:
/// - without buttons, the choices become numbered lines under the text
///   (the write-to-the-pair button is left out: there one just types);
/// - with more buttons than the platform shows, the first
///   `max_buttons - 1` stay and a "More…" button pages to the rest of
///   outbox message `outbox` (see [`more_choices`]);
/// - text longer than the platform takes is split, at paragraphs where
///   it can be.
pub fn fit(
    msg: Rendered,
    caps: Capabilities,
    outbox: i64,
    pair: Option<i64>,
    catalog: &Catalog,
    lang: Lang,
    tz: Tz,
) -> Fitted {
    let Rendered { mut text, mut buttons } = msg;
    if !caps.buttons {
        // Without buttons one writes by typing: "Write to your mentor" is
        // no choice to number.
        let writes = |b: &RenderedButton| {
            crate::payload::Tagged::parse(&b.payload).is_some_and(|t| t.payload == crate::payload::Payload::Write)
        };
        buttons.iter_mut().for_each(|row| row.retain(|b| !writes(b)));
        buttons.retain(|row| !row.is_empty());
    }
    let total: usize = buttons.iter().map(Vec::len).sum();
    let mut choices = vec![];
    if !caps.buttons && total > 0 {
        let lines: Vec<String> = buttons
            .iter()
            .flatten()
            .enumerate()
            .map(|(i, b)| {
                let line = Msg::new("choice-line")
                    .num("n", i as i64 + 1)
                    .str("label", b.label.clone());
                catalog.text(&line, lang, tz)
            })
            .collect();
        text = format!("{text}\n\n{}", lines.join("\n"));
        choices = buttons.into_iter().flatten().map(|b| b.payload).collect();
        buttons = vec![];
    } else if total > caps.max_buttons.max(1) {
        let keep = caps.max_buttons.saturating_sub(1).max(1);
        let mut kept: Vec<Vec<RenderedButton>> = vec![];
        let mut n = 0;
        for row in buttons {
            let room = keep - n;
            if room == 0 {
                break;
            }
            n += row.len().min(room);
            kept.push(row.into_iter().take(room).collect());
        }
        let more = Tagged {
            pair,
            payload: Payload::More {
                outbox,
                offset: u16::try_from(keep).unwrap_or(u16::MAX),
            },
        };
        kept.push(vec![RenderedButton {
            label: catalog.text(&Msg::new("button-more"), lang, tz),
            payload: more.encode(),
        }]);
        buttons = kept;
    }
    let mut parts: Vec<Rendered> = split_text(&text, caps.max_text_len.max(1))
        .into_iter()
        .map(|text| Rendered { text, buttons: vec![] })
        .collect();
    if let Some(last) = parts.last_mut() {
        last.buttons = buttons;
    }
    Fitted { parts, choices }
}

/// The buttons of `msg` from `offset` on, as a message of their own: what
/// "More…" shows. `None` when there are none (a forged offset).
pub fn more_choices(msg: &Msg, offset: u16) -> Option<Msg> {
    let rest: Vec<_> = msg
        .buttons
        .iter()
        .flatten()
        .skip(usize::from(offset))
        .cloned()
        .collect();
    (!rest.is_empty()).then(|| Msg::new("choices-more").column(rest))
}

/// How long a handled update's key is kept to recognise it when the
/// platform delivers it again: Telegram keeps an unconfirmed update for 24
/// hours, Bot Framework and Discord retry for minutes. A week covers them
/// all with room; older keys are dropped, so the table stays small.
pub const UPDATES_KEPT_DAYS: i64 = 7;

/// The keys recorded before this time may be dropped at `now`.
pub fn updates_kept_since(now: crate::Ts) -> crate::Ts {
    now - Duration::days(UPDATES_KEPT_DAYS)
}

/// An update from a platform, as the engine takes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbound {
    pub platform: String,
    /// The platform's own key for this update (Telegram's `update_id`, an
    /// activity id): a redelivery with the same key is handled once.
    pub update_key: String,
    /// Who sent it, in the platform's terms.
    pub user_id: String,
    /// Where to answer.
    pub address: String,
    /// The platform's idea of the sender's language, if any.
    pub lang_hint: Option<String>,
    /// How the sender's match could reach them on the platform (a
    /// Telegram @username), shared only with their consent.
    #[serde(default)]
    pub contact: Option<String>,
    pub kind: InboundKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v", rename_all = "snake_case")]
pub enum InboundKind {
    Text(String),
    /// A button press with the payload the button was sent with.
    Button(String),
    /// The person blocked the bot (`blocked`) or unblocked it (Telegram's
    /// `my_chat_member`: "kicked", then "member" again).
    Membership {
        blocked: bool,
    },
}

/// A scripted failure of the in-memory adapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    Fail(SendError),
    /// Never answer: the send hangs, as if the process died mid-call.
    Hang,
}

/// An adapter that keeps what it is sent, for tests and dry runs.
#[derive(Debug, Default)]
pub struct InMemoryAdapter {
    sent: Mutex<Vec<(Recipient, Rendered)>>,
    files: Mutex<Vec<(Recipient, File)>>,
    faults: Mutex<VecDeque<Option<Fault>>>,
    blocked: Mutex<Vec<String>>,
    caps: Option<Capabilities>,
}

impl InMemoryAdapter {
    pub fn new() -> InMemoryAdapter {
        InMemoryAdapter::default()
    }

    pub fn with_capabilities(caps: Capabilities) -> InMemoryAdapter {
        InMemoryAdapter {
            caps: Some(caps),
            ..Default::default()
        }
    }

    /// The next sends behave as scripted, one entry each (`None` = succeed).
    pub fn script(&self, faults: impl IntoIterator<Item = Option<Fault>>) {
        self.faults.lock().expect("lock").extend(faults);
    }

    /// Every send to this address fails as blocked.
    pub fn block(&self, address: &str) {
        self.blocked.lock().expect("lock").push(address.to_string());
    }

    pub fn sent(&self) -> Vec<(Recipient, Rendered)> {
        self.sent.lock().expect("lock").clone()
    }

    pub fn sent_to(&self, address: &str) -> Vec<Rendered> {
        self.sent()
            .into_iter()
            .filter(|(r, _)| r.address == address)
            .map(|(_, m)| m)
            .collect()
    }

    /// The files sent to this address, in order.
    pub fn files_to(&self, address: &str) -> Vec<File> {
        self.files
            .lock()
            .expect("lock")
            .iter()
            .filter(|(r, _)| r.address == address)
            .map(|(_, f)| f.clone())
            .collect()
    }

    pub fn count(&self) -> usize {
        self.sent.lock().expect("lock").len()
    }
}

impl Adapter for InMemoryAdapter {
    fn platform(&self) -> &str {
        "memory"
    }

    fn capabilities(&self) -> Capabilities {
        self.caps.unwrap_or(Capabilities {
            buttons: true,
            max_text_len: 4096,
            max_buttons: 100,
        })
    }

    fn send<'a>(&'a self, to: &'a Recipient, msg: &'a Rendered) -> BoxFuture<'a, Result<Sent, SendError>> {
        let fault = self.faults.lock().expect("lock").pop_front().flatten();
        let blocked = self.blocked.lock().expect("lock").contains(&to.address);
        Box::pin(async move {
            if blocked {
                return Err(SendError::Blocked);
            }
            match fault {
                Some(Fault::Hang) => std::future::pending().await,
                Some(Fault::Fail(e)) => Err(e),
                None => {
                    let mut sent = self.sent.lock().expect("lock");
                    sent.push((to.clone(), msg.clone()));
                    Ok(Sent {
                        platform_message_id: Some(sent.len().to_string()),
                    })
                }
            }
        })
    }

    fn send_file<'a>(&'a self, to: &'a Recipient, file: &'a File) -> BoxFuture<'a, Result<Sent, SendError>> {
        Box::pin(async move {
            let mut files = self.files.lock().expect("lock");
            files.push((to.clone(), file.clone()));
            Ok(Sent {
                platform_message_id: Some(format!("file-{}", files.len())),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::Button;

    fn rendered(n: usize) -> (Msg, Rendered) {
        let msg = Msg::new("book-ask-date").row(
            (0..n)
                .map(|i| {
                    Button::new(
                        "button-book",
                        Payload::Met {
                            rating: crate::payload::Rating::Good,
                            n: i as u32,
                        },
                    )
                })
                .collect(),
        );
        let r = Catalog::builtin().render(&msg, Lang::En, chrono_tz::UTC);
        (msg, r)
    }

    #[test]
    fn eight_choices_on_a_six_button_platform_page_behind_more() {
        let caps = Capabilities {
            buttons: true,
            max_text_len: 1000,
            max_buttons: 6,
        };
        let (msg, r) = rendered(8);
        let f = fit(r, caps, 42, Some(7), Catalog::builtin(), Lang::En, chrono_tz::UTC);
        let shown: Vec<&RenderedButton> = f.parts[0].buttons.iter().flatten().collect();
        assert_eq!(shown.len(), 6);
        assert_eq!(shown[5].payload, "p7|more:42:5");
        assert!(shown[5].label.starts_with("More"), "{}", shown[5].label);
        // "More…" shows the three not shown yet, and every choice is reachable.
        let more = more_choices(&msg, 5).unwrap();
        assert_eq!(more.buttons.iter().flatten().count(), 3);
        assert_eq!(more_choices(&msg, 8), None);
    }

    #[test]
    fn without_buttons_the_choices_are_numbered_lines_and_remembered() {
        let caps = Capabilities {
            buttons: false,
            max_text_len: 4096,
            max_buttons: 0,
        };
        let (_, r) = rendered(3);
        let f = fit(r, caps, 1, None, Catalog::builtin(), Lang::En, chrono_tz::UTC);
        assert!(f.parts[0].buttons.is_empty());
        assert!(
            f.parts[0].text.contains("\n1. ") && f.parts[0].text.contains("\n3. "),
            "{}",
            f.parts[0].text
        );
        assert_eq!(f.choices, vec!["met:good:0", "met:good:1", "met:good:2"]);
    }

    #[test]
    fn long_text_is_split_at_boundaries_within_the_limit() {
        let text = format!("{}\n\n{}", "a".repeat(3000), "b ".repeat(1000));
        let parts = split_text(&text, 4096);
        assert_eq!(parts.len(), 2);
        assert!(parts.iter().all(|p| p.chars().count() <= 4096));
        assert_eq!(parts[0], "a".repeat(3000));
        let short = split_text("æøå 🙂", 4096);
        assert_eq!(short, vec!["æøå 🙂".to_string()]);
        let hard = split_text(&"ø".repeat(10000), 4096);
        assert_eq!(
            hard.iter().map(|p| p.chars().count()).collect::<Vec<_>>(),
            vec![4096, 4096, 1808]
        );
    }
}
