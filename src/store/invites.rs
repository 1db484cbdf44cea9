//! Invite links and registrations in progress.

use super::{Store, Tx, ms, role_in};
use anyhow::Result;
use bot_core::{Role, Ts};
use sqlx::{Any, Row};

impl Store {
    pub async fn create_invite(&self, code: &str, programme_id: &str, role: Role, now: Ts) -> Result<()> {
        q!("INSERT INTO invites (code, programme_id, role, created_at) VALUES ($1, $2, $3, $4)")
            .bind(code)
            .bind(programme_id)
            .bind(role.code())
            .bind(ms(now))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Makes an invite with a fixed code unless it exists.
    pub async fn ensure_invite(&self, code: &str, programme_id: &str, role: Role, now: Ts) -> Result<()> {
        q!("INSERT INTO invites (code, programme_id, role, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
            .bind(code)
            .bind(programme_id)
            .bind(role.code())
            .bind(ms(now))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// (programme, role) of a valid invite.
    pub async fn invite(&self, tx: &mut Tx, code: &str) -> Result<Option<(String, Role)>> {
        let row = q!("SELECT programme_id, role FROM invites WHERE code = $1 AND revoked_at IS NULL")
            .bind(code)
            .fetch_optional(&mut **tx)
            .await?;
        Ok(match row {
            Some(r) => Some((
                r.try_get(0)?,
                role_in("invites", code, "role", &r.try_get::<String, _>(1)?)?,
            )),
            None => None,
        })
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
