//! Which conversation an inbound update belongs to.
//!
//! Decides: what a person said (text, a command, a button press, a typed
//! number standing for a numbered choice), and whether it goes to
//! registration, the person's account (language, data, forgetting), the
//! coordinator's conversation, or one of the person's pairs, and which.
//! Who may do what is decided from the role and pairs as stored, never
//! from what a client claims: a press tagged with a pair the person is
//! not in is refused.
//!
//! Must not know: the database, platforms, or how a flow answers.

use crate::adapter::InboundKind;
use crate::command::{self, Command};
use crate::message::Msg;
use crate::model::Role;
use crate::pair::{self, PairState};
use crate::payload::{Payload, Tagged};
use crate::{account, registration, relay};

/// What a person said, read once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// Text that is not a command.
    Text(String),
    Command(Command),
    /// A button press (or a typed number naming a numbered choice).
    Press {
        pair: Option<i64>,
        payload: Payload,
    },
    /// A press on a button this version never makes: stale or forged.
    Unreadable,
}

/// A typed number, as a platform without buttons gets for its choices.
pub fn typed_number(kind: &InboundKind) -> Option<usize> {
    match kind {
        InboundKind::Text(t) => t.trim().parse::<usize>().ok().filter(|n| *n >= 1),
        InboundKind::Button(_) | InboundKind::Membership { .. } => None,
    }
}

/// What a person blocking or unblocking the bot changes: whether to store
/// them as unreachable (`Some(true)`) or reachable again (`Some(false)`),
/// and the alert for the programme's coordinators. Only a change counts, so
/// a repeated block tells nobody twice; a coordinator's own block is not
/// announced to the coordinators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reachability {
    pub mark_unreachable: Option<bool>,
    pub alert: Option<&'static str>,
}

pub fn membership(blocked: bool, unreachable_now: bool, role: Role) -> Reachability {
    let changed = blocked != unreachable_now;
    let alert = match (changed, blocked, role) {
        (false, _, _) | (_, _, Role::Coordinator) => None,
        (true, true, _) => Some("alert-unreachable"),
        (true, false, _) => Some("alert-reachable-again"),
    };
    Reachability {
        mark_unreachable: changed.then_some(blocked),
        alert,
    }
}

/// Reads an update. `choices` are the payloads of the numbered choices
/// last shown to this address (platforms without buttons; empty
/// elsewhere): a typed number among them is a press of that choice.
pub fn read(kind: &InboundKind, choices: &[String]) -> Said {
    let press = |wire: &str| match Tagged::parse(wire) {
        Some(t) => Said::Press {
            pair: t.pair,
            payload: t.payload,
        },
        None => Said::Unreadable,
    };
    if let Some(n) = typed_number(kind)
        && let Some(wire) = choices.get(n - 1)
    {
        return press(wire);
    }
    match kind {
        InboundKind::Button(wire) => press(wire),
        // Not something said: the shell applies [`membership`] instead.
        InboundKind::Membership { .. } => Said::Unreadable,
        InboundKind::Text(t) => match command::parse(t) {
            Some(cmd) => Said::Command(cmd),
            None => Said::Text(t.trim().to_string()),
        },
    }
}

/// Who sent it, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Not registered; `registering` when a registration is under way.
    Stranger { registering: bool },
    Participant {
        role: Role,
        /// A dialogue is under way (the shell stores it): the text they
        /// type goes to it, ahead of their pairs.
        dialogue: bool,
    },
}

/// Where an update goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Registration(registration::Input),
    Account(account::Input),
    Coordinator(Said),
    /// To one of the person's pairs: the one the press names, else the
    /// one [`pick_pair`] chooses.
    Pair {
        tagged: Option<i64>,
        input: pair::Input,
    },
    /// The next buttons of an outbox message that had more than the
    /// platform shows.
    MoreChoices {
        outbox: i64,
        offset: u16,
    },
    /// Text for the dialogue under way; the shell hands it to the
    /// conversation the stored dialogue names.
    Dialogue(Said),
    /// Answered at once; nothing changes.
    Reply(Msg),
    /// A participant's text that is not a command, or a press on the
    /// relay's "which pair" question: the relay decides whether it answers
    /// one of their pairs or goes to the other member (`relay::step`).
    Relay(relay::Input),
    /// A coordinator's press on a flag's button (`coordinator::flags::act`).
    FlagAct {
        id: i64,
        act: crate::payload::FlagAct,
    },
    /// A coordinator's `/pairs`, at this page.
    PairList(u16),
    /// A coordinator's `/report`.
    Report,
    /// A coordinator's extra reminder of an open survey
    /// (`coordinator::surveys`).
    SurveyRemind(crate::programme::SurveyKind),
    /// `/profile`, its edit buttons and answers (`profile_chat::edit`).
    Profile(Said),
    /// A coordinator's rematch press (`coordinator::rematch`); `pair`:
    /// the pair the pressed message belongs to, if any.
    Rematch {
        pair: Option<i64>,
        rm: crate::payload::Rm,
    },
    /// A coordinator's control of a pair (`coordinator::pairs::control`).
    PairControl {
        pair: i64,
        ctl: crate::payload::PairCtl,
    },
}

/// Routes what someone said.
pub fn route(who: Who, said: Said) -> Route {
    let role = match who {
        Who::Stranger { registering } => {
            return match said {
                Said::Command(Command::Start(Some(code))) => Route::Registration(registration::Input::Start { code }),
                said if registering => Route::Registration(registration::Input::Said(said)),
                _ => Route::Reply(Msg::new("not-registered")),
            };
        }
        Who::Participant { role, dialogue } => {
            if dialogue && let Said::Text(text) = said {
                return Route::Dialogue(Said::Text(text));
            }
            role
        }
    };
    match said {
        Said::Unreadable => Route::Reply(Msg::new("button-expired")),
        Said::Press {
            payload: Payload::More { outbox, offset },
            ..
        } => Route::MoreChoices { outbox, offset },
        Said::Command(Command::Language(arg)) => Route::Account(account::Input::Language(arg)),
        Said::Press {
            payload: Payload::Language(lang),
            ..
        } => Route::Account(account::Input::SetLanguage(lang)),
        Said::Command(Command::MyData) => Route::Account(account::Input::MyData),
        Said::Command(Command::Forget) => Route::Account(account::Input::Forget),
        Said::Command(Command::Consent) => Route::Account(account::Input::Consent),
        Said::Press {
            payload: Payload::Consent(give),
            ..
        } => Route::Account(account::Input::SetConsent(give)),
        Said::Press {
            payload: Payload::Forget { confirm },
            ..
        } => Route::Account(account::Input::ForgetConfirmed(confirm)),
        Said::Press {
            payload: Payload::FlagAct { id, act },
            ..
        } => match role {
            Role::Coordinator => Route::FlagAct { id, act },
            _ => Route::Reply(Msg::new("coordinator-only")),
        },
        Said::Command(Command::Pairs)
        | Said::Press {
            payload: Payload::PairsPage(_) | Payload::Event(_),
            ..
        } if role != Role::Coordinator => Route::Reply(Msg::new("coordinator-only")),
        Said::Command(Command::Pairs) => Route::PairList(0),
        Said::Command(Command::Report) => match role {
            Role::Coordinator => Route::Report,
            _ => Route::Reply(Msg::new("coordinator-only")),
        },
        Said::Press {
            payload: Payload::PairsPage(n),
            ..
        } => Route::PairList(n),
        Said::Press {
            payload: Payload::PairCtl { pair, ctl },
            ..
        } => match role {
            Role::Coordinator => Route::PairControl { pair, ctl },
            _ => Route::Reply(Msg::new("coordinator-only")),
        },
        Said::Press {
            payload: Payload::Rematch(rm),
            pair,
        } => match role {
            Role::Coordinator => Route::Rematch { pair, rm },
            _ => Route::Reply(Msg::new("coordinator-only")),
        },
        Said::Press {
            payload: Payload::SurveyRemind(kind),
            ..
        } => match role {
            Role::Coordinator => Route::SurveyRemind(kind),
            _ => Route::Reply(Msg::new("coordinator-only")),
        },
        said @ (Said::Command(Command::Profile)
        | Said::Press {
            payload: Payload::Profile { .. } | Payload::ProfileEdit(_),
            ..
        }) => Route::Profile(said),
        said if role == Role::Coordinator => Route::Coordinator(said),
        Said::Text(text) => Route::Relay(relay::Input::Text(text)),
        Said::Press {
            payload: Payload::Relay { pair, ask },
            ..
        } => Route::Relay(relay::Input::Press { pair, ask }),
        Said::Command(cmd) => Route::Pair {
            tagged: None,
            input: pair::Input::Command { from: role, cmd },
        },
        Said::Press { pair, payload } => Route::Pair {
            tagged: pair,
            input: pair::Input::Button { from: role, payload },
        },
    }
}

/// Which of a person's pairs an input is for. A press names its pair and
/// must be one of theirs; text goes to the pair waiting for this role's
/// answer (a booking date, a survey), else to the first, the most
/// recently active. `Err` is the answer when there is none.
pub fn pick_pair(role: Role, tagged: Option<i64>, pairs: &[(i64, PairState)]) -> Result<i64, Msg> {
    if let Some(id) = tagged {
        return match pairs.iter().any(|(p, _)| *p == id) {
            true => Ok(id),
            false => Err(Msg::new("button-expired")),
        };
    }
    if pairs.len() > 1
        && let Some((id, _)) = pairs.iter().find(|(_, s)| s.waits_for(role))
    {
        return Ok(*id);
    }
    pairs.first().map(|(id, _)| *id).ok_or_else(|| Msg::new("unpaired"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::payload::Rating;

    fn text(t: &str) -> InboundKind {
        InboundKind::Text(t.into())
    }

    #[test]
    fn a_block_marks_unreachable_and_tells_the_coordinators_once_and_an_unblock_undoes_it() {
        let block = membership(true, false, Role::Mentee);
        assert_eq!(block.mark_unreachable, Some(true));
        assert_eq!(block.alert, Some("alert-unreachable"));
        // Blocked again (or already known from a failed send): nothing more.
        assert_eq!(
            membership(true, true, Role::Mentee),
            Reachability {
                mark_unreachable: None,
                alert: None
            }
        );
        let unblock = membership(false, true, Role::Mentor);
        assert_eq!(unblock.mark_unreachable, Some(false));
        assert_eq!(unblock.alert, Some("alert-reachable-again"));
        assert_eq!(membership(false, false, Role::Mentor).alert, None);
        // A coordinator's block is stored, not announced to coordinators.
        let c = membership(true, false, Role::Coordinator);
        assert_eq!((c.mark_unreachable, c.alert), (Some(true), None));
        assert_eq!(read(&InboundKind::Membership { blocked: true }, &[]), Said::Unreadable);
    }

    #[test]
    fn a_typed_number_is_the_numbered_choice_and_other_text_is_text() {
        let choices = vec!["p3|met:good:1".to_string(), "p3|met:ok:1".to_string()];
        assert_eq!(
            read(&text(" 2 "), &choices),
            Said::Press {
                pair: Some(3),
                payload: Payload::Met {
                    rating: Rating::Ok,
                    n: 1
                }
            }
        );
        // Past the choices, or without any, a number is text (a survey answer).
        assert_eq!(read(&text("3"), &choices), Said::Text("3".into()));
        assert_eq!(read(&text("4"), &[]), Said::Text("4".into()));
        assert_eq!(read(&text("/met"), &choices), Said::Command(Command::Met));
        assert_eq!(read(&InboundKind::Button("p1|nonsense".into()), &[]), Said::Unreadable);
    }

    #[test]
    fn account_commands_never_reach_a_pair_and_coordinators_never_reach_one() {
        let mentee = Who::Participant {
            role: Role::Mentee,
            dialogue: false,
        };
        assert_eq!(
            route(mentee, Said::Command(Command::Forget)),
            Route::Account(account::Input::Forget)
        );
        assert!(matches!(route(mentee, Said::Command(Command::Met)), Route::Pair { .. }));
        let coordinator = Who::Participant {
            role: Role::Coordinator,
            dialogue: false,
        };
        assert!(matches!(
            route(coordinator, Said::Command(Command::Met)),
            Route::Coordinator(_)
        ));
        assert_eq!(
            route(Who::Stranger { registering: false }, Said::Text("hi".into())),
            Route::Reply(Msg::new("not-registered"))
        );
    }

    #[test]
    fn text_goes_to_a_dialogue_under_way_but_commands_and_presses_do_not() {
        let busy = Who::Participant {
            role: Role::Mentor,
            dialogue: true,
        };
        assert_eq!(
            route(busy, Said::Text("Kickoff moved to 18:00".into())),
            Route::Dialogue(Said::Text("Kickoff moved to 18:00".into()))
        );
        assert_eq!(
            route(busy, Said::Command(Command::Forget)),
            Route::Account(account::Input::Forget)
        );
        assert!(matches!(route(busy, Said::Command(Command::Met)), Route::Pair { .. }));
        let idle = Who::Participant {
            role: Role::Mentor,
            dialogue: false,
        };
        assert_eq!(
            route(idle, Said::Text("hi".into())),
            Route::Relay(relay::Input::Text("hi".into()))
        );
    }

    #[test]
    fn a_press_naming_someone_elses_pair_is_refused() {
        assert_eq!(pick_pair(Role::Mentor, Some(9), &[]), Err(Msg::new("button-expired")));
        assert_eq!(pick_pair(Role::Mentor, None, &[]), Err(Msg::new("unpaired")));
    }
}
