//! Data exchange: encrypted backups, imports from Respite, Daylio and Day One, and
//! plaintext exports, with the file formats they read and write.

pub(crate) mod backup;
pub(crate) mod backup_file;
pub(crate) mod csv;
pub(crate) mod daylio;
pub(crate) mod dayone;
pub(crate) mod export;
pub(crate) mod import;
pub(crate) mod zip;
