//! When the apps lock the vault after leaving the screen: the chosen timeout, and a
//! longer wait while the person is in a system screen the app handed them to.

use crate::time::Timestamp;

/// The longest wait, in seconds, for the person to come back from a system screen
/// (the file picker, the share sheet).
pub(crate) const HAND_OFF_SECONDS: u32 = 600;

/// The auto-lock's state: the timeout, when the app left the screen, and whether it
/// handed the person to a system screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AutoLockState {
    pub(crate) timeout_seconds: u32,
    background_since: Option<Timestamp>,
    handed_off: bool,
}

impl AutoLockState {
    /// Locks after `timeout_seconds` in the background (0: at once).
    pub(crate) fn new(timeout_seconds: u32) -> Self {
        AutoLockState {
            timeout_seconds,
            background_since: None,
            handed_off: false,
        }
    }

    /// The app hands the person to a system screen it expects them back from: the next
    /// time away may last up to [`HAND_OFF_SECONDS`], so an import is not dropped and
    /// a shared file is not deleted under the app receiving it.
    pub(crate) fn hand_off(&mut self) {
        self.handed_off = true;
    }

    /// How long the app may stay in the background before the vault locks.
    pub(crate) fn lock_after_seconds(&self) -> u32 {
        if self.handed_off {
            self.timeout_seconds.max(HAND_OFF_SECONDS)
        } else {
            self.timeout_seconds
        }
    }

    /// The app left the screen at `at`.
    pub(crate) fn on_background(&mut self, at: Timestamp) {
        self.background_since = Some(at);
    }

    /// The app came back at `at`: whether the vault must be locked first. The hand-off
    /// is used up either way; a clock set back counts as no time away.
    pub(crate) fn on_foreground(&mut self, at: Timestamp) -> bool {
        let Some(since) = self.background_since.take() else {
            return false;
        };
        let limit = i64::from(self.lock_after_seconds());
        self.handed_off = false;
        (at - since).num_seconds() >= limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone, Utc};

    #[test]
    fn locks_after_the_timeout_and_waits_once_after_a_hand_off() {
        let t = Utc.with_ymd_and_hms(2026, 5, 4, 10, 0, 0).unwrap();
        let mut lock = AutoLockState::new(60);
        assert!(!lock.on_foreground(t), "never left");
        lock.on_background(t);
        assert!(!lock.on_foreground(t + Duration::seconds(59)));
        lock.on_background(t);
        assert!(lock.on_foreground(t + Duration::seconds(60)));
        lock.hand_off();
        assert_eq!(lock.lock_after_seconds(), HAND_OFF_SECONDS);
        lock.on_background(t);
        assert!(!lock.on_foreground(t + Duration::seconds(300)));
        assert_eq!(lock.lock_after_seconds(), 60, "only once");
        lock.on_background(t);
        assert!(lock.on_foreground(t + Duration::seconds(61)));
        lock.on_background(t);
        assert!(
            !lock.on_foreground(t - Duration::seconds(3_600)),
            "a clock set back"
        );
    }

    #[test]
    fn a_long_timeout_is_not_shortened_by_a_hand_off_and_zero_locks_at_once() {
        let t = Utc.with_ymd_and_hms(2026, 5, 4, 10, 0, 0).unwrap();
        let mut long = AutoLockState::new(900);
        long.hand_off();
        assert_eq!(long.lock_after_seconds(), 900);
        let mut now = AutoLockState::new(0);
        now.on_background(t);
        assert!(now.on_foreground(t));
    }
}
