//! Survey questions as chat messages, and reading the answers.

use crate::message::{Arg, Button, Msg};
use crate::payload::{Payload, Press};
use crate::programme::{Question, QuestionKind, SurveyKind};
use serde::{Deserialize, Serialize};

/// A stored answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v", rename_all = "snake_case")]
pub enum AnswerValue {
    Scale(u8),
    /// The option's key.
    Choice(String),
    Choices(Vec<String>),
    Ranking(Vec<String>),
    Text(String),
    Skipped,
}

/// What one press or message did to the current question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Answered(AnswerValue),
    /// A multi-choice toggle or a ranking pick: the question stays open
    /// with this selection (option indexes, in order).
    Selection(Vec<usize>),
    /// Not an answer to this question: ask again with this reason (a key).
    Invalid(&'static str),
}

/// The payload of an answer button.
pub fn payload(survey: SurveyKind, q: &Question, press: Press) -> Payload {
    Payload::Answer {
        survey,
        question: q.id.clone(),
        press,
    }
}

/// An option's index as a press (options are capped at 8).
fn index(i: usize) -> Press {
    Press::Value(u8::try_from(i).unwrap_or(u8::MAX))
}

/// The message that asks a question, with its buttons, given the current
/// selection (for multi-choice and ranking).
pub fn ask(survey: SurveyKind, q: &Question, n: usize, total: usize, selection: &[usize]) -> Msg {
    let hint = match q.kind {
        QuestionKind::Scale => "survey-hint-scale",
        QuestionKind::Single | QuestionKind::Outcome => "survey-hint-single",
        QuestionKind::Multi => "survey-hint-multi",
        QuestionKind::Ranking => "survey-hint-ranking",
        QuestionKind::Text => "survey-hint-text",
    };
    let mut msg = Msg::new("survey-question")
        .num("n", n as i64)
        .num("total", total as i64)
        .key("question", q.text.clone())
        .key("hint", hint);
    let options = q.option_keys();
    match q.kind {
        QuestionKind::Scale => {
            msg = msg.row(
                (1..=5)
                    .map(|v| {
                        Button::with_label(
                            Msg::new("survey-scale-value").num("value", v),
                            payload(survey, q, Press::Value(v as u8)),
                        )
                    })
                    .collect(),
            );
        }
        QuestionKind::Single | QuestionKind::Outcome => {
            msg = msg.column(
                options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| Button::new(o.to_string(), payload(survey, q, index(i))))
                    .collect(),
            );
        }
        QuestionKind::Multi => {
            msg = msg.column(
                options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| {
                        let label = if selection.contains(&i) {
                            Msg::new("survey-option-selected").key("option", o.to_string())
                        } else {
                            Msg::new(o.to_string())
                        };
                        Button::with_label(
                            label,
                            payload(survey, q, Press::Toggle(u8::try_from(i).unwrap_or(u8::MAX))),
                        )
                    })
                    .collect(),
            );
            msg = msg.row(vec![Button::new("button-done", payload(survey, q, Press::Done))]);
        }
        QuestionKind::Ranking => {
            if selection.iter().any(|&i| i < options.len()) {
                // A ranking begun before the programme file changed may
                // name options that are gone: those are left out.
                let ranked: Vec<String> = selection
                    .iter()
                    .filter_map(|&i| options.get(i))
                    .map(|o| o.to_string())
                    .collect();
                msg = msg.arg("ranked", Arg::Keys(ranked));
                msg.key = "survey-question-ranking-progress".into();
            }
            msg = msg.column(
                options
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !selection.contains(i))
                    .map(|(i, o)| Button::new(o.to_string(), payload(survey, q, index(i))))
                    .collect(),
            );
        }
        QuestionKind::Text => {}
    }
    if q.optional {
        msg = msg.row(vec![Button::new("button-skip", payload(survey, q, Press::Skip))]);
    }
    msg
}

/// Reads a button value (from a payload) for a question.
pub fn read_button(q: &Question, press: Press, selection: &[usize]) -> Outcome {
    let options = q.option_keys();
    // A selection made before the programme file changed may point past
    // the options now: such indexes are dropped, never indexed.
    let keys = |sel: &[usize]| -> Vec<String> {
        sel.iter()
            .filter_map(|&i| options.get(i))
            .map(|o| o.to_string())
            .collect()
    };
    match (q.kind, press) {
        (_, Press::Skip) if q.optional => Outcome::Answered(AnswerValue::Skipped),
        (_, Press::Skip) => Outcome::Invalid("survey-invalid-required"),
        (QuestionKind::Scale, Press::Value(v)) => read_scale(&v.to_string()),
        (QuestionKind::Single | QuestionKind::Outcome, Press::Value(i)) => match options.get(usize::from(i)) {
            Some(o) => Outcome::Answered(AnswerValue::Choice(o.to_string())),
            None => Outcome::Invalid("survey-invalid-choice"),
        },
        (QuestionKind::Multi, Press::Done) => {
            let mut sel: Vec<usize> = selection.iter().copied().filter(|&i| i < options.len()).collect();
            if sel.is_empty() {
                return Outcome::Invalid("survey-invalid-multi-empty");
            }
            sel.sort_unstable();
            Outcome::Answered(AnswerValue::Choices(keys(&sel)))
        }
        (QuestionKind::Multi, Press::Toggle(i)) if usize::from(i) < options.len() => {
            let i = usize::from(i);
            let mut sel = selection.to_vec();
            if let Some(pos) = sel.iter().position(|&s| s == i) {
                sel.remove(pos);
            } else {
                sel.push(i);
            }
            Outcome::Selection(sel)
        }
        (QuestionKind::Ranking, Press::Value(i))
            if usize::from(i) < options.len() && !selection.contains(&usize::from(i)) =>
        {
            let mut sel: Vec<usize> = selection.iter().copied().filter(|&j| j < options.len()).collect();
            sel.push(usize::from(i));
            if sel.len() + 1 >= options.len() {
                // The last one ranks itself.
                sel.extend((0..options.len()).filter(|j| !sel.contains(j)).collect::<Vec<_>>());
                Outcome::Answered(AnswerValue::Ranking(keys(&sel)))
            } else {
                Outcome::Selection(sel)
            }
        }
        (QuestionKind::Text, _) => Outcome::Invalid("survey-invalid-text"),
        (QuestionKind::Scale, _) => Outcome::Invalid("survey-invalid-scale"),
        _ => Outcome::Invalid("survey-invalid-choice"),
    }
}

/// Reads a typed answer: a number for a scale, an option's number for a
/// choice, numbers separated by commas or spaces for multi-choice and
/// ranking, any text for a text question.
pub fn read_text(q: &Question, text: &str) -> Outcome {
    let text = text.trim();
    let options = q.option_keys();
    let numbers = || -> Option<Vec<usize>> {
        text.split([',', ' ', ';'])
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<usize>()
                    .ok()
                    .filter(|&n| n >= 1 && n <= options.len())
                    .map(|n| n - 1)
            })
            .collect()
    };
    match q.kind {
        QuestionKind::Scale => read_scale(text),
        QuestionKind::Text => {
            if text.is_empty() {
                Outcome::Invalid("survey-invalid-text")
            } else {
                Outcome::Answered(AnswerValue::Text(text.chars().take(4000).collect()))
            }
        }
        QuestionKind::Single | QuestionKind::Outcome => match numbers() {
            Some(v) if v.len() == 1 => Outcome::Answered(AnswerValue::Choice(options[v[0]].to_string())),
            _ => Outcome::Invalid("survey-invalid-choice"),
        },
        QuestionKind::Multi => match numbers() {
            Some(mut v) if !v.is_empty() => {
                v.sort_unstable();
                v.dedup();
                Outcome::Answered(AnswerValue::Choices(
                    v.iter().map(|&i| options[i].to_string()).collect(),
                ))
            }
            _ => Outcome::Invalid("survey-invalid-choice"),
        },
        QuestionKind::Ranking => match numbers() {
            Some(v)
                if v.len() == options.len() && {
                    let mut s = v.clone();
                    s.sort_unstable();
                    s.dedup();
                    s.len() == v.len()
                } =>
            {
                Outcome::Answered(AnswerValue::Ranking(
                    v.iter().map(|&i| options[i].to_string()).collect(),
                ))
            }
            _ => Outcome::Invalid("survey-invalid-ranking"),
        },
    }
}

fn read_scale(value: &str) -> Outcome {
    match value.trim().parse::<u8>() {
        Ok(v @ 1..=5) => Outcome::Answered(AnswerValue::Scale(v)),
        _ => Outcome::Invalid("survey-invalid-scale"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(kind: QuestionKind, n: usize) -> Question {
        Question {
            id: "q".into(),
            kind,
            text: "q-text".into(),
            options: (0..n).map(|i| format!("opt-{i}")).collect(),
            roles: vec![],
            optional: false,
        }
    }

    #[test]
    fn a_scale_answer_outside_one_to_five_is_refused() {
        let q = q(QuestionKind::Scale, 0);
        assert_eq!(read_text(&q, "4"), Outcome::Answered(AnswerValue::Scale(4)));
        assert_eq!(read_text(&q, "7"), Outcome::Invalid("survey-invalid-scale"));
        assert_eq!(read_text(&q, "0"), Outcome::Invalid("survey-invalid-scale"));
        assert_eq!(
            read_button(&q, Press::Value(9), &[]),
            Outcome::Invalid("survey-invalid-scale")
        );
    }

    #[test]
    fn multi_choice_toggles_then_finishes() {
        let q = q(QuestionKind::Multi, 3);
        assert_eq!(read_button(&q, Press::Toggle(2), &[]), Outcome::Selection(vec![2]));
        assert_eq!(read_button(&q, Press::Toggle(2), &[2, 0]), Outcome::Selection(vec![0]));
        assert_eq!(
            read_button(&q, Press::Done, &[]),
            Outcome::Invalid("survey-invalid-multi-empty")
        );
        assert_eq!(
            read_button(&q, Press::Done, &[2, 0]),
            Outcome::Answered(AnswerValue::Choices(vec!["opt-0".into(), "opt-2".into()]))
        );
        assert_eq!(
            read_text(&q, "3, 1"),
            Outcome::Answered(AnswerValue::Choices(vec!["opt-0".into(), "opt-2".into()]))
        );
    }

    #[test]
    fn ranking_completes_when_one_option_is_left() {
        let q = q(QuestionKind::Ranking, 3);
        assert_eq!(read_button(&q, Press::Value(1), &[]), Outcome::Selection(vec![1]));
        assert_eq!(
            read_button(&q, Press::Value(1), &[1]),
            Outcome::Invalid("survey-invalid-choice")
        );
        assert_eq!(
            read_button(&q, Press::Value(2), &[1]),
            Outcome::Answered(AnswerValue::Ranking(vec![
                "opt-1".into(),
                "opt-2".into(),
                "opt-0".into()
            ]))
        );
        assert_eq!(read_text(&q, "1 1 2"), Outcome::Invalid("survey-invalid-ranking"));
        assert_eq!(
            read_text(&q, "3 1 2"),
            Outcome::Answered(AnswerValue::Ranking(vec![
                "opt-2".into(),
                "opt-0".into(),
                "opt-1".into()
            ]))
        );
    }

    #[test]
    fn the_outcome_question_offers_the_five_statuses() {
        let q = q(QuestionKind::Outcome, 0);
        let msg = ask(SurveyKind::FollowUp, &q, 1, 1, &[]);
        let labels: Vec<&str> = msg.buttons.iter().flatten().map(|b| &*b.label.key).collect();
        assert_eq!(labels, crate::programme::OUTCOME_OPTIONS);
        assert_eq!(
            read_button(&q, Press::Value(4), &[]),
            Outcome::Answered(AnswerValue::Choice("outcome-still-seeking".into()))
        );
    }
}
