//! A plan text being written that could not be saved yet (it has a problem to fix),
//! kept sealed in the vault instead of in a plaintext file, so that nothing typed is
//! lost and nothing is left behind on disk.

use serde::{Deserialize, Serialize};

use crate::error::internal::Result;
use crate::store::{settings, Store};
use crate::validate;

#[derive(Default, Serialize, Deserialize)]
struct Draft {
    text: Option<String>,
}

/// The kept draft, if any.
pub(crate) fn get(store: &Store) -> Result<Option<String>> {
    let keys = store.keys()?;
    let draft: Option<Draft> = settings::load_group(&store.conn(), &keys, settings::PLAN_DRAFT)?;
    Ok(draft.and_then(|d| d.text))
}

/// Keeps `text` (replacing an earlier draft); an empty text clears it.
pub(crate) fn keep(store: &Store, text: String) -> Result<()> {
    let text = validate::long_text("text", text)?;
    let keys = store.keys()?;
    let draft = Draft {
        text: (!text.trim().is_empty()).then_some(text),
    };
    settings::save_group(&store.conn(), &keys, settings::PLAN_DRAFT, &draft)
}
