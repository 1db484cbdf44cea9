//! Invite links and registrations in progress.

use super::{Store, Tx, from_ms, ms, role_in};
use anyhow::Result;
use bot_core::{Role, Ts};
use sqlx::any::AnyRow;
use sqlx::{Any, Row};

/// An invite code as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InviteRow {
    pub code: String,
    pub programme_id: String,
    pub role: Role,
    /// The only platform it opens on (`None`: any).
    pub platform: Option<String>,
    pub created_at: Ts,
    pub expires_at: Option<Ts>,
    pub uses: i64,
    pub max_uses: Option<i64>,
    pub revoked_at: Option<Ts>,
}

fn invite_row(r: &AnyRow) -> Result<InviteRow> {
    let code: String = r.try_get(0)?;
    let role = role_in("invites", &code, "role", &r.try_get::<String, _>(2)?)?;
    Ok(InviteRow {
        programme_id: r.try_get(1)?,
        role,
        platform: r.try_get(3)?,
        created_at: from_ms(r.try_get(4)?),
        expires_at: r.try_get::<Option<i64>, _>(5)?.map(from_ms),
        uses: r.try_get(6)?,
        max_uses: r.try_get(7)?,
        revoked_at: r.try_get::<Option<i64>, _>(8)?.map(from_ms),
        code,
    })
}

impl Store {
    /// A new invite code with its limits.
    #[allow(clippy::too_many_arguments)]
    pub async fn create_invite(
        &self,
        code: &str,
        programme_id: &str,
        role: Role,
        expires_at: Ts,
        max_uses: i64,
        now: Ts,
    ) -> Result<()> {
        q!("INSERT INTO invites (code, programme_id, role, created_at, expires_at, max_uses) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(code)
            .bind(programme_id)
            .bind(role.code())
            .bind(ms(now))
            .bind(ms(expires_at))
            .bind(max_uses)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Makes (or remakes) a fixed code for a programme and role, bound to
    /// one platform, without expiry or use limit: the demo codes.
    pub async fn ensure_platform_invite(
        &self,
        code: &str,
        programme_id: &str,
        role: Role,
        platform: &str,
        now: Ts,
    ) -> Result<()> {
        q!(
            "INSERT INTO invites (code, programme_id, role, created_at, platform) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (code) DO UPDATE SET programme_id = excluded.programme_id, role = excluded.role,
                platform = excluded.platform, expires_at = NULL, max_uses = NULL, revoked_at = NULL"
        )
        .bind(code)
        .bind(programme_id)
        .bind(role.code())
        .bind(ms(now))
        .bind(platform)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Removes codes and the registrations under way on them. Returns how
    /// many codes were removed.
    pub async fn delete_invites(&self, codes: &[&str]) -> Result<u64> {
        let mut tx = self.begin().await?;
        let mut n = 0;
        for code in codes {
            q!("DELETE FROM registrations WHERE invite_code = $1")
                .bind(*code)
                .execute(&mut *tx)
                .await?;
            n += q!("DELETE FROM invites WHERE code = $1")
                .bind(*code)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
        tx.commit().await?;
        Ok(n)
    }

    /// An invite code as stored, revoked or not.
    pub async fn invite(&self, tx: &mut Tx, code: &str) -> Result<Option<InviteRow>> {
        let row = q!("SELECT code, programme_id, role, platform, created_at, expires_at, uses, max_uses, revoked_at FROM invites WHERE code = $1")
            .bind(code)
            .fetch_optional(&mut **tx)
            .await?;
        row.map(|r| invite_row(&r)).transpose()
    }

    /// Counts a finished registration on a code. Fails (so the transaction
    /// rolls back and the update is offered again) when another
    /// registration counted it meanwhile.
    pub async fn use_invite(&self, tx: &mut Tx, code: &str, uses_seen: i64) -> Result<()> {
        let n = q!("UPDATE invites SET uses = uses + 1 WHERE code = $1 AND uses = $2")
            .bind(code)
            .bind(uses_seen)
            .execute(&mut **tx)
            .await?
            .rows_affected();
        if n != 1 {
            anyhow::bail!("invite {code} was used by another registration meanwhile");
        }
        Ok(())
    }

    /// Invite codes, newest first (of one programme, or all).
    pub async fn invites(&self, programme_id: Option<&str>) -> Result<Vec<InviteRow>> {
        let rows = q!(
            "SELECT code, programme_id, role, platform, created_at, expires_at, uses, max_uses, revoked_at FROM invites
            WHERE $1 = '' OR programme_id = $2 ORDER BY created_at DESC, code"
        )
        .bind(programme_id.unwrap_or(""))
        .bind(programme_id.unwrap_or(""))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(invite_row).collect()
    }

    /// Revokes a code; false when there is no such code.
    pub async fn revoke_invite(&self, code: &str, now: Ts) -> Result<bool> {
        let n = q!("UPDATE invites SET revoked_at = COALESCE(revoked_at, $2) WHERE code = $1")
            .bind(code)
            .bind(ms(now))
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// A registration in progress: (invite code, state JSON).
    pub async fn registration(&self, tx: &mut Tx, platform: &str, user_id: &str) -> Result<Option<(String, String)>> {
        let row = q!("SELECT invite_code, state FROM registrations WHERE platform = $1 AND platform_user_id = $2")
            .bind(platform)
            .bind(user_id)
            .fetch_optional(&mut **tx)
            .await?;
        Ok(match row {
            Some(r) => Some((r.try_get(0)?, r.try_get(1)?)),
            None => None,
        })
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn save_registration(
        &self,
        tx: &mut Tx,
        platform: &str,
        user_id: &str,
        address: &str,
        code: &str,
        state: &str,
        now: Ts,
    ) -> Result<()> {
        q!("INSERT INTO registrations (platform, platform_user_id, address, invite_code, state, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (platform, platform_user_id) DO UPDATE SET address = excluded.address, invite_code = excluded.invite_code,
                state = excluded.state, updated_at = excluded.updated_at")
        .bind(platform)
        .bind(user_id)
        .bind(address)
        .bind(code)
        .bind(state)
        .bind(ms(now))
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    pub async fn delete_registration(&self, tx: &mut Tx, platform: &str, user_id: &str) -> Result<()> {
        q!("DELETE FROM registrations WHERE platform = $1 AND platform_user_id = $2")
            .bind(platform)
            .bind(user_id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}
