//! Messages, buttons and modals as Discord takes them, built with
//! serenity's builders.

use crate::{MAX_CUSTOM_ID, MAX_ROW_BUTTONS, MAX_ROWS, WRITE};
use bot_core::message::{Rendered, RenderedButton};
use serde_json::Value;
use serenity::all::{
    ButtonStyle, CreateActionRow, CreateAllowedMentions, CreateButton, CreateInputText, CreateInteractionResponse,
    CreateInteractionResponseMessage, CreateMessage, CreateModal, InputTextStyle,
};

/// The text input of the free-text modal.
pub const WRITE_INPUT: &str = "text";
/// Longest free text a modal takes (Discord's paragraph limit is 4,000).
pub const WRITE_MAX: u16 = 2000;

/// Why a message cannot go to Discord as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unfit {
    #[error("a button's payload is {0} characters; Discord takes at most 100")]
    CustomIdTooLong(usize),
    #[error("the message has {0} buttons; Discord shows at most 25")]
    TooManyButtons(usize),
}

/// The buttons laid out in Discord's action rows: each row of the core's
/// split into rows of at most 5, then packed when that makes more than 5
/// rows; the "Write…" button (`write_label`) last, when there is room.
pub fn rows(buttons: &[Vec<RenderedButton>], write_label: Option<&str>) -> Result<Vec<Vec<(String, String)>>, Unfit> {
    let all: Vec<&RenderedButton> = buttons.iter().flatten().collect();
    if let Some(b) = all.iter().find(|b| b.payload.chars().count() > MAX_CUSTOM_ID) {
        return Err(Unfit::CustomIdTooLong(b.payload.chars().count()));
    }
    if all.len() > MAX_ROWS * MAX_ROW_BUTTONS {
        return Err(Unfit::TooManyButtons(all.len()));
    }
    let pair = |b: &RenderedButton| (b.label.clone(), b.payload.clone());
    let mut out: Vec<Vec<(String, String)>> = buttons
        .iter()
        .flat_map(|row| {
            row.chunks(MAX_ROW_BUTTONS)
                .map(|c| c.iter().map(pair).collect::<Vec<_>>())
        })
        .filter(|r: &Vec<_>| !r.is_empty())
        .collect();
    if out.len() > MAX_ROWS {
        out = all
            .chunks(MAX_ROW_BUTTONS)
            .map(|c| c.iter().map(|b| pair(b)).collect())
            .collect();
    }
    if let Some(label) = write_label {
        let write = (label.to_string(), WRITE.to_string());
        if out.len() < MAX_ROWS {
            out.push(vec![write]);
        } else if let Some(last) = out.last_mut().filter(|l| l.len() < MAX_ROW_BUTTONS) {
            last.push(write);
        }
    }
    Ok(out)
}

fn action_rows(rows: Vec<Vec<(String, String)>>) -> Vec<CreateActionRow> {
    rows.into_iter()
        .map(|row| {
            CreateActionRow::Buttons(
                row.into_iter()
                    .map(|(label, id)| {
                        let style = if id == WRITE {
                            ButtonStyle::Primary
                        } else {
                            ButtonStyle::Secondary
                        };
                        // Discord takes labels of up to 80 characters.
                        let label: String = label.chars().take(80).collect();
                        CreateButton::new(id).label(label).style(style)
                    })
                    .collect(),
            )
        })
        .collect()
}

/// The body of `POST /channels/{id}/messages` for a rendered message. No
/// mention ever pings anyone: relayed text cannot `@everyone`.
pub fn message_body(msg: &Rendered, write_label: Option<&str>) -> Result<Value, Unfit> {
    let rows = rows(&msg.buttons, write_label)?;
    let mut m = CreateMessage::new()
        .content(msg.text.clone())
        .allowed_mentions(CreateAllowedMentions::new());
    if !rows.is_empty() {
        m = m.components(action_rows(rows));
    }
    Ok(serde_json::to_value(m).unwrap_or(Value::Null))
}

/// The modal a "Write…" press opens: one paragraph input.
pub fn write_modal(title: &str, label: &str) -> Value {
    let title: String = title.chars().take(45).collect();
    let label: String = label.chars().take(45).collect();
    let input = CreateInputText::new(InputTextStyle::Paragraph, label, WRITE_INPUT)
        .min_length(1)
        .max_length(WRITE_MAX)
        .required(true);
    let modal = CreateModal::new(WRITE, title).components(vec![CreateActionRow::InputText(input)]);
    response(CreateInteractionResponse::Modal(modal))
}

/// PONG, for Discord's PING.
pub fn pong() -> Value {
    response(CreateInteractionResponse::Pong)
}

/// A button press or modal taken: no visible change (type 6).
pub fn acknowledge() -> Value {
    response(CreateInteractionResponse::Acknowledge)
}

/// "Thinking…", seen only by the person; a follow-up replaces it (type 5).
pub fn defer_ephemeral() -> Value {
    response(CreateInteractionResponse::Defer(
        CreateInteractionResponseMessage::new().ephemeral(true),
    ))
}

/// A message only the person sees (type 4, ephemeral).
pub fn ephemeral(text: &str) -> Value {
    response(CreateInteractionResponse::Message(ephemeral_message(text)))
}

fn ephemeral_message(text: &str) -> CreateInteractionResponseMessage {
    CreateInteractionResponseMessage::new()
        .content(text.to_string())
        .ephemeral(true)
        .allowed_mentions(CreateAllowedMentions::new())
}

/// The body of a follow-up message on the interaction's webhook, seen only
/// by the person.
pub fn followup(text: &str) -> Value {
    serde_json::json!({ "content": text, "flags": 64, "allowed_mentions": { "parse": [] } })
}

fn response(r: CreateInteractionResponse) -> Value {
    serde_json::to_value(r).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(label: &str, payload: &str) -> RenderedButton {
        RenderedButton {
            label: label.into(),
            payload: payload.into(),
        }
    }

    #[test]
    fn long_rows_are_split_and_the_write_button_comes_last() {
        let row: Vec<_> = (0..7).map(|i| b(&format!("{i}"), &format!("p{i}"))).collect();
        let out = rows(&[row], Some("Write")).unwrap();
        assert_eq!(out.iter().map(Vec::len).collect::<Vec<_>>(), vec![5, 2, 1]);
        assert_eq!(out[2][0].1, WRITE);
    }

    #[test]
    fn a_payload_over_100_characters_is_refused() {
        let long = "x".repeat(101);
        assert_eq!(rows(&[vec![b("a", &long)]], None), Err(Unfit::CustomIdTooLong(101)));
    }

    #[test]
    fn the_modal_and_the_message_are_what_discord_takes() {
        let m = write_modal("Write", "Your answer");
        assert_eq!(m["type"], 9);
        assert_eq!(m["data"]["custom_id"], WRITE);
        assert_eq!(m["data"]["components"][0]["components"][0]["style"], 2);
        let body = message_body(
            &Rendered {
                text: "Hi".into(),
                buttons: vec![vec![b("Yes", "agree:yes")]],
            },
            None,
        )
        .unwrap();
        assert_eq!(body["content"], "Hi");
        assert_eq!(body["components"][0]["components"][0]["custom_id"], "agree:yes");
        assert_eq!(pong()["type"], 1);
        assert_eq!(acknowledge()["type"], 6);
        assert_eq!(defer_ephemeral()["type"], 5);
        assert_eq!(ephemeral("x")["data"]["flags"], 64);
    }

    #[test]
    fn the_cores_payloads_fit_a_custom_id_even_with_the_largest_pair_id() {
        use bot_core::payload::{Payload, Press, Rating, Tagged};
        use bot_core::programme::SurveyKind;
        let date = chrono::NaiveDate::from_ymd_opt(2030, 12, 31).unwrap();
        let time = chrono::NaiveTime::from_hms_opt(23, 59, 0).unwrap();
        let id = "x".repeat(32);
        let payloads = [
            Payload::Book(Some((date, Some(time)))),
            Payload::Met {
                rating: Rating::Missed,
                n: u32::MAX,
            },
            Payload::More {
                outbox: i64::MAX,
                offset: u16::MAX,
            },
            Payload::Rsvp {
                event: id.clone(),
                answer: bot_core::payload::RsvpAnswer::Maybe,
            },
            Payload::Answer {
                survey: SurveyKind::FollowUp,
                question: id.clone(),
                press: Press::Toggle(u8::MAX),
            },
        ];
        for payload in payloads {
            let wire = Tagged {
                pair: Some(i64::MAX),
                payload,
            }
            .encode();
            assert!(wire.chars().count() <= MAX_CUSTOM_ID, "{wire}");
            let b = vec![vec![RenderedButton {
                label: "x".into(),
                payload: wire,
            }]];
            assert!(rows(&b, Some("Write")).is_ok());
        }
    }
}
