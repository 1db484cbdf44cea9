//! Expectation setting after the first meeting: goals (typed by the
//! mentee), the meeting rhythm, the format and the limits of the role.

use super::*;
use crate::message::Button;
use crate::payload::Agree;

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
            let mut options = vec![14u32, 21, 30];
            if !options.contains(&every) {
                options.push(every);
                options.sort_unstable();
            }
            self.send(
                Role::Mentee,
                Msg::new("agree-rhythm").row(
                    options
                        .iter()
                        .map(|d| {
                            Button::with_label(
                                Msg::new("button-every-days").num("days", (*d).into()),
                                Payload::Agree(Agree::RhythmDays(*d)),
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
            let a = self.s.agreement.clone();
            let msg = self
                .names(Msg::new("agreement-summary"))
                .str("goals", a.goals.unwrap_or_default())
                .num("days", a.rhythm_days.unwrap_or(self.p.meetings.every_days).into())
                .key(
                    "format",
                    format!("format-{}", a.format.map(MeetingFormat::code).unwrap_or("mixed")),
                )
                .key("limits", "limits-of-the-role")
                .date("end", self.p.end_at())
                .num("target", self.p.meetings.target.into());
            self.both(msg);
            if self.s.phase == Phase::ExpectationSetting {
                self.s.phase = Phase::Active;
            }
        } else {
            self.ask_agreement();
        }
    }
}

impl PairState {
    /// The agreement waits for the mentee's goals.
    pub(super) fn goals_wanted(&self) -> bool {
        self.phase >= Phase::ExpectationSetting && self.phase < Phase::Closing && self.agreement.goals.is_none()
    }
}
