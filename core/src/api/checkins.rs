//! The check-ins' facade.

use std::sync::Arc;

use super::session::Session;
use crate::checkins::{self, CheckIn, CheckInData, CheckInPage};
use crate::error::Result;

/// Mood and recovery check-ins, sealed at rest.
#[derive(uniffi::Object)]
pub struct CheckIns {
    session: Arc<Session>,
}

impl CheckIns {
    pub(crate) fn new(session: Arc<Session>) -> Self {
        CheckIns { session }
    }
}

#[uniffi::export]
impl CheckIns {
    /// Records a check-in and returns it.
    pub fn add(&self, data: CheckInData) -> Result<CheckIn> {
        let checkin = checkins::add(&self.session.store, data)?;
        self.session.search.put_checkin(&checkin);
        Ok(checkin)
    }

    /// A check-in by id.
    pub fn get(&self, id: String) -> Result<CheckIn> {
        Ok(checkins::get(&self.session.store, id)?)
    }

    /// Check-ins on local days `from_day..=to_day` (`YYYY-MM-DD`, each optional),
    /// newest first. `limit` is between 1 and 1,000.
    pub fn list(
        &self,
        from_day: Option<String>,
        to_day: Option<String>,
        offset: u32,
        limit: u32,
    ) -> Result<CheckInPage> {
        Ok(checkins::list(
            &self.session.store,
            from_day,
            to_day,
            offset,
            limit,
        )?)
    }

    /// How many check-ins there are.
    pub fn count(&self) -> Result<u64> {
        Ok(checkins::count(&self.session.store)?)
    }

    /// Replaces a check-in's data (a correction), raising its revision.
    pub fn update(&self, id: String, data: CheckInData) -> Result<CheckIn> {
        let checkin = checkins::update(&self.session.store, id, data)?;
        self.session.search.put_checkin(&checkin);
        Ok(checkin)
    }

    /// Deletes a check-in for good.
    pub fn delete(&self, id: String) -> Result<()> {
        checkins::delete(&self.session.store, &id)?;
        self.session.search.remove(&id);
        Ok(())
    }
}
