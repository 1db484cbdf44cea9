//! Forgetting a person everywhere: their row, identities, registrations,
//! numbered choices, what is queued for them, every message that names
//! them, their free text, and (as the programme says) their answers.

use super::{Store, Tx, ms};
use anyhow::Result;
use bot_core::message::{Arg, Msg};
use bot_core::programme::OnForget;
use bot_core::survey::AnswerValue;
use bot_core::{Lang, Ts};
use sqlx::{Any, Row};

/// What forgetting removed (for the log and the operator), and what the
/// process must still drop from its memory: the person's chat addresses
/// and the words that identify them. Its `Debug` shows counts only.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Forgotten {
    pub outbox_cancelled: u64,
    pub outbox_scrubbed: u64,
    /// (platform, address) of each of their chat accounts.
    pub addresses: Vec<(String, String)>,
    /// Their name, contact, platform ids and what they wrote.
    pub secrets: Vec<String>,
}

impl std::fmt::Debug for Forgotten {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Forgotten")
            .field("outbox_cancelled", &self.outbox_cancelled)
            .field("outbox_scrubbed", &self.outbox_scrubbed)
            .field("addresses", &self.addresses.len())
            .field("secrets", &self.secrets.len())
            .finish()
    }
}

/// Replaces every text argument that contains one of `secrets` with "-";
/// true when something changed.
fn scrub_msg(msg: &mut Msg, secrets: &[String]) -> bool {
    let mut changed = false;
    for (_, arg) in msg.args.iter_mut() {
        if let Arg::Str(s) = arg
            && contains_any(s, secrets)
        {
            *s = "-".into();
            changed = true;
        }
    }
    for row in msg.buttons.iter_mut() {
        for b in row.iter_mut() {
            changed |= scrub_msg(&mut b.label, secrets);
        }
    }
    changed
}

fn contains_any(text: &str, secrets: &[String]) -> bool {
    let lower = text.to_lowercase();
    secrets.iter().any(|s| lower.contains(&s.to_lowercase()))
}

/// A LIKE pattern for `secret` as it appears inside JSON text.
pub(super) fn like_pattern(secret: &str) -> String {
    let json = serde_json::to_string(secret).unwrap_or_default();
    let inner = json.trim_matches('"');
    let escaped = inner.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

impl Store {
    /// Forgets a participant. `free_text`: what they wrote that the pair
    /// states held (the engine collects it before the pairs drop it).
    pub async fn forget(
        &self,
        tx: &mut Tx,
        participant_id: i64,
        free_text: &[String],
        policy: OnForget,
        now: Ts,
    ) -> Result<Forgotten> {
        let mut out = Forgotten::default();
        let me = self.participant(tx, participant_id).await?;
        // Everything that would identify them or that they wrote.
        let mut secrets: Vec<String> = vec![];
        let mut push = |s: &str| {
            let s = s.trim();
            // A name of one or two letters would match half the outbox.
            if s.chars().count() >= 3 && s != "-" && !secrets.iter().any(|x| x == s) {
                secrets.push(s.to_string());
            }
        };
        push(&me.name);
        if let Some(c) = &me.contact {
            push(c);
        }
        let ids = q!("SELECT platform, platform_user_id, address FROM identities WHERE participant_id = $1")
            .bind(participant_id)
            .fetch_all(&mut **tx)
            .await?;
        let mut identities = vec![];
        for r in &ids {
            let (platform, user, address): (String, String, String) = (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
            push(&user);
            push(&address);
            identities.push((platform, user, address));
        }
        for t in free_text {
            push(t);
        }
        // Free text they answered in surveys.
        let answers = q!("SELECT pair_id, survey, role, question, value FROM survey_answers WHERE participant_id = $1")
            .bind(participant_id)
            .fetch_all(&mut **tx)
            .await?;
        for r in &answers {
            let value: String = r.try_get(4)?;
            if let Ok(AnswerValue::Text(t)) = serde_json::from_str::<AnswerValue>(&value) {
                push(&t);
                q!("DELETE FROM survey_answers WHERE pair_id = $1 AND survey = $2 AND role = $3 AND question = $4")
                    .bind(r.try_get::<i64, _>(0)?)
                    .bind(r.try_get::<String, _>(1)?)
                    .bind(r.try_get::<String, _>(2)?)
                    .bind(r.try_get::<String, _>(3)?)
                    .execute(&mut **tx)
                    .await?;
            }
        }

        // Unfinished registrations and numbered choices at their addresses.
        for (platform, user, address) in &identities {
            q!("DELETE FROM registrations WHERE platform = $1 AND (platform_user_id = $2 OR address = $3)")
                .bind(platform)
                .bind(user)
                .bind(address)
                .execute(&mut **tx)
                .await?;
            q!("DELETE FROM choices WHERE platform = $1 AND address = $2")
                .bind(platform)
                .bind(address)
                .execute(&mut **tx)
                .await?;
            // Updates of theirs set aside for the operator hold what they wrote.
            let parked = q!("SELECT update_key, update_json FROM parked_updates WHERE platform = $1")
                .bind(platform)
                .fetch_all(&mut **tx)
                .await?;
            for r in parked {
                let (key, json): (String, String) = (r.try_get(0)?, r.try_get(1)?);
                let theirs = serde_json::from_str::<serde_json::Value>(&json).is_ok_and(|v| {
                    v["user_id"].as_str() == Some(user.as_str()) || v["address"].as_str() == Some(address.as_str())
                });
                if theirs {
                    q!("DELETE FROM parked_updates WHERE platform = $1 AND update_key = $2")
                        .bind(platform)
                        .bind(key)
                        .execute(&mut **tx)
                        .await?;
                }
            }
        }

        // The web chat's stored conversations: theirs goes whole, and a
        // message in anyone's that names or quotes them goes too.
        for (platform, user, address) in &identities {
            if platform == "webchat" {
                q!("DELETE FROM webchat_activities WHERE conversation_id = $1")
                    .bind(address)
                    .execute(&mut **tx)
                    .await?;
                q!("DELETE FROM webchat_conversations WHERE id = $1 OR user_id = $2")
                    .bind(address)
                    .bind(user)
                    .execute(&mut **tx)
                    .await?;
            }
        }
        for s in &secrets {
            q!("DELETE FROM webchat_activities WHERE activity LIKE $1 ESCAPE '\\'")
                .bind(like_pattern(s))
                .execute(&mut **tx)
                .await?;
        }

        // What they relayed to the other member of a pair.
        let (cancelled, scrubbed) = self.scrub_relayed(tx, participant_id).await?;
        out.outbox_cancelled += cancelled;
        out.outbox_scrubbed += scrubbed;

        // What is queued for them never goes; what went keeps no address.
        out.outbox_cancelled += q!("DELETE FROM outbox WHERE participant_id = $1 AND status = 'pending'")
            .bind(participant_id)
            .execute(&mut **tx)
            .await?
            .rows_affected();
        q!("UPDATE outbox SET address = NULL, platform_message_id = NULL, last_error = NULL WHERE participant_id = $1")
            .bind(participant_id)
            .execute(&mut **tx)
            .await?;
        // Messages that name them or quote them: cancelled if pending,
        // scrubbed if sent. Their own messages are scrubbed too.
        let mut rows = vec![];
        for s in &secrets {
            let found = q!("SELECT id FROM outbox WHERE msg LIKE $1 ESCAPE '\\' OR last_error LIKE $1 ESCAPE '\\' OR address LIKE $1 ESCAPE '\\'")
                .bind(like_pattern(s))
                .fetch_all(&mut **tx)
                .await?;
            for r in found {
                let id: i64 = r.try_get(0)?;
                if !rows.contains(&id) {
                    rows.push(id);
                }
            }
        }
        for id in rows {
            let r = q!("SELECT status, msg, last_error, address FROM outbox WHERE id = $1")
                .bind(id)
                .fetch_one(&mut **tx)
                .await?;
            let status: String = r.try_get(0)?;
            let json: String = r.try_get(1)?;
            let error: Option<String> = r.try_get(2)?;
            let address: Option<String> = r.try_get(3)?;
            let mut msg: Msg = match serde_json::from_str(&json) {
                Ok(m) => m,
                Err(_) => Msg::new("forgotten"),
            };
            let named = scrub_msg(&mut msg, &secrets);
            let at_their_address = address.as_deref().is_some_and(|a| contains_any(a, &secrets));
            if status == "pending" && (named || at_their_address) {
                q!("DELETE FROM outbox WHERE id = $1")
                    .bind(id)
                    .execute(&mut **tx)
                    .await?;
                out.outbox_cancelled += 1;
                continue;
            }
            let error = error.filter(|e| !contains_any(e, &secrets));
            let address = address.filter(|_| !at_their_address);
            q!("UPDATE outbox SET msg = $1, last_error = $2, address = $3 WHERE id = $4")
                .bind(serde_json::to_string(&msg)?)
                .bind(error)
                .bind(address)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            out.outbox_scrubbed += 1;
        }

        // Flags: reasons that quote them go; with `delete`, their flags too.
        for s in &secrets {
            q!("UPDATE flags SET reason = NULL WHERE reason LIKE $1 ESCAPE '\\'")
                .bind(like_pattern(s))
                .execute(&mut **tx)
                .await?;
        }
        // A flag's note is the flagger's own words; notes naming them go too.
        q!("UPDATE flags SET note = NULL WHERE participant_id = $1")
            .bind(participant_id)
            .execute(&mut **tx)
            .await?;
        for s in &secrets {
            q!("UPDATE flags SET note = NULL WHERE note LIKE $1 ESCAPE '\\'")
                .bind(like_pattern(s))
                .execute(&mut **tx)
                .await?;
        }
        if policy == OnForget::Delete {
            for sql in [
                "DELETE FROM flags WHERE participant_id = $1",
                "DELETE FROM survey_answers WHERE participant_id = $1",
                "DELETE FROM survey_runs WHERE participant_id = $1",
                "DELETE FROM rsvps WHERE participant_id = $1",
                "DELETE FROM consents WHERE participant_id = $1",
            ] {
                q!(sql).bind(participant_id).execute(&mut **tx).await?;
            }
        }

        q!("UPDATE participants SET name = '-', contact = NULL, consent_share = 0, consent_given_at = NULL, forgotten_at = $1 WHERE id = $2")
            .bind(ms(now))
            .bind(participant_id)
            .execute(&mut **tx)
            .await?;
        self.clear_dialogue(tx, participant_id).await?;
        self.forget_broadcast_author(tx, participant_id).await?;
        self.forget_profile(tx, participant_id).await?;
        q!("DELETE FROM identities WHERE participant_id = $1")
            .bind(participant_id)
            .execute(&mut **tx)
            .await?;
        out.addresses = identities.into_iter().map(|(p, _, a)| (p, a)).collect();
        out.secrets = secrets;
        Ok(out)
    }

    /// Removes everything of a programme that concerns people: its
    /// participants and all that refers to them, pairs, outbox rows,
    /// answers, flags, invites. The programme and its events stay. With
    /// `dry_run` nothing changes. Returns (table, rows) in the order
    /// removed.
    pub async fn purge_programme(&self, programme_id: &str, dry_run: bool) -> Result<Vec<(&'static str, u64)>> {
        const PEOPLE: &str = "SELECT id FROM participants WHERE programme_id = $1";
        const PAIRS: &str = "SELECT id FROM pairs WHERE programme_id = $1";
        let steps: [(&'static str, String); 17] = [
            (
                "choices",
                "DELETE FROM choices WHERE EXISTS (SELECT 1 FROM identities i JOIN participants p ON p.id = i.participant_id
                  WHERE p.programme_id = $1 AND i.platform = choices.platform AND i.address = choices.address)"
                    .into(),
            ),
            (
                "registrations",
                "DELETE FROM registrations WHERE invite_code IN (SELECT code FROM invites WHERE programme_id = $1)".into(),
            ),
            (
                "outbox",
                format!("DELETE FROM outbox WHERE participant_id IN ({PEOPLE}) OR pair_id IN ({PAIRS})"),
            ),
            (
                "survey_answers",
                format!("DELETE FROM survey_answers WHERE participant_id IN ({PEOPLE}) OR pair_id IN ({PAIRS})"),
            ),
            (
                "survey_runs",
                format!("DELETE FROM survey_runs WHERE participant_id IN ({PEOPLE}) OR pair_id IN ({PAIRS})"),
            ),
            ("meetings", format!("DELETE FROM meetings WHERE pair_id IN ({PAIRS})")),
            (
                "rsvps",
                format!("DELETE FROM rsvps WHERE programme_id = $1 OR participant_id IN ({PEOPLE})"),
            ),
            (
                "flags",
                format!(
                    "DELETE FROM flags WHERE programme_id = $1 OR participant_id IN ({PEOPLE}) OR pair_id IN ({PAIRS})"
                ),
            ),
            ("consents", format!("DELETE FROM consents WHERE participant_id IN ({PEOPLE})")),
            ("dialogues", format!("DELETE FROM dialogues WHERE participant_id IN ({PEOPLE})")),
            ("profiles", format!("DELETE FROM profiles WHERE participant_id IN ({PEOPLE})")),
            ("match_decisions", "DELETE FROM match_decisions WHERE programme_id = $1".into()),
            ("pairs", "DELETE FROM pairs WHERE programme_id = $1".into()),
            ("identities", format!("DELETE FROM identities WHERE participant_id IN ({PEOPLE})")),
            ("participants", "DELETE FROM participants WHERE programme_id = $1".into()),
            ("invites", "DELETE FROM invites WHERE programme_id = $1".into()),
            // A coordinator's recurring broadcast holds what they wrote, as
            // a broadcast does; the file's schedules stay, as the file does.
            (
                "schedules",
                "DELETE FROM schedules WHERE programme_id = $1 AND by_coordinator = 1".into(),
            ),
        ];
        let mut tx = self.begin().await?;
        let mut out = vec![];
        for (table, sql) in steps {
            let n = q!(sql).bind(programme_id).execute(&mut *tx).await?.rows_affected();
            out.push((table, n));
        }
        out.push(("broadcasts", self.purge_broadcasts(&mut tx, programme_id).await?));
        if dry_run {
            tx.rollback().await?;
        } else {
            tx.commit().await?;
        }
        Ok(out)
    }

    /// Everything stored about a participant, for `/mydata`: profile,
    /// chat accounts, consents, pairs (with the goals they wrote),
    /// meetings, survey answers, RSVPs and flags they raised. Others'
    /// details are left out.
    pub async fn export(&self, participant_id: i64) -> Result<serde_json::Value> {
        use serde_json::{Value, json};
        let t = |v: Option<i64>| {
            v.map(|v| super::from_ms(v).to_rfc3339())
                .map_or(Value::Null, Value::from)
        };
        let pool = &self.pool;
        let p = q!("SELECT id, programme_id, role, name, lang, tz, contact, consent_share, consent_given_at, unreachable_at, created_at
                    FROM participants WHERE id = $1")
        .bind(participant_id)
        .fetch_one(pool)
        .await?;
        let role: String = p.try_get(2)?;
        let profile = json!({
            "id": p.try_get::<i64, _>(0)?,
            "programme": p.try_get::<String, _>(1)?,
            "role": role,
            "name": p.try_get::<String, _>(3)?,
            "language": p.try_get::<String, _>(4)?,
            "time_zone": p.try_get::<String, _>(5)?,
            "contact": p.try_get::<Option<String>, _>(6)?,
            "contact_shared_with_match": p.try_get::<i64, _>(7)? != 0,
            "consent_given_at": t(p.try_get(8)?),
            "unreachable_since": t(p.try_get(9)?),
            "registered_at": t(p.try_get(10)?),
        });
        let mut identities = vec![];
        for r in q!("SELECT platform, platform_user_id, created_at FROM identities WHERE participant_id = $1 ORDER BY created_at")
            .bind(participant_id)
            .fetch_all(pool)
            .await?
        {
            identities.push(json!({
                "platform": r.try_get::<String, _>(0)?,
                "user_id": r.try_get::<String, _>(1)?,
                "linked_at": t(r.try_get(2)?),
            }));
        }
        let mut consents = vec![];
        for r in q!("SELECT kind, version, given, at FROM consents WHERE participant_id = $1 ORDER BY id")
            .bind(participant_id)
            .fetch_all(pool)
            .await?
        {
            consents.push(json!({
                "kind": r.try_get::<String, _>(0)?,
                "version": r.try_get::<String, _>(1)?,
                "given": r.try_get::<i64, _>(2)? != 0,
                "at": t(r.try_get(3)?),
            }));
        }
        let mut pairs = vec![];
        let mut meetings = vec![];
        for r in q!("SELECT id, mentee_id, phase, status, state, created_at FROM pairs WHERE mentee_id = $1 OR mentor_id = $1 ORDER BY id")
            .bind(participant_id)
            .fetch_all(pool)
            .await?
        {
            let pair: i64 = r.try_get(0)?;
            let mentee = r.try_get::<i64, _>(1)? == participant_id;
            let state: Value = serde_json::from_str(&r.try_get::<String, _>(4)?).unwrap_or(Value::Null);
            let goals = if mentee {
                state["agreement"]["goals"].clone()
            } else {
                Value::Null
            };
            pairs.push(json!({
                "pair": pair,
                "your_role": if mentee { "mentee" } else { "mentor" },
                "phase": r.try_get::<String, _>(2)?,
                "status": r.try_get::<String, _>(3)?,
                "matched_at": t(r.try_get(5)?),
                "agreement_goals": goals,
            }));
            let col = if mentee { "mentee_rating" } else { "mentor_rating" };
            let sql = format!("SELECT number, held_at, held, {col} FROM meetings WHERE pair_id = $1 ORDER BY number");
            for m in q!(sql).bind(pair).fetch_all(pool).await? {
                meetings.push(json!({
                    "pair": pair,
                    "number": m.try_get::<i64, _>(0)?,
                    "at": t(m.try_get(1)?),
                    "held": m.try_get::<i64, _>(2)? != 0,
                    "your_rating": m.try_get::<Option<String>, _>(3)?,
                }));
            }
        }
        let mut answers = vec![];
        for r in q!("SELECT pair_id, survey, question, value, answered_at FROM survey_answers WHERE participant_id = $1 ORDER BY answered_at")
            .bind(participant_id)
            .fetch_all(pool)
            .await?
        {
            let value: String = r.try_get(3)?;
            answers.push(json!({
                "pair": r.try_get::<i64, _>(0)?,
                "survey": r.try_get::<String, _>(1)?,
                "question": r.try_get::<String, _>(2)?,
                "answer": serde_json::from_str::<Value>(&value).unwrap_or(Value::String(value)),
                "at": t(r.try_get(4)?),
            }));
        }
        let mut rsvps = vec![];
        for r in
            q!("SELECT event_id, going, answered_at, maybe FROM rsvps WHERE participant_id = $1 ORDER BY answered_at")
                .bind(participant_id)
                .fetch_all(pool)
                .await?
        {
            rsvps.push(json!({
                "event": r.try_get::<String, _>(0)?,
                "going": r.try_get::<i64, _>(1)? != 0,
                "maybe": r.try_get::<i64, _>(3)? != 0,
                "at": t(r.try_get(2)?),
            }));
        }
        let mut flags = vec![];
        for r in q!("SELECT kind, reason, created_at, resolved_at FROM flags WHERE participant_id = $1 AND kind = 'flag' ORDER BY id")
            .bind(participant_id)
            .fetch_all(pool)
            .await?
        {
            flags.push(json!({
                "kind": r.try_get::<String, _>(0)?,
                "reason": r.try_get::<Option<String>, _>(1)?,
                "at": t(r.try_get(2)?),
                "resolved_at": t(r.try_get(3)?),
            }));
        }
        Ok(json!({
            "profile": profile,
            "identities": identities,
            "consents": consents,
            "pairs": pairs,
            "meetings": meetings,
            "survey_answers": answers,
            "rsvps": rsvps,
            "flags": flags,
        }))
    }

    /// Records consent to share contact details with the match, given or
    /// withdrawn, with the version of the text and the time.
    pub async fn record_consent(
        &self,
        tx: &mut Tx,
        participant_id: i64,
        given: bool,
        version: &str,
        now: Ts,
    ) -> Result<()> {
        q!("INSERT INTO consents (participant_id, kind, version, given, at) VALUES ($1, 'share_contact', $2, $3, $4)")
            .bind(participant_id)
            .bind(version)
            .bind(given as i64)
            .bind(ms(now))
            .execute(&mut **tx)
            .await?;
        q!("UPDATE participants SET consent_share = $1, consent_given_at = $2 WHERE id = $3")
            .bind(given as i64)
            .bind(given.then(|| ms(now)))
            .bind(participant_id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// A last message to an address after its owner was forgotten: it
    /// keeps no recipient, and its address is erased once it is sent.
    pub async fn enqueue_farewell(
        &self,
        tx: &mut Tx,
        platform: &str,
        address: &str,
        lang: Lang,
        msg: &Msg,
        now: Ts,
    ) -> Result<()> {
        q!("INSERT INTO outbox (participant_id, pair_id, platform, address, lang, msg, not_before, created_at, erase_after_send)
            VALUES (NULL, NULL, $1, $2, $3, $4, $5, $5, 1)")
        .bind(platform)
        .bind(address)
        .bind(lang.code())
        .bind(serde_json::to_string(msg)?)
        .bind(ms(now))
        .execute(&mut **tx)
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_scrubbed_from_arguments_and_button_labels() {
        let mut m = Msg::new("x").str("mentee", "Amira").str("mentor", "Lars").row(vec![
            bot_core::message::Button::with_label(
                Msg::new("y").str("who", "amira"),
                bot_core::payload::Payload::Resume,
            ),
        ]);
        assert!(scrub_msg(&mut m, &["Amira".into()]));
        assert_eq!(m.get("mentee"), Some(&Arg::Str("-".into())));
        assert_eq!(m.get("mentor"), Some(&Arg::Str("Lars".into())));
        assert_eq!(m.buttons[0][0].label.get("who"), Some(&Arg::Str("-".into())));
        assert_eq!(like_pattern("50%_a\"b"), "%50\\%\\_a\\\\\"b%");
    }
}
