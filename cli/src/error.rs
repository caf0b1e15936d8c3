//! The error every command returns, and the exit code it maps to.

use respite_core::RespiteError;

/// A failure of a command, carrying its exit code.
#[derive(Debug)]
pub enum CliError {
    /// An error from the core.
    Core(RespiteError),
    /// The command line or its input was wrong (exit code 2).
    Usage(String),
    /// Anything else (exit code 1).
    Other(String),
    /// The privacy check found something (exit code 5); the report was printed.
    Findings,
    /// A recovery code that cannot be one (exit code 3, like a wrong one).
    MalformedCode(RespiteError),
}

impl From<RespiteError> for CliError {
    fn from(err: RespiteError) -> Self {
        CliError::Core(err)
    }
}

impl CliError {
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            CliError::Core(RespiteError::WrongSecret) | CliError::MalformedCode(_) => 3,
            CliError::Core(
                RespiteError::Integrity { .. }
                | RespiteError::NotAVault
                | RespiteError::UnsupportedFormat { .. },
            ) => 4,
            CliError::Usage(_) => 2,
            CliError::Findings => 5,
            _ => 1,
        }
    }

    pub(crate) fn message(&self) -> String {
        match self {
            CliError::Core(err) | CliError::MalformedCode(err) => err.to_string(),
            CliError::Usage(msg) | CliError::Other(msg) => msg.clone(),
            CliError::Findings => String::new(),
        }
    }
}
