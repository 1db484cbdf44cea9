//! Expectation setting after the first meeting: goals (typed by the
//! mentee), the meeting rhythm, the format and the limits of the role;
//! then the mentor confirms it. Afterwards either side can propose a
//! change of rhythm or format, which takes effect when the other accepts.

use super::*;
use crate::message::Button;
use crate::payload::{Agree, AgreeChange};

impl Machine<'_> {
    pub(super) fn ask_agreement(&mut self) {
        let a = &self.s.agreement;
        if a.completed_at.is_some() {
            return;
        }
        if a.goals.is_none() {
            self.send(Role::Mentee, self.names(Msg::new("agree-goals")));
            self.send(Role::Mentor, self.names(Msg::new("agree-started-mentor")));
        } else if a.rhythm_days.is_none() {
            let every = self.p.meetings.every_days;
            self.send(
                Role::Mentee,
                Msg::new("agree-rhythm").row(
                    rhythm_options(every)
                        .into_iter()
                        .map(|d| {
                            Button::with_label(
                                Msg::new("button-every-days").num("days", d.into()),
                                Payload::Agree(Agree::RhythmDays(d)),
                            )
                        })
                        .collect(),
                ),
            );
        } else if a.format.is_none() {
            self.send(
                Role::Mentee,
                Msg::new("agree-format").row(
                    MeetingFormat::ALL
                        .iter()
                        .map(|f| Button::new(format!("format-{}", f.code()), Payload::Agree(Agree::Format(*f))))
                        .collect(),
                ),
            );
        } else if !a.limits_accepted {
            self.send(
                Role::Mentee,
                Msg::new("agree-limits")
                    .key("limits", "limits-of-the-role")
                    .row(vec![Button::new("button-agree", Payload::Agree(Agree::Limits))]),
            );
        }
    }

    /// The mentee was asked for goals and has not given them: their next
    /// free text is the goals. Derived from the phase, so booking a
    /// meeting in between does not lose it.
    pub(super) fn goals_pending(&self) -> bool {
        self.s.goals_wanted()
    }

    pub(super) fn goals(&mut self, from: Role, text: &str) {
        let text = text.trim();
        if text.chars().count() < 3 {
            return self.send(from, Msg::new("agree-goals-too-short"));
        }
        self.s.agreement.goals = Some(text.chars().take(2000).collect());
        self.ask_agreement();
    }

    pub(super) fn agreement_button(&mut self, from: Role, choice: Agree) {
        match choice {
            Agree::Confirm => return self.confirm_agreement(from),
            Agree::Change => return self.ask_change(from),
            Agree::Propose(c) => return self.propose_change(from, c),
            Agree::Answer { change, accept } => return self.answer_change(from, change, accept),
            _ => {}
        }
        if from != Role::Mentee || self.s.agreement.completed_at.is_some() {
            return self.send(from, Msg::new("button-expired"));
        }
        let a = &mut self.s.agreement;
        match choice {
            Agree::RhythmDays(d) if a.goals.is_some() && (1..=90).contains(&d) => a.rhythm_days = Some(d),
            Agree::Format(f) if a.rhythm_days.is_some() => a.format = Some(f),
            Agree::Limits if a.format.is_some() => a.limits_accepted = true,
            _ => return self.send(from, Msg::new("button-expired")),
        }
        if self.s.agreement.limits_accepted {
            self.s.agreement.completed_at = Some(self.now);
            let msg = self.summary("agreement-summary");
            // The mentee can propose a change later from her copy.
            self.send(Role::Mentee, msg.clone().row(vec![change_button()]));
            self.send(Role::Mentor, msg);
            // The mentor confirms what the mentee wrote, or proposes a change.
            self.send(
                Role::Mentor,
                self.names(Msg::new("agreement-confirm-ask")).row(vec![
                    Button::new("button-agreement-confirm", Payload::Agree(Agree::Confirm)),
                    change_button(),
                ]),
            );
            if self.s.phase == Phase::ExpectationSetting {
                self.s.phase = Phase::Active;
            }
        } else {
            self.ask_agreement();
        }
    }

    /// The agreement as both sides see it, under `key`.
    fn summary(&self, key: &str) -> Msg {
        let a = &self.s.agreement;
        self.names(Msg::new(key.to_string()))
            .str("goals", a.goals.clone().unwrap_or_default())
            .num("days", self.s.rhythm_days(self.p).into())
            .key(
                "format",
                format!("format-{}", a.format.map(MeetingFormat::code).unwrap_or("mixed")),
            )
            .key("limits", "limits-of-the-role")
            .date("end", self.p.end_at())
            .num("target", self.p.meetings.target.into())
    }

    /// Whether the agreement can be confirmed or changed now: filled in,
    /// the pair not ended, the programme not closing.
    fn agreement_open(&self) -> bool {
        self.s.agreement.completed_at.is_some() && !self.s.ended() && self.s.phase < Phase::Closing
    }

    fn confirm_agreement(&mut self, from: Role) {
        if from != Role::Mentor || !self.agreement_open() || self.s.agreement.mentor_confirmed_at.is_some() {
            return self.send(from, Msg::new("button-expired"));
        }
        self.s.agreement.mentor_confirmed_at = Some(self.now);
        self.send(Role::Mentor, self.names(Msg::new("agreement-confirmed")));
        self.send(Role::Mentee, self.names(Msg::new("agreement-confirmed-other")));
    }

    /// What can be changed: another rhythm or another format.
    fn ask_change(&mut self, from: Role) {
        if !self.agreement_open() {
            return self.send(from, Msg::new("button-expired"));
        }
        let days = self.s.rhythm_days(self.p);
        let rhythms: Vec<Button> = rhythm_options(self.p.meetings.every_days)
            .into_iter()
            .filter(|d| *d != days)
            .map(|d| {
                Button::with_label(
                    Msg::new("button-every-days").num("days", d.into()),
                    Payload::Agree(Agree::Propose(AgreeChange::RhythmDays(d))),
                )
            })
            .collect();
        let formats: Vec<Button> = MeetingFormat::ALL
            .iter()
            .filter(|f| Some(**f) != self.s.agreement.format)
            .map(|f| {
                Button::new(
                    format!("format-{}", f.code()),
                    Payload::Agree(Agree::Propose(AgreeChange::Format(*f))),
                )
            })
            .collect();
        self.send(from, Msg::new("agreement-change-ask").row(rhythms).row(formats));
    }

    fn propose_change(&mut self, from: Role, change: AgreeChange) {
        let same = match change {
            AgreeChange::RhythmDays(d) => !(1..=90).contains(&d) || d == self.s.rhythm_days(self.p),
            AgreeChange::Format(f) => self.s.agreement.format == Some(f),
        };
        if !self.agreement_open() || same {
            return self.send(from, Msg::new("button-expired"));
        }
        // A newer proposal replaces one still waiting.
        self.s.agreement.proposal = Some(Proposal { by: from, change });
        let other = self.s.person(from.other()).name.clone();
        self.send(
            from,
            change_args(Msg::new("agreement-proposal-sent"), change).str("other", other),
        );
        let by = self.s.person(from).name.clone();
        let msg = change_args(self.names(Msg::new("agreement-proposal")), change)
            .str("by", by)
            .row(vec![
                Button::new(
                    "button-agreement-accept",
                    Payload::Agree(Agree::Answer { change, accept: true }),
                ),
                Button::new(
                    "button-agreement-decline",
                    Payload::Agree(Agree::Answer { change, accept: false }),
                ),
            ]);
        self.send(from.other(), msg);
    }

    /// Only the other side answers, and only the proposal its button names.
    fn answer_change(&mut self, from: Role, change: AgreeChange, accept: bool) {
        let pending = self.s.agreement.proposal;
        let Some(prop) = pending.filter(|p| p.change == change && p.by != from && self.agreement_open()) else {
            return self.send(from, Msg::new("button-expired"));
        };
        self.s.agreement.proposal = None;
        if !accept {
            let by = self.s.person(from).name.clone();
            self.send(from, Msg::new("agreement-kept"));
            return self.send(
                prop.by,
                change_args(Msg::new("agreement-proposal-declined"), change).str("by", by),
            );
        }
        match change {
            AgreeChange::RhythmDays(d) => self.s.agreement.rhythm_days = Some(d),
            AgreeChange::Format(f) => self.s.agreement.format = Some(f),
        }
        // Both sides now agree on what it says.
        if self.s.agreement.mentor_confirmed_at.is_none() {
            self.s.agreement.mentor_confirmed_at = Some(self.now);
        }
        let msg = self.summary("agreement-changed").row(vec![change_button()]);
        self.both(msg);
    }
}

fn change_button() -> Button {
    Button::new("button-agreement-change", Payload::Agree(Agree::Change))
}

/// The rhythms offered: every 14, 21 or 30 days, and the programme's own.
fn rhythm_options(every: u32) -> Vec<u32> {
    let mut options = vec![14u32, 21, 30];
    if !options.contains(&every) {
        options.push(every);
        options.sort_unstable();
    }
    options
}

/// The arguments that name a change: `what` (rhythm or format), `days`
/// and `format`.
fn change_args(msg: Msg, change: AgreeChange) -> Msg {
    match change {
        AgreeChange::RhythmDays(d) => msg
            .str("what", "rhythm")
            .num("days", d.into())
            .key("format", "format-mixed"),
        AgreeChange::Format(f) => msg
            .str("what", "format")
            .num("days", 0)
            .key("format", format!("format-{}", f.code())),
    }
}

impl PairState {
    /// The agreement waits for the mentee's goals.
    pub(super) fn goals_wanted(&self) -> bool {
        self.phase >= Phase::ExpectationSetting && self.phase < Phase::Closing && self.agreement.goals.is_none()
    }
}
