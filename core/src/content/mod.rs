//! Content: the catalogue of words a person picks from, and (per language) the
//! wording that the other layers show.

pub(crate) mod catalogue;
