//! The store: the SQLite connection and its schema, sealed rows, settings and the
//! key slots' rows.

pub(crate) mod connection;
pub(crate) mod sealed;
pub(crate) mod settings;
