//! What participants ask of their pair: commands, typed text and button
//! presses; and the coordinator's pause, resume and end.

use super::*;
use crate::command::{self, Command};
use crate::message::Button;
use crate::payload::{FlagReason, Press};
use crate::survey::{self, Outcome};

impl Machine<'_> {
    pub(super) fn text(&mut self, from: Role, text: &str) {
        if let Some(cmd) = command::parse(text) {
            return self.command(from, cmd);
        }
        if self.s.ended() {
            return self.send(from, Msg::new("pair-ended-reply"));
        }
        if self.s.awaiting.get(&from) == Some(&Awaiting::BookingDate) {
            return self.booked_text(from, text);
        }
        if let Some(kind) = self.open_run_for(from) {
            let outcome = match self.current_question(kind, from) {
                Some(q) => survey::read_text(q, text),
                None => Outcome::Invalid("survey-already-closed"),
            };
            return self.survey_outcome(kind, from, outcome);
        }
        if from == Role::Mentee && self.goals_pending() {
            return self.goals(from, text);
        }
        self.send(from, Msg::new("unknown-text").key("help", help_key(from)));
    }

    pub(super) fn command(&mut self, from: Role, cmd: Command) {
        if self.s.ended() && !matches!(cmd, Command::Help | Command::Status) {
            return self.send(from, Msg::new("pair-ended-reply"));
        }
        match cmd {
            Command::Help | Command::Start(_) => self.send(from, self.help(from)),
            Command::Status => self.status(from),
            Command::Booked(args) => self.booked_text(from, &args),
            Command::Met => self.met(from),
            Command::Prompt => self.prompt(from),
            Command::Flag => self.ask_flag(from),
            Command::Pause => self.pause(Some(from), None),
            Command::Resume => self.resume(Some(from)),
            Command::Skip => match self.open_run_for(from) {
                Some(kind) => self.survey_button(kind, from, None, Press::Skip),
                None => self.send(from, Msg::new("nothing-to-skip")),
            },
            // A coordinator's command: to a participant it is unknown.
            Command::Match => self.send(
                from,
                Msg::new("unknown-command")
                    .str("command", "match")
                    .key("help", help_key(from)),
            ),
            Command::Unknown(name) => self.send(
                from,
                Msg::new("unknown-command")
                    .str("command", name)
                    .key("help", help_key(from)),
            ),
            // Language, data and forgetting are the account's (see
            // `routing`); they never reach a pair.
            Command::Language(_) | Command::MyData | Command::Consent | Command::Forget | Command::Profile => {
                self.send(from, self.help(from))
            }
            Command::Broadcast | Command::Event => self.send(from, Msg::new("coordinator-only")),
            Command::Pairs | Command::Report => self.send(from, Msg::new("coordinator-only")),
        }
    }

    /// Help for a role; it says how the relay works where the programme
    /// has it on.
    fn help(&self, from: Role) -> Msg {
        Msg::new(help_key(from)).str("relay", if self.p.relay { "on" } else { "off" })
    }

    pub(super) fn button(&mut self, from: Role, payload: Payload) {
        if self.s.ended() {
            return self.send(from, Msg::new("pair-ended-reply"));
        }
        match payload {
            Payload::Book(pick) => self.booked_button(from, pick),
            Payload::Resume => self.resume(Some(from)),
            Payload::Met { rating, n } => self.meeting_feedback(from, rating, n),
            Payload::Flag(None) => self.ask_flag(from),
            Payload::Flag(Some(reason)) => self.flag(from, reason),
            Payload::Rsvp { event, answer } => {
                if let Some(e) = self.p.events.iter().find(|e| e.id == event) {
                    let e = e.clone();
                    self.fx.push(Effect::Rsvp {
                        event: event.clone(),
                        role: from,
                        answer,
                    });
                    let key = match answer {
                        crate::payload::RsvpAnswer::Yes => "rsvp-yes-thanks",
                        crate::payload::RsvpAnswer::No => "rsvp-no-thanks",
                        crate::payload::RsvpAnswer::Maybe => "rsvp-maybe-thanks",
                    };
                    self.send(from, e.named(Msg::new(key), "event"));
                } else {
                    self.send(from, Msg::new("button-expired"));
                }
            }
            Payload::Agree(choice) => self.agreement_button(from, choice),
            Payload::Answer {
                survey,
                question,
                press,
            } => self.survey_button(survey, from, Some(&question), press),
            Payload::Prompt => self.prompt(from),
            Payload::Write => self.write_hint(from),
            // Not the pair's: language, forgetting, registration, paging.
            Payload::Language(_)
            | Payload::Forget { .. }
            | Payload::Consent(_)
            | Payload::RegLanguage(_)
            | Payload::RegConsent(_)
            | Payload::Profile { .. }
            | Payload::ProfileEdit(_)
            | Payload::More { .. }
            | Payload::Relay { .. } => self.send(from, Msg::new("button-expired")),
            Payload::Broadcast(_) | Payload::Event(_) => self.send(from, Msg::new("button-expired")),
            Payload::FlagAct { .. }
            | Payload::PairsPage(_)
            | Payload::PairCtl { .. }
            | Payload::Rematch(_)
            | Payload::SurveyRemind(_) => self.send(from, Msg::new("button-expired")),
        }
    }

    pub(super) fn status(&mut self, from: Role) {
        let mut msg = self
            .names(Msg::new("status"))
            .key("phase", format!("phase-{}", self.s.phase.code().replace('_', "-")))
            .num("held", self.s.meetings_held.into())
            .num("target", self.p.meetings.target.into())
            .date("end", self.p.end_at());
        msg = match &self.s.booked {
            Some(b) => msg.str("booked", "yes").time("when", b.at),
            None => msg.str("booked", "no").time("when", self.now),
        };
        if matches!(self.s.status, Status::Paused { .. }) {
            msg = msg.row(vec![Button::new("button-resume", Payload::Resume)]);
        }
        self.send(from, msg);
    }

    pub(super) fn prompt(&mut self, from: Role) {
        let mut keys: Vec<String> = self.p.prompts_for(self.s.phase).to_vec();
        keys.extend(self.p.exercises_for(self.s.phase).iter().cloned());
        if keys.is_empty() {
            keys.extend(self.p.prompts.values().flatten().cloned());
        }
        if keys.is_empty() {
            return self.send(from, Msg::new("prompt-none"));
        }
        let k = keys[(self.s.prompt_index as usize) % keys.len()].clone();
        self.s.prompt_index += 1;
        self.send(
            from,
            Msg::new("prompt")
                .key("prompt", k)
                .row(vec![Button::new("button-another-prompt", Payload::Prompt)]),
        );
    }

    pub(super) fn ask_flag(&mut self, from: Role) {
        let msg = Msg::new("flag-ask").column(
            FlagReason::ALL
                .iter()
                .map(|r| Button::new(format!("flag-reason-{}", r.code()), Payload::Flag(Some(*r))))
                .collect(),
        );
        self.send(from, msg);
    }

    pub(super) fn flag(&mut self, from: Role, reason: FlagReason) {
        if reason == FlagReason::Other {
            // One line of text first; the flag is raised when it comes.
            self.fx.push(Effect::AskFlagNote { by: from });
            return self.send(from, Msg::new("flag-note-ask"));
        }
        self.raise_flag(from, reason, None);
    }

    pub(super) fn flag_note(&mut self, from: Role, note: String) {
        if self.s.ended() {
            return self.send(from, Msg::new("pair-ended-reply"));
        }
        self.raise_flag(from, FlagReason::Other, Some(note));
    }

    /// The flag goes to the coordinators only, with what they need to act:
    /// the pair, the meetings and the last one, the nudges sent since the
    /// last meeting and the surveys still open. The other side is never told.
    fn raise_flag(&mut self, from: Role, reason: FlagReason, note: Option<String>) {
        if matches!(
            reason,
            FlagReason::Communication | FlagReason::Faded | FlagReason::NoAnswer
        ) {
            self.s.at_risk = true;
        }
        let open_surveys = self.s.surveys.iter().filter(|r| r.open()).count() as i64;
        let msg = self
            .names(Msg::new(if note.is_some() {
                "flag-alert-note"
            } else {
                "flag-alert"
            }))
            .str("by", self.s.person(from).name.clone())
            .key("role", format!("role-{}", from.code()))
            .key("reason", format!("flag-reason-{}", reason.code()))
            .str("note", note.clone().unwrap_or_default())
            .num("held", self.s.meetings_held.into())
            .date("last", self.s.last_meeting_at.unwrap_or(self.s.matched_at))
            .num("nudges", self.s.ladder_step.into())
            .num("surveys", open_surveys);
        self.fx.push(Effect::Flag {
            by: from,
            reason,
            note,
            msg,
        });
        self.send(
            from,
            Msg::new("flag-thanks").key("reason", format!("flag-reason-{}", reason.code())),
        );
    }

    pub(super) fn pause(&mut self, by: Option<Role>, until: Option<Ts>) {
        if !self.s.running() {
            if let Some(r) = by {
                self.send(r, Msg::new("pause-already"));
            }
            return;
        }
        self.s.status = Status::Paused { since: self.now, until };
        let msg = self
            .names(Msg::new("paused"))
            .row(vec![Button::new("button-resume", Payload::Resume)]);
        self.both(msg);
        self.alert(
            AlertKind::Paused,
            by,
            None,
            Msg::new("alert-paused").key(
                "by",
                by.map(|r| format!("role-{}", r.code()))
                    .unwrap_or("role-coordinator".into()),
            ),
        );
    }

    pub(super) fn resume(&mut self, by: Option<Role>) {
        if !matches!(self.s.status, Status::Paused { .. }) {
            if let Some(r) = by {
                self.send(r, Msg::new("resume-not-paused"));
            }
            return;
        }
        self.s.status = Status::Running;
        self.s.ladder_from = self.now.max(self.p.start_at());
        self.s.ladder_step = 0;
        self.both(self.names(Msg::new("resumed")));
        self.alert(AlertKind::Resumed, by, None, Msg::new("alert-resumed"));
    }

    pub(super) fn end_early(&mut self, reason: EndReason) {
        if self.s.ended() {
            return;
        }
        self.s.status = Status::EndedEarly { at: self.now, reason };
        self.s.booked = None;
        self.s.awaiting.clear();
        for r in self.s.surveys.iter_mut() {
            if r.open() {
                r.closed = true;
            }
        }
        self.both(self.names(Msg::new("ended-early")).key("reason", reason.key()));
        self.alert(
            AlertKind::Ended,
            None,
            Some(reason.code().into()),
            // However it ended, the coordinators can find the mentee a
            // new mentor from here.
            Msg::new("alert-ended")
                .key("reason", reason.key())
                .row(vec![crate::coordinator::rematch::offer()]),
        );
    }

    /// One side is forgotten: their name and contact leave the state
    /// first, so nothing decided after names them; the pair ends; nothing
    /// more goes to them.
    /// One side gave or withdrew consent to share their contact: the
    /// snapshot the pair's messages use follows it.
    pub(super) fn contact(&mut self, who: Role, contact: Option<String>, shares: bool) {
        let person = match who {
            Role::Mentor => &mut self.s.mentor,
            _ => &mut self.s.mentee,
        };
        person.contact = contact;
        person.shares = shares;
    }

    pub(super) fn forget(&mut self, who: Role) {
        let person = match who {
            Role::Mentor => &mut self.s.mentor,
            _ => &mut self.s.mentee,
        };
        person.name = "-".into();
        person.contact = None;
        person.shares = false;
        person.profile = Default::default();
        // The goals are the mentee's own words.
        if who == Role::Mentee {
            self.s.agreement.goals = None;
        }
        self.end_early(EndReason::Other);
        self.fx.retain(|e| !matches!(e, Effect::Send { to, .. } if *to == who));
        // A forgotten mentee is not rematched: no button for it.
        if who == Role::Mentee {
            for e in &mut self.fx {
                if let Effect::Alert {
                    kind: AlertKind::Ended,
                    msg,
                    ..
                } = e
                {
                    msg.buttons.clear();
                }
            }
        }
    }
}
