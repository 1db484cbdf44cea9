//! The coordinator's conversation in chat.
//!
//! Decides: what a coordinator's commands answer. Today that is `/status`
//! (pairs, pairs at risk, open flags) and help; broadcasts, events, flag
//! handling and reports land here as they come, each as a dialogue whose
//! state the shell stores.
//!
//! Must not know: the database, platforms. The shell hands in the
//! programme's [`Overview`] and sends the replies.

pub mod broadcast;
pub mod cohort;
pub mod digest;
pub mod event_dialogue;
pub mod events;
pub mod flags;
pub mod pairs;
pub mod rematch;
pub mod schedules;
pub mod surveys;

use crate::Ts;
use crate::command::Command;
use crate::message::Msg;
use crate::payload::Payload;
use crate::routing::Said;

/// The programme at a glance, as the shell counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    pub programme_name: String,
    pub pairs: i64,
    pub at_risk: i64,
    pub open_flags: i64,
}

/// What the shell must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Answer the coordinator.
    Reply(Msg),
    /// Step the `/broadcast` dialogue with this input.
    Broadcast(broadcast::Input),
    /// Show the coming events with their answers ([`events::overview`]).
    Events,
    /// Step the event dialogue (create, change, cancel).
    Event(event_dialogue::Input),
}

/// Steps the coordinator's conversation.
pub fn step(o: &Overview, said: Said, _now: Ts) -> Vec<Effect> {
    let msg = match said {
        Said::Command(Command::Status) => Msg::new("coordinator-status")
            .str("programme", o.programme_name.clone())
            .num("pairs", o.pairs)
            .num("at-risk", o.at_risk)
            .num("flags", o.open_flags),
        Said::Command(Command::Broadcast) => return vec![Effect::Broadcast(broadcast::Input::Start)],
        Said::Command(Command::Event) => return vec![Effect::Events],
        Said::Press {
            payload: Payload::Broadcast(bc),
            ..
        } => return vec![Effect::Broadcast(broadcast::Input::Press(bc))],
        Said::Press {
            payload: Payload::Event(ev),
            ..
        } => return vec![Effect::Event(event_dialogue::Input::Press(ev))],
        Said::Command(Command::Unknown(name)) => Msg::new("unknown-command")
            .str("command", name)
            .key("help", "help-coordinator"),
        _ => Msg::new("help-coordinator"),
    };
    vec![Effect::Reply(msg)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn status_counts_and_anything_else_gets_help() {
        let now = chrono::Utc.with_ymd_and_hms(2030, 1, 1, 10, 0, 0).unwrap();
        let o = Overview {
            programme_name: "Karrierementor".into(),
            pairs: 35,
            at_risk: 3,
            open_flags: 2,
        };
        let [Effect::Reply(m)] = &step(&o, Said::Command(Command::Status), now)[..] else {
            panic!()
        };
        assert_eq!(m.key, "coordinator-status");
        assert_eq!(m.get("at-risk"), Some(&crate::message::Arg::Num(3)));
        let [Effect::Reply(m)] = &step(&o, Said::Text("hello".into()), now)[..] else {
            panic!()
        };
        assert_eq!(m.key, "help-coordinator");
    }
}
