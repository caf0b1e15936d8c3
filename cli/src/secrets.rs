//! Where secrets come from: environment variables or a hidden terminal prompt, never
//! command-line arguments (they are visible to other users and kept in shell history).

use respite_core::{CurrentSecret, RespiteError, Vault};
use std::env;

use crate::error::CliError;

const PASSPHRASE: &str = "RESPITE_PASSPHRASE";
const NEW_PASSPHRASE: &str = "RESPITE_NEW_PASSPHRASE";
const RECOVERY_CODE: &str = "RESPITE_RECOVERY_CODE";
const BACKUP_PASSPHRASE: &str = "RESPITE_BACKUP_PASSPHRASE";

/// The passphrase of a backup: RESPITE_BACKUP_PASSPHRASE, else a prompt (twice for a
/// new backup).
pub fn backup_passphrase(new: bool) -> Result<String, CliError> {
    if let Ok(passphrase) = env::var(BACKUP_PASSPHRASE) {
        return Ok(passphrase);
    }
    if !new {
        return prompt("Backup passphrase: ", BACKUP_PASSPHRASE);
    }
    let first = prompt("Backup passphrase: ", BACKUP_PASSPHRASE)?;
    let second = prompt("The same backup passphrase again: ", BACKUP_PASSPHRASE)?;
    if first != second {
        return Err(CliError::Usage(
            "the two passphrases differ; no backup was written".into(),
        ));
    }
    Ok(first)
}

/// Unlocks `vault` with RESPITE_PASSPHRASE, else RESPITE_RECOVERY_CODE, else a prompt
/// (for the recovery code when `prompt_for_code`).
pub fn unlock(vault: &Vault, prompt_for_code: bool) -> Result<(), CliError> {
    if unlock_from_env(vault)? {
        return Ok(());
    }
    if prompt_for_code {
        let code = prompt("Recovery code: ", RECOVERY_CODE)?;
        with_code(vault, code)
    } else {
        let passphrase = prompt("Passphrase: ", PASSPHRASE)?;
        Ok(vault.unlock_with_passphrase(passphrase)?)
    }
}

/// Unlocks `vault` with a recovery code: one that cannot be a code is a wrong secret
/// too (exit code 3), decided here by the call, not by the error's wording.
fn with_code(vault: &Vault, code: String) -> Result<(), CliError> {
    vault
        .unlock_with_recovery_code(code)
        .map_err(|err| match err {
            RespiteError::InvalidInput { .. } => CliError::MalformedCode(err),
            other => CliError::Core(other),
        })
}

/// Unlocks `vault` with RESPITE_PASSPHRASE, else RESPITE_RECOVERY_CODE, never asking;
/// `false` when neither is set.
pub fn unlock_from_env(vault: &Vault) -> Result<bool, CliError> {
    if let Ok(passphrase) = env::var(PASSPHRASE) {
        vault.unlock_with_passphrase(passphrase)?;
    } else if let Ok(code) = env::var(RECOVERY_CODE) {
        with_code(vault, code)?;
    } else {
        return Ok(false);
    }
    Ok(true)
}

/// The current secret, asked for again before the ways to unlock change:
/// RESPITE_PASSPHRASE, else RESPITE_RECOVERY_CODE, else a prompt for the passphrase.
pub fn current() -> Result<CurrentSecret, CliError> {
    if let Ok(passphrase) = env::var(PASSPHRASE) {
        return Ok(CurrentSecret::Passphrase { passphrase });
    }
    if let Ok(code) = env::var(RECOVERY_CODE) {
        return Ok(CurrentSecret::RecoveryCode { code });
    }
    let passphrase = prompt("Current passphrase, to confirm: ", PASSPHRASE)?;
    Ok(CurrentSecret::Passphrase { passphrase })
}

/// The passphrase for a new vault: RESPITE_PASSPHRASE, else RESPITE_NEW_PASSPHRASE,
/// else typed twice at a prompt.
pub fn passphrase_for_new_vault() -> Result<String, CliError> {
    match env::var(PASSPHRASE).or_else(|_| env::var(NEW_PASSPHRASE)) {
        Ok(passphrase) => Ok(passphrase),
        Err(_) => prompt_twice(PASSPHRASE),
    }
}

/// A replacement passphrase: RESPITE_NEW_PASSPHRASE, else typed twice at a prompt.
pub fn new_passphrase() -> Result<String, CliError> {
    match env::var(NEW_PASSPHRASE) {
        Ok(passphrase) => Ok(passphrase),
        Err(_) => prompt_twice(NEW_PASSPHRASE),
    }
}

fn prompt_twice(variable: &str) -> Result<String, CliError> {
    let first = prompt("New passphrase: ", variable)?;
    let second = prompt("The same passphrase again: ", variable)?;
    if first != second {
        return Err(CliError::Usage(
            "the two passphrases differ; nothing was changed".into(),
        ));
    }
    Ok(first)
}

fn prompt(label: &str, variable: &str) -> Result<String, CliError> {
    rpassword::prompt_password(label).map_err(|_| {
        CliError::Usage(format!(
            "no terminal to ask for a secret: set {variable} in the environment"
        ))
    })
}
