//! What the plan editor shows before a save: what would change, in words.

use crate::content::wording::{self, param};
use crate::error::internal::Result;
use crate::plan::revisions;
use crate::plan::{Plan, PlanChange};
use crate::store::Store;

/// What saving a plan would do.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PlanSave {
    /// What would change from the current revision, section by section.
    pub changes: Vec<PlanChange>,
    /// Whether there is anything to save.
    pub can_save: bool,
    /// "1 change to save.", "3 changes to save." or "No changes to save."
    pub summary: String,
}

/// What saving `draft` would do.
pub(crate) fn plan_save(store: &Store, draft: Plan) -> Result<PlanSave> {
    let changes = revisions::pending_changes(store, draft)?;
    let summary = match changes.len() {
        0 => wording::text("plan.no-changes").to_owned(),
        1 => wording::text("plan.one-change").to_owned(),
        n => wording::fill("plan.changes", &[param("count", n)]),
    };
    Ok(PlanSave {
        can_save: !changes.is_empty(),
        changes,
        summary,
    })
}
