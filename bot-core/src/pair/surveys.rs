//! The mid-term, final and follow-up surveys of a pair: opening them,
//! asking one question at a time, reminders, deadlines, reading answers.

use super::*;
use crate::payload::Press;
use crate::survey::{self, Outcome};
use chrono::Duration;

impl Machine<'_> {
    pub(super) fn surveys_clock(&mut self) {
        for kind in SurveyKind::ALL {
            let plan = self.p.survey(kind);
            if !self.s.opened(kind) {
                if self.now >= plan.opens && self.s.survey_may_open(kind) {
                    if self.now < plan.deadline() {
                        self.open_survey(kind);
                    } else if !self.s.missed.contains(&kind) {
                        // Too late to ask: never due again.
                        self.s.missed.push(kind);
                    }
                }
                continue;
            }
            let mut reask = vec![];
            let mut finished = vec![];
            for r in self.s.surveys.iter_mut().filter(|r| r.kind == kind && r.open()) {
                let opened = r.opened_at.max(plan.opens);
                if r.question >= plan.questions_for(r.role).count() {
                    // The programme was edited and the questions left are
                    // answered: the survey is over for this participant.
                    r.finished_at = Some(self.now);
                    finished.push(r.role);
                } else if self.now >= opened + Duration::days(plan.deadline_days.into()) {
                    r.closed = true;
                } else if !r.reminded && self.now >= opened + Duration::days(plan.reminder_after_days.into()) {
                    r.reminded = true;
                    reask.push(r.role);
                }
            }
            for role in finished {
                self.fx.push(Effect::SurveyFinished { survey: kind, role });
            }
            for role in reask {
                self.send(
                    role,
                    Msg::new("survey-reminder")
                        .key("survey", format!("survey-name-{}", kind.code().replace('_', "-")))
                        .time("deadline", plan.deadline()),
                );
                self.ask_current(kind, role);
            }
            if kind == SurveyKind::Midterm && self.s.phase == Phase::MidtermCheck && self.now >= plan.deadline() {
                self.s.phase = Phase::Active;
            }
        }
    }

    pub(super) fn open_survey(&mut self, kind: SurveyKind) {
        let plan = self.p.survey(kind);
        match kind {
            SurveyKind::Midterm => {
                if self.s.phase == Phase::Active {
                    self.s.phase = Phase::MidtermCheck;
                }
            }
            SurveyKind::Final => self.s.phase = Phase::Closing,
            SurveyKind::FollowUp => self.s.phase = Phase::FollowUp,
        }
        for &role in plan.roles {
            if plan.questions_for(role).next().is_none() {
                continue;
            }
            self.s.surveys.push(SurveyRun {
                kind,
                role,
                opened_at: self.now,
                question: 0,
                selection: vec![],
                reminded: false,
                extra_reminded: false,
                finished_at: None,
                closed: false,
            });
            self.fx.push(Effect::SurveyOpened { survey: kind, role });
            self.send(
                role,
                Msg::new("survey-intro")
                    .key("survey", format!("survey-name-{}", kind.code().replace('_', "-")))
                    .str("programme", self.p.name.clone())
                    .num("questions", plan.questions_for(role).count() as i64)
                    .time("deadline", plan.deadline()),
            );
            self.ask_current(kind, role);
        }
    }

    /// The coordinator's extra reminder: to each role whose run is open
    /// and was not reminded this way, once; the question they are at
    /// follows. The outbox's once key keeps a mentor with two mentees to
    /// one reminder.
    pub(super) fn remind_survey(&mut self, kind: SurveyKind) {
        let plan = self.p.survey(kind);
        for role in self.s.extra_reminder_due(kind) {
            if let Some(r) = self.s.surveys.iter_mut().find(|r| r.kind == kind && r.role == role) {
                r.extra_reminded = true;
            }
            self.fx.push(Effect::Send {
                to: role,
                msg: Msg::new("survey-reminder-extra")
                    .key("survey", format!("survey-name-{}", kind.code().replace('_', "-")))
                    .str("programme", self.p.name.clone())
                    .time("deadline", plan.deadline()),
                once: Some(format!("survey-extra:{}", kind.code())),
            });
            self.ask_current(kind, role);
        }
    }

    pub(super) fn ask_current(&mut self, kind: SurveyKind, role: Role) {
        let plan = self.p.survey(kind);
        let Some(run) = self.s.run(kind, role) else {
            return;
        };
        let qs: Vec<_> = plan.questions_for(role).collect();
        if let Some(q) = qs.get(run.question) {
            let msg = survey::ask(kind, q, run.question + 1, qs.len(), &run.selection);
            self.send(role, msg);
        }
    }

    pub(super) fn open_run_for(&self, role: Role) -> Option<SurveyKind> {
        self.s
            .surveys
            .iter()
            .find(|r| r.role == role && r.open())
            .map(|r| r.kind)
    }

    pub(super) fn current_question(&self, kind: SurveyKind, role: Role) -> Option<&crate::programme::Question> {
        let run = self.s.run(kind, role)?;
        self.p.survey(kind).questions_for(role).nth(run.question)
    }

    pub(super) fn survey_button(&mut self, kind: SurveyKind, from: Role, qid: Option<&str>, press: Press) {
        let Some(run) = self.s.run(kind, from).filter(|r| r.open()) else {
            return self.send(from, Msg::new("survey-already-closed"));
        };
        let selection = run.selection.clone();
        let Some(q) = self.current_question(kind, from).cloned() else {
            return self.send(from, Msg::new("survey-already-closed"));
        };
        if qid.is_some_and(|id| id != q.id) {
            // An old button: that question is answered already.
            return self.send(from, Msg::new("survey-already-answered"));
        }
        let outcome = survey::read_button(&q, press, &selection);
        self.survey_outcome(kind, from, outcome);
    }

    pub(super) fn survey_outcome(&mut self, kind: SurveyKind, from: Role, outcome: Outcome) {
        // A programme edited while the survey was open may have fewer
        // questions now: the run is over for this participant.
        let (Some(q), Some(idx)) = (
            self.current_question(kind, from).cloned(),
            self.s.surveys.iter().position(|r| r.kind == kind && r.role == from),
        ) else {
            return self.send(from, Msg::new("survey-already-closed"));
        };
        match outcome {
            Outcome::Invalid(reason) => {
                self.send(from, Msg::new(reason));
                self.ask_current(kind, from);
            }
            Outcome::Selection(sel) => {
                self.s.surveys[idx].selection = sel;
                self.ask_current(kind, from);
            }
            Outcome::Answered(value) => {
                self.fx.push(Effect::Answer {
                    survey: kind,
                    role: from,
                    question: q.id.clone(),
                    value,
                });
                let total = self.p.survey(kind).questions_for(from).count();
                let run = &mut self.s.surveys[idx];
                run.question += 1;
                run.selection.clear();
                if run.question >= total {
                    run.finished_at = Some(self.now);
                    self.fx.push(Effect::SurveyFinished {
                        survey: kind,
                        role: from,
                    });
                    self.send(from, Msg::new("survey-thanks"));
                } else {
                    self.ask_current(kind, from);
                }
            }
        }
    }
}
