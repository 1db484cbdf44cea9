//! Survey questions as chat messages, and reading the answers.

use crate::message::{Arg, Button, Msg};
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
pub fn payload(survey: SurveyKind, q: &Question, value: &str) -> String {
    format!("ans:{}:{}:{}", survey.code(), q.id, value)
}

/// Splits an answer payload into (survey, question id, value).
pub fn parse_payload(p: &str) -> Option<(SurveyKind, &str, &str)> {
    let rest = p.strip_prefix("ans:")?;
    let mut it = rest.splitn(3, ':');
    let survey = SurveyKind::parse(it.next()?)?;
    Some((survey, it.next()?, it.next()?))
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
                            payload(survey, q, &v.to_string()),
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
                    .map(|(i, o)| Button::new(o.to_string(), payload(survey, q, &i.to_string())))
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
                        Button::with_label(label, payload(survey, q, &format!("t{i}")))
                    })
                    .collect(),
            );
            msg = msg.row(vec![Button::new("button-done", payload(survey, q, "done"))]);
        }
        QuestionKind::Ranking => {
            if !selection.is_empty() {
                let ranked: Vec<String> = selection.iter().map(|&i| options[i].to_string()).collect();
                msg = msg.arg("ranked", Arg::Keys(ranked));
                msg.key = "survey-question-ranking-progress".into();
            }
            msg = msg.column(
                options
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !selection.contains(i))
                    .map(|(i, o)| Button::new(o.to_string(), payload(survey, q, &i.to_string())))
                    .collect(),
            );
        }
        QuestionKind::Text => {}
    }
    if q.optional {
        msg = msg.row(vec![Button::new("button-skip", payload(survey, q, "skip"))]);
    }
    msg
}

/// Reads a button value (from a payload) for a question.
pub fn read_button(q: &Question, value: &str, selection: &[usize]) -> Outcome {
    let options = q.option_keys();
    if value == "skip" {
        return if q.optional {
            Outcome::Answered(AnswerValue::Skipped)
        } else {
            Outcome::Invalid("survey-invalid-required")
        };
    }
    match q.kind {
        QuestionKind::Scale => read_scale(value),
        QuestionKind::Single | QuestionKind::Outcome => match value.parse::<usize>() {
            Ok(i) if i < options.len() => Outcome::Answered(AnswerValue::Choice(options[i].to_string())),
            _ => Outcome::Invalid("survey-invalid-choice"),
        },
        QuestionKind::Multi => {
            if value == "done" {
                if selection.is_empty() {
                    return Outcome::Invalid("survey-invalid-multi-empty");
                }
                let mut sel = selection.to_vec();
                sel.sort_unstable();
                return Outcome::Answered(AnswerValue::Choices(
                    sel.iter().map(|&i| options[i].to_string()).collect(),
                ));
            }
            match value.strip_prefix('t').and_then(|v| v.parse::<usize>().ok()) {
                Some(i) if i < options.len() => {
                    let mut sel = selection.to_vec();
                    if let Some(pos) = sel.iter().position(|&s| s == i) {
                        sel.remove(pos);
                    } else {
                        sel.push(i);
                    }
                    Outcome::Selection(sel)
                }
                _ => Outcome::Invalid("survey-invalid-choice"),
            }
        }
        QuestionKind::Ranking => match value.parse::<usize>() {
            Ok(i) if i < options.len() && !selection.contains(&i) => {
                let mut sel = selection.to_vec();
                sel.push(i);
                if sel.len() + 1 >= options.len() {
                    // The last one ranks itself.
                    sel.extend((0..options.len()).filter(|j| !sel.contains(j)).collect::<Vec<_>>());
                    Outcome::Answered(AnswerValue::Ranking(
                        sel.iter().map(|&i| options[i].to_string()).collect(),
                    ))
                } else {
                    Outcome::Selection(sel)
                }
            }
            _ => Outcome::Invalid("survey-invalid-choice"),
        },
        QuestionKind::Text => Outcome::Invalid("survey-invalid-text"),
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
        assert_eq!(read_button(&q, "9", &[]), Outcome::Invalid("survey-invalid-scale"));
    }

    #[test]
    fn multi_choice_toggles_then_finishes() {
        let q = q(QuestionKind::Multi, 3);
        assert_eq!(read_button(&q, "t2", &[]), Outcome::Selection(vec![2]));
        assert_eq!(read_button(&q, "t2", &[2, 0]), Outcome::Selection(vec![0]));
        assert_eq!(
            read_button(&q, "done", &[]),
            Outcome::Invalid("survey-invalid-multi-empty")
        );
        assert_eq!(
            read_button(&q, "done", &[2, 0]),
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
        assert_eq!(read_button(&q, "1", &[]), Outcome::Selection(vec![1]));
        assert_eq!(read_button(&q, "1", &[1]), Outcome::Invalid("survey-invalid-choice"));
        assert_eq!(
            read_button(&q, "2", &[1]),
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
            read_button(&q, "4", &[]),
            Outcome::Answered(AnswerValue::Choice("outcome-still-seeking".into()))
        );
    }
}
