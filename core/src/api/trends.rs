//! The trends' facade: series, insights, the weekly review and the dashboard.

use std::sync::Arc;

use super::session::Session;
use crate::error::Result;
use crate::trends::dashboard::{self, ActivationChange, Dashboard, OnThisDay, WeeklyReview};
use crate::trends::insights::Insight;
use crate::trends::{MetricSeries, ZoneSummary};

/// Personal trends and honest insights.
#[derive(uniffi::Object)]
pub struct Trends {
    session: Arc<Session>,
}

impl Trends {
    pub(crate) fn new(session: Arc<Session>) -> Self {
        Trends { session }
    }
}

#[uniffi::export]
impl Trends {
    /// Every charted metric day by day and week by week over `from_day..=to_day` (at
    /// most about two years), with rolling means, the personal baseline, its scale and
    /// which way is better. The window starts at the first record when that is later
    /// (at least a week), so a short history is not squeezed into a long chart. The
    /// stress zone is not charted: see [`Trends::zone_summary`].
    pub fn series(&self, from_day: String, to_day: String) -> Result<Vec<MetricSeries>> {
        Ok(dashboard::series(&self.session.store, from_day, to_day)?)
    }

    /// How days spread over the stress zones in `from_day..=to_day`, as counts and in
    /// words (each day in its hardest zone), never as a mean.
    pub fn zone_summary(&self, from_day: String, to_day: String) -> Result<ZoneSummary> {
        Ok(dashboard::zone_summary(
            &self.session.store,
            from_day,
            to_day,
        )?)
    }

    /// Activation before and after a regulation practice in `from_day..=to_day`, from
    /// reflections that rate both; `None` with fewer than three.
    pub fn activation_change(
        &self,
        from_day: String,
        to_day: String,
    ) -> Result<Option<ActivationChange>> {
        Ok(dashboard::activation_change(
            &self.session.store,
            from_day,
            to_day,
        )?)
    }

    /// The insights the last year of records supports on `today` (`YYYY-MM-DD`).
    pub fn insights(&self, today: String) -> Result<Vec<Insight>> {
        Ok(dashboard::insights(&self.session.store, today)?)
    }

    /// The review of the week starting on Monday `week_start`, counted up to `today`
    /// when the week is still going.
    pub fn weekly_review(&self, week_start: String, today: String) -> Result<WeeklyReview> {
        Ok(dashboard::weekly_review(
            &self.session.store,
            week_start,
            today,
        )?)
    }

    /// Journal entries from the same date in the 11 months and 10 years before `today`,
    /// what went well first and heavy ones left out. Call it when the person asks;
    /// the dashboard includes it only when `Settings::on_this_day` is on.
    pub fn on_this_day(&self, today: String) -> Result<Vec<OnThisDay>> {
        Ok(dashboard::on_this_day(&self.session.store, today)?)
    }

    /// The whole trends screen for `today`: every series for the last 90 days and the
    /// last year, stress zones, insights, this week's review and "on this day".
    pub fn dashboard(&self, today: String) -> Result<Dashboard> {
        Ok(dashboard::dashboard(&self.session.store, today)?)
    }
}
