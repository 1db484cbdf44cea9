//! The pair's clock: the joint intro, event invitations, the nudge ladder,
//! the end of the programme, and when the pair next needs a tick.

use super::*;
use crate::message::{Arg, Button};
use chrono::Duration;

impl PairState {
    /// The escalating ladder: before the meeting target, nothing booked.
    pub(super) fn ladder_active(&self, p: &Programme) -> bool {
        self.nudgeable() && self.meetings_held < p.meetings.target
    }

    /// After the meeting target: a reminder once per agreed rhythm, unless
    /// the programme file turned it off.
    pub(super) fn keep_going_active(&self, p: &Programme) -> bool {
        self.nudgeable() && self.meetings_held >= p.meetings.target && p.nudges.after_target
    }

    fn nudgeable(&self) -> bool {
        self.running() && self.phase.is_meeting_phase() && self.phase != Phase::Matched && self.booked.is_none()
    }

    /// The rhythm the pair agreed, or the programme's until they agree one.
    pub fn rhythm_days(&self, p: &Programme) -> u32 {
        self.agreement.rhythm_days.unwrap_or(p.meetings.every_days)
    }

    /// When the next nudge is due: the ladder's next step (its days scaled
    /// to the agreed rhythm), or after the target the next rhythm without
    /// a meeting; never at or after the end.
    pub(super) fn next_ladder_at(&self, p: &Programme) -> Option<Ts> {
        let rhythm = self.rhythm_days(p);
        let days = if self.ladder_active(p) {
            *p.nudges
                .thresholds_for(rhythm, p.meetings.every_days)
                .get(self.ladder_step as usize)?
        } else if self.keep_going_active(p) {
            rhythm.checked_mul(u32::from(self.ladder_step) + 1)?
        } else {
            return None;
        };
        let at = self.ladder_from + Duration::days(days.into());
        (at < p.end_at()).then_some(at)
    }

    /// Whether this pair's members are invited to `e` now: every pair to
    /// an event for pairs, a pair at risk to one for pairs at risk, none
    /// to one for the unmatched.
    pub fn invites_to(&self, e: &crate::programme::Event) -> bool {
        match e.audience {
            crate::programme::Among::Pairs => true,
            crate::programme::Among::AtRisk => self.at_risk,
            crate::programme::Among::Unmatched => false,
        }
    }

    /// When the pair next needs a tick; `None` when nothing is left to do
    /// until a participant acts.
    pub fn next_due(&self, p: &Programme) -> Option<Ts> {
        match &self.status {
            Status::EndedEarly { .. } => return None,
            Status::Paused { until, .. } => return *until,
            Status::Running => {}
        }
        // The earliest of the candidates, without gathering them.
        let mut due: Option<Ts> = None;
        let mut push = |t: Ts| due = Some(due.map_or(t, |d| d.min(t)));
        if self.phase == Phase::Matched {
            return Some(self.intro_at(p));
        }
        if self.phase < Phase::Closed {
            for e in &p.events {
                if !self.invited.contains(&e.id) && p.event_starts_at(e) > self.matched_at && self.invites_to(e) {
                    push(p.event_invite_at(e));
                }
            }
            push(p.end_at());
        }
        if let Some(t) = self.next_ladder_at(p) {
            push(t);
        }
        if let Some(t) = self.exercise_at {
            push(t);
        }
        if let Some(b) = &self.booked {
            if !b.reminded {
                push(b.at - Duration::days(1));
            }
            push(b.at + Duration::minutes(p.meetings.duration_minutes.into()));
        }
        for kind in SurveyKind::ALL {
            let plan = p.survey(kind);
            if !self.opened(kind) {
                if self.survey_may_open(kind) && !self.missed.contains(&kind) {
                    push(plan.opens);
                }
                continue;
            }
            for r in self.surveys.iter().filter(|r| r.kind == kind && r.open()) {
                if !r.reminded {
                    push(r.opened_at.max(plan.opens) + Duration::days(plan.reminder_after_days.into()));
                }
                push(r.opened_at.max(plan.opens) + Duration::days(plan.deadline_days.into()));
            }
        }
        due
    }

    pub(super) fn survey_may_open(&self, kind: SurveyKind) -> bool {
        match kind {
            SurveyKind::Midterm => self.phase < Phase::Closing,
            SurveyKind::Final => self.phase < Phase::Closed,
            SurveyKind::FollowUp => self.phase >= Phase::Closed,
        }
    }
}

impl Machine<'_> {
    pub(super) fn tick(&mut self) {
        let now = self.now;
        match self.s.status.clone() {
            Status::EndedEarly { .. } => return,
            Status::Paused { until: Some(u), .. } if u <= now => self.resume(None),
            Status::Paused { .. } => return,
            Status::Running => {}
        }
        if self.s.phase == Phase::Matched {
            if self.s.intro_at(self.p) > now {
                return;
            }
            self.introduce();
        }
        self.invite_events();
        self.meeting_clock();
        self.surveys_clock();
        self.exercise();
        self.ladder();
        if self.s.phase < Phase::Closed && now >= self.p.end_at() {
            self.close();
        }
    }

    pub(super) fn introduce(&mut self) {
        // Contact details only where both agreed to share theirs.
        let both = self.s.mentee.consented() && self.s.mentor.consented();
        let shown = |c: &Option<String>| if both { c.clone() } else { None };
        let (mentor_contact, mentee_contact) = (shown(&self.s.mentor.contact), shown(&self.s.mentee.contact));
        let mentee = self
            .names(Msg::new("intro-mentee"))
            .str("mentor-contact", mentor_contact.clone().unwrap_or_default())
            .arg(
                "has-contact",
                Arg::Str(if mentor_contact.is_some() { "yes" } else { "no" }.into()),
            )
            .str("programme", self.p.name.clone())
            .date("start", self.p.start_at())
            .date("end", self.p.end_at())
            .num("meetings", self.p.meetings.target.into())
            .str("relay", if self.p.relay { "on" } else { "off" })
            .row(
                [
                    vec![Button::new("button-book", Payload::Book(None))],
                    self.write_to(Role::Mentee),
                ]
                .concat(),
            );
        let mentor = self
            .names(Msg::new("intro-mentor"))
            .str("mentee-contact", mentee_contact.clone().unwrap_or_default())
            .arg(
                "has-contact",
                Arg::Str(if mentee_contact.is_some() { "yes" } else { "no" }.into()),
            )
            .str("programme", self.p.name.clone())
            .date("start", self.p.start_at())
            .date("end", self.p.end_at())
            .num("meetings", self.p.meetings.target.into())
            .str("relay", if self.p.relay { "on" } else { "off" })
            .row(self.write_to(Role::Mentor));
        self.send(Role::Mentee, mentee);
        self.send(Role::Mentor, mentor);
        // Each side meets the other through their profile.
        for to in [Role::Mentee, Role::Mentor] {
            let other = self.s.person(to.other()).clone();
            if other.profile != crate::profile::Profile::default() {
                let about = crate::profile_chat::describe(
                    Msg::new("intro-about")
                        .str("name", other.name.clone())
                        .key("role", format!("role-{}", to.other().code())),
                    &self.p.profile,
                    &other.profile,
                );
                self.send(to, about);
            }
        }
        self.both(Msg::new("limits-of-the-role"));
        self.s.phase = Phase::Introduced;
        self.s.ladder_from = ladder_start(self.p, self.now);
        self.s.ladder_step = 0;
    }

    pub(super) fn invite_events(&mut self) {
        for e in &self.p.events {
            // An event for pairs at risk waits while the pair is healthy.
            if !self.s.invites_to(e) {
                continue;
            }
            if self.s.invited.contains(&e.id)
                || self.s.phase >= Phase::Closed
                || self.p.event_invite_at(e) > self.now
                || self.p.event_starts_at(e) <= self.s.matched_at
            {
                continue;
            }
            self.s.invited.push(e.id.clone());
            if self.p.event_starts_at(e) <= self.now {
                continue; // matched too late for this one
            }
            let msg = crate::coordinator::events::invitation(self.p, e);
            for role in &e.roles {
                self.fx.push(Effect::Send {
                    to: *role,
                    msg: msg.clone(),
                    once: Some(format!("event:{}", e.id)),
                });
            }
        }
    }

    pub(super) fn ladder(&mut self) {
        let Some(_) = self.s.next_ladder_at(self.p) else {
            return;
        };
        // After downtime several steps may be due: fire only the last one.
        let mut fire = None;
        while let Some(at) = self.s.next_ladder_at(self.p)
            && at <= self.now
            && self.s.ladder_step < u8::MAX
        {
            fire = Some(self.s.ladder_step);
            self.s.ladder_step += 1;
        }
        let Some(step) = fire else { return };
        if self.s.meetings_held >= self.p.meetings.target {
            return self.keep_going();
        }
        let days = (self.now - self.s.ladder_from).num_days();
        match step {
            0 => self.send(
                Role::Mentee,
                self.names(Msg::new("nudge-mentee")).num("days", days).row(
                    [
                        vec![
                            Button::new("button-book", Payload::Book(None)),
                            Button::new("button-flag", Payload::Flag(None)),
                        ],
                        self.write_to(Role::Mentee),
                    ]
                    .concat(),
                ),
            ),
            1 => self.send(
                Role::Mentee,
                self.names(Msg::new("nudge-mentee-again")).num("days", days).row(
                    [
                        vec![
                            Button::new("button-book", Payload::Book(None)),
                            Button::new("button-flag", Payload::Flag(None)),
                        ],
                        self.write_to(Role::Mentee),
                    ]
                    .concat(),
                ),
            ),
            2 => self.send(
                Role::Mentor,
                self.names(Msg::new("nudge-mentor")).num("days", days).row(
                    [
                        vec![Button::new("button-flag", Payload::Flag(None))],
                        self.write_to(Role::Mentor),
                    ]
                    .concat(),
                ),
            ),
            _ => {
                self.s.at_risk = true;
                self.alert(
                    AlertKind::Stalled,
                    None,
                    None,
                    Msg::new("alert-stalled")
                        .num("days", days)
                        .num("held", self.s.meetings_held.into()),
                );
            }
        }
    }

    /// After the target: the pair is reminded to keep meeting at its rhythm;
    /// the coordinator is not told (the target was met).
    fn keep_going(&mut self) {
        let held = self.s.meetings_held.into();
        let days = self.s.rhythm_days(self.p).into();
        self.send(
            Role::Mentee,
            self.names(Msg::new("nudge-keep-going-mentee"))
                .num("held", held)
                .num("days", days)
                .date("end", self.p.end_at())
                .row(vec![
                    Button::new("button-book", Payload::Book(None)),
                    Button::new("button-flag", Payload::Flag(None)),
                ]),
        );
        self.send(
            Role::Mentor,
            self.names(Msg::new("nudge-keep-going-mentor"))
                .num("held", held)
                .num("days", days)
                .date("end", self.p.end_at())
                .row(vec![Button::new("button-flag", Payload::Flag(None))]),
        );
    }

    /// The day after a held meeting: the phase's first exercise, to both,
    /// once per phase (`/prompt` still gives one on request).
    pub(super) fn exercise(&mut self) {
        let Some(at) = self.s.exercise_at else { return };
        if at > self.now {
            return;
        }
        self.s.exercise_at = None;
        let phase = self.s.phase;
        if phase >= Phase::Closed || self.s.exercised.contains(&phase) {
            return;
        }
        let Some(key) = self.p.exercises_for(phase).first().cloned() else {
            return;
        };
        self.s.exercised.push(phase);
        let msg = self
            .names(Msg::new("exercise-pushed"))
            .key("exercise", key)
            .row(vec![Button::new("button-another-prompt", Payload::Prompt)]);
        self.both(msg);
    }

    pub(super) fn close(&mut self) {
        if self.s.phase < Phase::Closing {
            self.s.phase = Phase::Closing;
        }
        self.s.phase = Phase::Closed;
        self.s.booked = None;
        self.s.awaiting.clear();
        let msg = |k: &str| {
            Msg::new(k.to_string())
                .str("programme", self.p.name.clone())
                .num("held", self.s.meetings_held.into())
                .str("mentee", self.s.mentee.name.clone())
                .str("mentor", self.s.mentor.name.clone())
        };
        let (a, b) = (msg("closed-mentee"), msg("closed-mentor"));
        self.send(Role::Mentee, a);
        self.send(Role::Mentor, b);
    }
}
