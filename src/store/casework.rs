//! Casework over time in the store: casus moments (a resident's netwerkcirkel frozen on a
//! day) and referrals (doorverwijzingen). A moment is appended like an audit row, so a
//! casus export that opens the wijk as a reader (`OpenMode::Reader`) stores one; a
//! referral is an edit, one undo step (`Change::Refer`).

use super::{Action, Change, Store, audit, rows};
use crate::error::StoreError;
use crate::model::casework::{Moment, Referral, ReferralStatus};
use crate::model::{Date, NodeId};

impl Store {
    /// Stores `moment` (its `id` is ignored) and confirms each of its relations on its day
    /// (a casus moment says they held then); one transaction with an audit row `moment`
    /// (entity the resident). Returns its number.
    pub fn record_moment(&mut self, moment: &Moment) -> Result<i64, StoreError> {
        if self.read_only && !self.may_log {
            return Err(StoreError::ReadOnly(self.path.clone()));
        }
        self.transaction(|tx, user| {
            if rows::node_by_id(tx, &moment.ego)?.is_none() {
                return Err(StoreError::UnknownNode(moment.ego.to_string()));
            }
            let id = rows::insert_moment(tx, moment)?;
            let day = moment.day.to_string();
            let mut confirm = tx.prepare_cached(
                "UPDATE relations SET confirmed = ?2 \
                 WHERE id = ?1 AND (confirmed IS NULL OR confirmed < ?2)",
            )?;
            for tie in &moment.ties {
                confirm.execute(rusqlite::params![tie.relation.id, day])?;
            }
            audit::log(
                tx,
                user,
                Action::Moment,
                Some(&moment.ego),
                None::<&()>,
                Some(&serde_json::json!({
                    "moment": id,
                    "day": day,
                    "scheme": moment.scheme.as_str(),
                    "source": moment.source.as_str(),
                    "contacts": moment.contacts(),
                })),
            )?;
            Ok(id)
        })
    }

    /// The moments of resident `ego`, the newest first.
    pub fn moments_of(&self, ego: &str) -> Result<Vec<Moment>, StoreError> {
        rows::moments(&self.conn, Some(ego)).map_err(|e| self.sqlite(e))
    }

    /// Every moment in the wijk, the newest first.
    pub fn all_moments(&self) -> Result<Vec<Moment>, StoreError> {
        rows::moments(&self.conn, None).map_err(|e| self.sqlite(e))
    }

    /// One moment by its number.
    pub fn moment(&self, id: i64) -> Result<Option<Moment>, StoreError> {
        Ok(self.all_moments()?.into_iter().find(|m| m.id == id))
    }

    /// Removes a moment (logged `delete_moment`, with its resident and day).
    pub fn delete_moment(&mut self, id: i64) -> Result<(), StoreError> {
        let Some(moment) = self.moment(id)? else {
            return Err(StoreError::UnknownMoment(id));
        };
        self.write(|tx, user| {
            tx.execute("DELETE FROM moment_ties WHERE moment = ?1", [id])?;
            tx.execute("DELETE FROM moments WHERE id = ?1", [id])?;
            audit::log(
                tx,
                user,
                Action::DeleteMoment,
                Some(&moment.ego),
                Some(&serde_json::json!({"moment": id, "day": moment.day.to_string()})),
                None::<&()>,
            )?;
            Ok(())
        })
    }

    /// Stores a new referral as one undo step; its `by` becomes the store's user. Both
    /// ends must be in the wijk.
    pub fn refer(&mut self, referral: Referral) -> Result<Referral, StoreError> {
        let name = self.referral_name(&referral.resident, &referral.target)?;
        self.write_step(Change::Refer, &name, |tx, user| {
            for end in [&referral.resident, &referral.target] {
                if rows::node_by_id(tx, end)?.is_none() {
                    return Err(StoreError::UnknownNode(end.to_string()));
                }
            }
            let referral = Referral {
                by: user.to_owned(),
                ..referral
            };
            rows::set_referral(tx, &referral.id, Some(&referral))?;
            audit::log(
                tx,
                user,
                Action::Change(Change::Refer),
                Some(&referral.id),
                None::<&()>,
                Some(&referral),
            )?;
            Ok(referral)
        })
    }

    /// Sets how a referral went, on `day`; an outcome (gestart, gestopt) leaves nothing to
    /// follow up, voorgesteld again asks four weeks on. `note`, when given, replaces the
    /// note. One undo step.
    pub fn set_referral_status(
        &mut self,
        id: &str,
        status: ReferralStatus,
        day: Date,
        note: Option<String>,
    ) -> Result<Referral, StoreError> {
        let Some(before) = rows::referral_by_id(&self.conn, id).map_err(|e| self.sqlite(e))? else {
            return Err(StoreError::UnknownReferral(id.to_owned()));
        };
        let name = self.referral_name(&before.resident, &before.target)?;
        self.write_step(Change::Refer, &name, |tx, user| {
            let mut after = before.clone();
            after.status = status;
            after.status_day = Some(day);
            after.follow_up = match status {
                ReferralStatus::Proposed => {
                    Referral::new(
                        before.resident.clone(),
                        before.target.clone(),
                        day,
                        &before.by,
                    )
                    .follow_up
                }
                ReferralStatus::Started | ReferralStatus::Stopped => None,
            };
            if let Some(note) = note {
                after.note = Some(note).filter(|n| !n.trim().is_empty());
            }
            rows::set_referral(tx, id, Some(&after))?;
            audit::log(
                tx,
                user,
                Action::Change(Change::Refer),
                Some(id),
                Some(&before),
                Some(&after),
            )?;
            Ok(after)
        })
    }

    /// The referrals of `resident` (every one with `None`), the newest first.
    pub fn referrals(&self, resident: Option<&str>) -> Result<Vec<Referral>, StoreError> {
        rows::referrals(&self.conn, resident).map_err(|e| self.sqlite(e))
    }

    /// One referral by id.
    pub fn referral(&self, id: &str) -> Result<Option<Referral>, StoreError> {
        rows::referral_by_id(&self.conn, id).map_err(|e| self.sqlite(e))
    }

    /// The undo step's name: "Fatima - Taalcafe" (as a relation's; the app's font has no arrow).
    fn referral_name(&self, resident: &NodeId, target: &NodeId) -> Result<String, StoreError> {
        let name = |id: &NodeId| -> Result<String, StoreError> {
            Ok(self.node(id)?.map_or_else(|| id.to_string(), |n| n.name))
        };
        Ok(format!("{} - {}", name(resident)?, name(target)?))
    }
}
