//! Inbound updates: each in one transaction, from the membership check
//! (a stranger registers, an invite is used) through the routing to the
//! conversation it belongs to (a dialogue, the participant's commands and
//! buttons, the account, /forget).

use super::*;

impl Engine {
    /// Handles one inbound update in one transaction.
    pub async fn handle(&self, u: &Inbound, now: Ts) -> Result<Handled> {
        self.handle_with(u, now, false).await
    }

    /// [`Engine::handle`], for a platform that answers a stale press itself
    /// when `answers_stale` (Discord's ephemeral answer): a press whose one
    /// outcome is the core's "no longer active" answer to the presser is
    /// rolled back (nothing stored, no message queued) and reported as
    /// [`Handled::Expired`].
    pub async fn handle_with(&self, u: &Inbound, now: Ts, answers_stale: bool) -> Result<Handled> {
        let mut tx = self.store.begin().await?;
        if !self
            .store
            .record_update(&mut tx, &u.platform, &u.update_key, now)
            .await?
        {
            tx.rollback().await?;
            return Ok(Handled::Duplicate);
        }
        if let bot_core::adapter::InboundKind::Membership { blocked } = u.kind {
            let handled = self.membership(&mut tx, u, blocked, now).await?;
            tx.commit().await?;
            return Ok(handled);
        }
        // The numbered choices last shown here, when a number was typed.
        let choices = match routing::typed_number(&u.kind) {
            Some(_) => self.store.choices(&mut tx, &u.platform, &u.address).await?,
            None => vec![],
        };
        let said = routing::read(&u.kind, &choices);
        let handled = match self
            .store
            .find_by_identity_with_dialogue(&mut tx, &u.platform, &u.user_id)
            .await?
        {
            None => {
                let reg = self.store.registration(&mut tx, &u.platform, &u.user_id).await?;
                let route = routing::route(
                    Who::Stranger {
                        registering: reg.is_some(),
                    },
                    said,
                );
                self.stranger(&mut tx, u, route, reg, now).await?
            }
            Some((mut me, dialogue)) => {
                let press = answers_stale && matches!(u.kind, bot_core::adapter::InboundKind::Button(_));
                let queued_before = match press {
                    true => Some(self.store.outbox_last_id(&mut tx).await?),
                    false => None,
                };
                if me.unreachable_at.is_some() {
                    self.store.set_reachable(&mut tx, me.id).await?;
                }
                let route = routing::route(
                    Who::Participant {
                        role: me.role,
                        dialogue: dialogue.is_some(),
                    },
                    said,
                );
                let in_dialogue = match (&route, dialogue) {
                    (Route::Dialogue(said), Some(d)) => Some((said.clone(), d)),
                    _ => None,
                };
                match in_dialogue {
                    Some((said, d)) => self.dialogue(&mut tx, &mut me, d, said, now).await?,
                    None => {
                        let rematch = match route {
                            Route::PairControl {
                                pair,
                                ctl: bot_core::payload::PairCtl::Rematch,
                            } => Some(Rematching::Pair(Some(pair))),
                            Route::Rematch { pair, rm } => Some(match rm {
                                Rm::Ended => Rematching::Pair(pair),
                                Rm::Mentee(m) => Rematching::Mentee(m, rematch::Ask::Propose),
                                Rm::Confirm { mentee, mentor } => {
                                    Rematching::Mentee(mentee, rematch::Ask::Confirm(mentor))
                                }
                            }),
                            _ => None,
                        };
                        if let Some(what) = rematch {
                            // The cohort's rematch runs its own transactions: this
                            // update is recorded first.
                            tx.commit().await?;
                            self.rematch_press(&me, what, now).await?;
                            return Ok(Handled::Processed);
                        }
                        self.participant(&mut tx, &mut me, route, now).await?
                    }
                }
                if let Some(before) = queued_before
                    && self.only_expired(&mut tx, before, me.id).await?
                {
                    tx.rollback().await?;
                    return Ok(Handled::Expired);
                }
                Handled::Processed
            }
        };
        tx.commit().await?;
        Ok(handled)
    }

    /// Whether all this transaction queued after outbox row `before` is
    /// one message to `me`, the core's "no longer active". Rows another
    /// transaction committed meanwhile make it false: the answer then goes
    /// as a message, as on every platform.
    pub(super) async fn only_expired(&self, tx: &mut Tx, before: i64, me: i64) -> Result<bool> {
        let rows = self.store.outbox_after(tx, before).await?;
        Ok(match rows.as_slice() {
            [(to, json)] if *to == Some(me) => {
                serde_json::from_str::<Msg>(json).is_ok_and(|m| m == Msg::new("button-expired"))
            }
            _ => false,
        })
    }

    /// A person blocked or unblocked the bot: stored as the core's
    /// `routing::membership` says, and the coordinators told once per change.
    pub(super) async fn membership(&self, tx: &mut Tx, u: &Inbound, blocked: bool, now: Ts) -> Result<Handled> {
        let Some(me) = self.store.find_by_identity(tx, &u.platform, &u.user_id).await? else {
            return Ok(Handled::Unregistered);
        };
        let r = routing::membership(blocked, me.unreachable_at.is_some(), me.role);
        match r.mark_unreachable {
            Some(true) => self.store.mark_unreachable(tx, me.id, now).await?,
            Some(false) => self.store.set_reachable(tx, me.id).await?,
            None => {}
        }
        if let Some(key) = r.alert {
            let p = self.programme(&me.programme_id)?.clone();
            let msg = Msg::new(key)
                .str("name", me.name.clone())
                .key("role", format!("role-{}", me.role));
            if blocked {
                self.alert(tx, &p, None, Some(me.id), "unreachable", None, &msg, now)
                    .await?;
            } else {
                // Good news needs no action: no open flag.
                self.tell_coordinators(tx, &p, &msg, now).await?;
            }
        }
        Ok(Handled::Processed)
    }

    /// Someone the bot does not know: registration from an invite link,
    /// or how to join.
    pub(super) async fn stranger(
        &self,
        tx: &mut Tx,
        u: &Inbound,
        route: Route,
        reg: Option<(String, String)>,
        now: Ts,
    ) -> Result<Handled> {
        let hint = u.lang_hint.as_deref().and_then(Lang::parse);
        match route {
            Route::Registration(registration::Input::Start { code }) => {
                let invite = self.invite(tx, &code).await?;
                let (reg, msg) = registration::start(invite.as_ref(), &u.platform, hint, now);
                let lang = reg
                    .as_ref()
                    .map(|r| r.lang)
                    .or(hint)
                    .or(invite.as_ref().map(|i| i.default_lang))
                    .unwrap_or(Lang::En);
                if let Some(reg) = &reg {
                    let json = serde_json::to_string(reg)?;
                    self.store
                        .save_registration(tx, &u.platform, &u.user_id, &u.address, &code, &json, now)
                        .await?;
                }
                self.reply_raw(tx, u, lang, msg, now).await?;
                Ok(if reg.is_some() {
                    Handled::Processed
                } else {
                    Handled::Unregistered
                })
            }
            Route::Registration(registration::Input::Said(said)) => {
                let (code, state) = reg.context("routed to a registration that is not stored")?;
                let reg: registration::Registration = serde_json::from_str(&state)?;
                match reg.step(&said) {
                    Outcome::Continue(reg, msgs) => {
                        let json = serde_json::to_string(&reg)?;
                        self.store
                            .save_registration(tx, &u.platform, &u.user_id, &u.address, &code, &json, now)
                            .await?;
                        for m in msgs {
                            self.reply_raw(tx, u, reg.lang, m, now).await?;
                        }
                        Ok(Handled::Processed)
                    }
                    Outcome::Complete {
                        registration: reg,
                        name,
                        consent,
                        profile,
                        messages,
                    } => {
                        // The code may have been used up, revoked or expired meanwhile.
                        if !self.use_invite(tx, u, &code, reg.lang, now).await? {
                            return Ok(Handled::Unregistered);
                        }
                        let p = self.programme(&reg.programme_id)?.clone();
                        let id = self
                            .store
                            .add_participant(
                                tx,
                                &NewParticipant {
                                    programme_id: &p.id,
                                    role: reg.role,
                                    name: &name,
                                    lang: reg.lang,
                                    tz: p.time_zone,
                                    // Kept only when they agreed to share it.
                                    contact: if consent { u.contact.as_deref() } else { None },
                                    consent_given_at: consent.then_some(now),
                                },
                                now,
                            )
                            .await?;
                        self.store
                            .add_identity(tx, &u.platform, &u.user_id, &u.address, id, now)
                            .await?;
                        if consent {
                            self.store
                                .record_consent(tx, id, true, account::CONSENT_VERSION, now)
                                .await?;
                        }
                        self.store.clear_imported(tx, &code).await?;
                        if profile != bot_core::profile::Profile::default() {
                            self.store.save_profile(tx, id, &p.id, &profile, now).await?;
                        }
                        self.store.delete_registration(tx, &u.platform, &u.user_id).await?;
                        let me = self.store.participant(tx, id).await?;
                        for m in messages {
                            self.reply(tx, &me, None, m, now).await?;
                        }
                        // Then the profile questions still open, one by one.
                        if let Some((a, msgs)) =
                            bot_core::profile_chat::after_registration(&p.profile, reg.role, consent, &profile)
                        {
                            let json = serde_json::to_string(&a)?;
                            self.store
                                .save_dialogue(tx, id, bot_core::profile_chat::KIND, &json, now)
                                .await?;
                            for m in msgs {
                                self.reply(tx, &me, None, m, now).await?;
                            }
                        }
                        Ok(Handled::Registered(reg.role))
                    }
                }
            }
            Route::Reply(msg) => {
                self.reply_raw(tx, u, hint.unwrap_or(Lang::En), msg, now).await?;
                Ok(Handled::Unregistered)
            }
            other => bail!("a stranger's update was routed to {other:?}"),
        }
    }

    /// An invite as registration needs it.
    pub(super) async fn invite(&self, tx: &mut Tx, code: &str) -> Result<Option<Invite>> {
        let Some(row) = self.store.invite(tx, code).await? else {
            return Ok(None);
        };
        // A code of a programme no longer configured opens nothing.
        let Ok(p) = self.programme(&row.programme_id) else {
            return Ok(None);
        };
        Ok(Some(Invite {
            programme_name: p.name.clone(),
            default_lang: p.languages[0],
            programme_id: row.programme_id,
            role: row.role,
            platform: row.platform,
            expires_at: row.expires_at,
            uses: row.uses,
            max_uses: row.max_uses,
            revoked: row.revoked_at.is_some(),
            imported: self.store.imported(tx, code).await?,
        }))
    }

    /// Counts a finished registration on its code when the core says the
    /// code still allows it; otherwise the registration is dropped and the
    /// person told why (false).
    pub(super) async fn use_invite(&self, tx: &mut Tx, u: &Inbound, code: &str, lang: Lang, now: Ts) -> Result<bool> {
        let invite = self.invite(tx, code).await?;
        match registration::may_finish(invite.as_ref(), &u.platform, now) {
            Ok(()) => {
                let uses = invite.map(|i| i.uses).unwrap_or_default();
                self.store.use_invite(tx, code, uses).await?;
                Ok(true)
            }
            Err(msg) => {
                self.store.delete_registration(tx, &u.platform, &u.user_id).await?;
                self.reply_raw(tx, u, lang, msg, now).await?;
                Ok(false)
            }
        }
    }

    /// Text for the dialogue a person has under way: handed to the
    /// conversation its kind names, which says what to store next. A kind
    /// this version does not know (left by an older one) is dropped, and
    /// the text goes where it would have gone without it.
    pub(super) async fn dialogue(
        &self,
        tx: &mut Tx,
        me: &mut Participant,
        d: DialogueRow,
        said: Said,
        now: Ts,
    ) -> Result<()> {
        match d.kind.as_str() {
            bot_core::relay::KIND => {
                let Said::Text(text) = said else {
                    bail!("the relay's dialogue was handed {said:?}")
                };
                self.relay(tx, me, bot_core::relay::Input::Text(text), now).await
            }
            bot_core::coordinator::broadcast::KIND if me.role == Role::Coordinator => {
                let input = match said {
                    Said::Text(t) => bot_core::coordinator::broadcast::Input::Text(t),
                    _ => return Ok(()),
                };
                self.broadcast_step(tx, me, input, now).await
            }
            coordinator::event_dialogue::KIND if me.role == Role::Coordinator => {
                let input = match said {
                    Said::Text(t) => coordinator::event_dialogue::Input::Text(t),
                    _ => return Ok(()),
                };
                self.event_step(tx, me, input, now).await
            }
            coordinator::flags::NOTE_DIALOGUE => self.flag_note(tx, me, d, said, now).await,
            bot_core::profile_chat::KIND => {
                let takes_text =
                    serde_json::from_str::<bot_core::profile_chat::Asking>(&d.state).is_ok_and(|a| a.takes_text());
                if takes_text {
                    self.profile_step(tx, me, Some(d), said, now).await
                } else {
                    // A question with buttons: the text goes where it would
                    // go without it, and the question stays.
                    self.participant(tx, me, Route::Dialogue(said), now).await
                }
            }
            _ => {
                self.store.clear_dialogue(tx, me.id).await?;
                self.participant(tx, me, Route::Dialogue(said), now).await
            }
        }
    }

    /// A registered participant's update, where the core routed it.
    pub(super) async fn participant(&self, tx: &mut Tx, me: &mut Participant, route: Route, now: Ts) -> Result<()> {
        match route {
            Route::Reply(msg) => self.reply(tx, me, None, msg, now).await,
            Route::Dialogue(said) => {
                // No dialogue (any longer): where it goes without one.
                let route = routing::route(
                    Who::Participant {
                        role: me.role,
                        dialogue: false,
                    },
                    said,
                );
                Box::pin(self.participant(tx, me, route, now)).await
            }
            Route::Account(input) => {
                let snapshot = self.account(tx, me).await?;
                // Where a farewell goes once the person is forgotten.
                let mut farewell_to = None;
                for fx in account::step(&snapshot, input, now) {
                    match fx {
                        account::Effect::SetLanguage(lang) => {
                            self.store.set_language(tx, me.id, lang).await?;
                            me.lang = lang;
                        }
                        account::Effect::Reply(msg) => self.reply(tx, me, None, msg, now).await?,
                        account::Effect::Alert { kind, msg } => {
                            let p = self.programme(&me.programme_id)?.clone();
                            self.alert(tx, &p, None, Some(me.id), kind, None, &msg, now).await?
                        }
                        account::Effect::Forget => {
                            farewell_to = self.store.address_of(tx, me.id).await?;
                            self.forget(tx, me, now).await?
                        }
                        account::Effect::Consent { given, version } => {
                            self.store.record_consent(tx, me.id, given, version, now).await?;
                            me.consent_share = given;
                            let profile = self.store.profile(tx, me.id).await?;
                            let contact = if given { effects::contact(me, &profile) } else { None };
                            for (pair_id, _) in self.store.pairs_of(tx, me.id).await? {
                                if let Some(row) = self.store.load_pair(tx, pair_id).await? {
                                    let input = Input::Contact {
                                        who: me.role,
                                        contact: contact.clone(),
                                        shares: given,
                                    };
                                    self.step(tx, &row, input, None, now).await?;
                                }
                            }
                        }
                        account::Effect::Farewell(msg) => {
                            if let Some((platform, address)) = &farewell_to {
                                self.store
                                    .enqueue_farewell(tx, platform, address, me.lang, &msg, now)
                                    .await?
                            }
                        }
                    }
                }
                Ok(())
            }
            Route::Coordinator(routing::Said::Command(bot_core::command::Command::Match)) => {
                let msg = match self.propose_in(tx, &me.programme_id, now).await {
                    Ok(r) => coordinator::cohort::summary(&me.programme_id, &r.proposal, &r.names),
                    Err(e) => Msg::new("cohort-chat-error").str("error", format!("{e:#}")),
                };
                self.reply(tx, me, None, msg, now).await?;
                Ok(())
            }
            Route::Coordinator(said) => {
                let p = self.programme(&me.programme_id)?;
                let open_flags = self.store.open_flag_count(tx, &p.id).await?;
                let (pairs, at_risk) = self.store.pair_counts(tx, &p.id).await?;
                let overview = coordinator::Overview {
                    programme_name: p.name.clone(),
                    pairs,
                    at_risk,
                    open_flags,
                };
                for fx in coordinator::step(&overview, said, now) {
                    match fx {
                        coordinator::Effect::Reply(msg) => self.reply(tx, me, None, msg, now).await?,
                        coordinator::Effect::Broadcast(input) => self.broadcast_step(tx, me, input, now).await?,
                        coordinator::Effect::Event(input) => self.event_step(tx, me, input, now).await?,
                        coordinator::Effect::Events => {
                            for msg in coordinator::events::overview_with_buttons(
                                &self.coming_events(&me.programme_id, now).await?,
                            ) {
                                self.reply(tx, me, None, msg, now).await?
                            }
                        }
                    }
                }
                Ok(())
            }
            Route::Pair { tagged, input } => {
                let mut rows = HashMap::new();
                let mut states = vec![];
                for row in self.store.load_pairs_of(tx, me.id).await? {
                    states.push((row.id, effects::state_of(&row)?));
                    rows.insert(row.id, row);
                }
                match (routing::pick_pair(me.role, tagged, &states), input) {
                    (Ok(id), input) => {
                        let row = rows.remove(&id).context("the picked pair is loaded")?;
                        self.step(tx, &row, input, Some(me.role), now).await
                    }
                    // Someone in no pair answering an event for the unmatched.
                    (
                        Err(_),
                        Input::Button {
                            payload: bot_core::payload::Payload::Rsvp { event, answer },
                            ..
                        },
                    ) if states.is_empty() => self.rsvp_unpaired(tx, me, &event, answer, now).await,
                    (Err(msg), _) => self.reply(tx, me, None, msg, now).await,
                }
            }
            Route::MoreChoices { outbox, offset } => {
                // Only the person the message went to may page it.
                let more = match self.store.outbox_message(tx, outbox).await? {
                    Some((Some(to), pair, json)) if to == me.id => {
                        let msg: Msg = serde_json::from_str(&json)?;
                        bot_core::adapter::more_choices(&msg, offset).map(|m| (pair, m))
                    }
                    _ => None,
                };
                match more {
                    Some((pair, msg)) => self.reply(tx, me, pair, msg, now).await,
                    None => self.reply(tx, me, None, Msg::new("button-expired"), now).await,
                }
            }
            Route::Relay(input) => self.relay(tx, me, input, now).await,
            Route::Profile(said) => {
                let d = self.store.dialogue(tx, me.id).await?;
                self.profile_step(tx, me, d, said, now).await
            }
            Route::FlagAct { id, act } => self.flag_act(tx, me, id, act, now).await,
            Route::PairList(page) => self.pair_list(tx, me, page, now).await,
            Route::Report => {
                let p = self.programme(&me.programme_id)?.clone();
                let figures = self.evaluation(&p.id).await?;
                let msg = bot_core::evaluation::summary(&p, &figures);
                self.reply(tx, me, None, msg, now).await?;
                // Surveys open now: their response rates so far.
                for msg in self.survey_progress(&p.id, now).await? {
                    self.reply(tx, me, None, msg, now).await?;
                }
                Ok(())
            }
            Route::SurveyRemind(kind) => self.survey_remind(tx, me, kind, now).await,
            Route::PairControl { pair, ctl } => self.pair_control(tx, me, pair, ctl, now).await,
            other => bail!("a participant's update was routed to {other:?}"),
        }
    }

    /// What the account conversation shows of a person.
    pub(super) async fn account(&self, tx: &mut Tx, me: &Participant) -> Result<account::Account> {
        let p = self.programme(&me.programme_id)?;
        Ok(account::Account {
            id: me.id,
            name: me.name.clone(),
            role: me.role,
            programme_name: p.name.clone(),
            lang: me.lang,
            tz: me.tz,
            contact: me.contact.clone(),
            consent_share: me.consent_share,
            consent_given_at: me.consent_given_at.map(crate::store::from_ms),
            identities: self.store.identity_count(tx, me.id).await?,
            pairs: self.store.pairs_of(tx, me.id).await?.len() as i64,
            on_forget: p.privacy.on_forget,
        })
    }

    /// Erases a person: each of their pairs is told by the core that they
    /// are forgotten (it ends and drops their name), then the store
    /// removes their personal data.
    /// What they wrote that the pair states held (the goals) is gathered
    /// first, so that messages quoting it are found and scrubbed.
    pub(super) async fn forget(&self, tx: &mut Tx, me: &Participant, now: Ts) -> Result<()> {
        let mut free_text = vec![];
        for (pair_id, _) in self.store.pairs_of(tx, me.id).await? {
            if let Some(row) = self.store.load_pair(tx, pair_id).await? {
                let state = effects::state_of(&row)?;
                if me.role == Role::Mentee
                    && let Some(goals) = state.agreement.goals
                {
                    free_text.push(goals);
                }
                self.step(tx, &row, Input::Forget { who: me.role }, None, now).await?;
            }
        }
        let policy = self.programme(&me.programme_id)?.privacy.on_forget;
        let done = self.store.forget(tx, me.id, &free_text, policy, now).await?;
        for hook in self.forget_hooks.read().expect("forget hooks").iter() {
            hook(&done, now);
        }
        tracing::info!(
            participant = me.id,
            cancelled = done.outbox_cancelled,
            scrubbed = done.outbox_scrubbed,
            "forgotten"
        );
        Ok(())
    }
}
