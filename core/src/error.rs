//! The one public error type, the core's internal error, and the one mapping between
//! them.
//!
//! Inside the core, functions return [`internal::Result`]: library errors (SQLite,
//! I/O) travel whole, converted with `#[from]`; failures that already have a public
//! form travel as [`internal::Error::Public`]. The API layer maps an internal error
//! onto [`RespiteError`] once (`From<internal::Error>`), with fixed wording: library
//! error texts could quote SQL, paths or values and never cross the FFI. User content
//! and key material never appear in an error.

/// What went wrong, as shells and the CLI see it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum RespiteError {
    /// The passphrase, recovery code or device key does not open this vault.
    #[error("that passphrase or code does not open this vault")]
    WrongSecret,
    /// The vault is locked: unlock it before reading or writing.
    #[error("the vault is locked")]
    Locked,
    /// Stored data failed authentication or is damaged (tampered, truncated, corrupt).
    #[error("integrity check failed: {detail}")]
    Integrity { detail: String },
    /// The named thing does not exist.
    #[error("not found: {what}")]
    NotFound { what: String },
    /// A value from the caller was refused; nothing was written.
    #[error("invalid {field}: {reason}")]
    InvalidInput { field: String, reason: String },
    /// The file exists but is not a Respite vault.
    #[error("this file is not a Respite vault")]
    NotAVault,
    /// The vault was written by a newer version of Respite.
    #[error(
        "this vault uses format {found}; this version of Respite reads formats up to {supported}"
    )]
    UnsupportedFormat { found: u32, supported: u32 },
    /// A vault already exists at that path; it was left untouched.
    #[error("a file already exists at that path")]
    AlreadyExists,
    /// The last key slot cannot be removed: the vault would become unopenable.
    #[error("the last way to unlock the vault cannot be removed")]
    LastKeySlot,
    /// The platform key store (Keystore, Keychain) failed or the user cancelled.
    #[error("device key store: {reason}")]
    DeviceKey { reason: String },
    /// The storage layer failed (disk full, read-only file, I/O error).
    #[error("storage error: {detail}")]
    Storage { detail: String },
    /// Something inside Respite failed that is not storage (the system's random
    /// generator, encoding a record); nothing was written.
    #[error("internal error: {detail}")]
    Internal { detail: String },
}

/// The result of an exported call.
pub type Result<T, E = RespiteError> = std::result::Result<T, E>;

/// Errors inside the core: a failure already in its public form, or a library error
/// kept whole until the API edge maps it (once, with `From<Error> for RespiteError`).
pub(crate) mod internal {
    use super::RespiteError;

    /// A failure inside the core.
    #[derive(Debug, thiserror::Error)]
    pub(crate) enum Error {
        /// A failure in its public form (wrong input, damage, locked, …).
        #[error(transparent)]
        Public(#[from] RespiteError),
        /// SQLite failed.
        #[error("SQLite: {0}")]
        Sqlite(#[from] rusqlite::Error),
        /// A file could not be read or written.
        #[error("I/O: {0}")]
        Io(#[from] std::io::Error),
    }

    /// The result of a call inside the core.
    pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;

    impl Error {
        /// The public form of this error, when it already has one.
        pub(crate) fn public(&self) -> Option<&RespiteError> {
            match self {
                Error::Public(err) => Some(err),
                _ => None,
            }
        }
    }
}

impl From<internal::Error> for RespiteError {
    fn from(err: internal::Error) -> Self {
        match err {
            internal::Error::Public(err) => err,
            internal::Error::Sqlite(err) => RespiteError::from(err),
            internal::Error::Io(err) => RespiteError::from(err),
        }
    }
}

impl RespiteError {
    /// An [`RespiteError::InvalidInput`] for `field` with a fixed reason.
    pub(crate) fn invalid(field: &str, reason: impl Into<String>) -> Self {
        RespiteError::InvalidInput {
            field: field.to_owned(),
            reason: reason.into(),
        }
    }

    /// An [`RespiteError::Internal`] with a fixed description.
    pub(crate) fn internal(detail: &str) -> Self {
        RespiteError::Internal {
            detail: detail.to_owned(),
        }
    }

    /// An [`RespiteError::Integrity`] with a fixed description.
    pub(crate) fn integrity(detail: impl Into<String>) -> Self {
        RespiteError::Integrity {
            detail: detail.into(),
        }
    }
}

impl From<rusqlite::Error> for RespiteError {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        let code = match &err {
            rusqlite::Error::SqliteFailure(e, _) => Some(e.code),
            // Stored values of the wrong type can only come from a damaged file.
            rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::IntegralValueOutOfRange(..)
            | rusqlite::Error::Utf8Error(..) => Some(ErrorCode::DatabaseCorrupt),
            _ => None,
        };
        let detail = match code {
            Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase) => {
                return RespiteError::integrity("the vault file is damaged");
            }
            Some(ErrorCode::DiskFull) => "the disk is full",
            Some(ErrorCode::ReadOnly) => "the vault file is read-only",
            Some(ErrorCode::PermissionDenied) | Some(ErrorCode::CannotOpen) => {
                "the vault file cannot be opened (check the path and permissions)"
            }
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
                "the vault is busy in another process"
            }
            Some(ErrorCode::SystemIoFailure) => "an I/O error occurred",
            Some(ErrorCode::TooBig) => "a value is too large to store",
            Some(ErrorCode::ConstraintViolation) => "a storage constraint was violated",
            _ => "the database reported an unexpected error",
        };
        RespiteError::Storage {
            detail: detail.to_owned(),
        }
    }
}

impl From<std::io::Error> for RespiteError {
    fn from(err: std::io::Error) -> Self {
        let detail = match err.kind() {
            std::io::ErrorKind::NotFound => "a file was not found",
            std::io::ErrorKind::PermissionDenied => "permission denied",
            std::io::ErrorKind::StorageFull => "the disk is full",
            std::io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only",
            _ => "an I/O error occurred",
        };
        RespiteError::Storage {
            detail: detail.to_owned(),
        }
    }
}

impl From<uniffi::UnexpectedUniFFICallbackError> for RespiteError {
    fn from(_: uniffi::UnexpectedUniFFICallbackError) -> Self {
        RespiteError::DeviceKey {
            reason: "the platform key store failed unexpectedly".to_owned(),
        }
    }
}
