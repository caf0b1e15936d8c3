import Foundation
import RespiteCore
import SwiftUI
import UIKit

/// What the unlock screen shows.
enum UnlockState {
    /// No vault yet: offer to create one.
    case noVault(error: String?)
    /// Locked: offer the ways this vault can be unlocked.
    case locked(canUseDevice: Bool, canUseRecoveryCode: Bool, error: String?)
    /// Open.
    case unlocked(Vault)
}

/// The vault of this app and whether it is open; auto-lock after the chosen time away.
/// Calls into the core run off the main thread (key derivation and Face ID take a moment).
@MainActor
final class Session: ObservableObject {
    @Published private(set) var state: UnlockState = .noVault(error: nil)
    @Published private(set) var busy = false
    /// A recovery code to show once.
    @Published var recoveryCodeToShow: String?
    /// Set when the vault opened read-only because its integrity check found problems.
    @Published private(set) var integrityWarning: String?
    /// Seconds in the background before the vault locks (0: at once).
    @Published var lockTimeout: TimeInterval {
        didSet {
            UserDefaults.standard.set(lockTimeout, forKey: "lockTimeout")
            autoLock.setTimeoutSeconds(seconds: UInt32(max(0, lockTimeout)))
        }
    }

    /// The Secure Enclave key store, on devices with one and with biometrics set up.
    let deviceStore = SecureEnclaveDeviceKeyStore.ifAvailable()
    private var vault: Vault?
    private let path: String
    /// When to lock after leaving the screen: the core's rule, with its wait for a system screen.
    private let autoLock: AutoLock
    private var pendingLock: Task<Void, Never>?
    private var backgroundTask: UIBackgroundTaskIdentifier = .invalid

    init() {
        let timeout = UserDefaults.standard.object(forKey: "lockTimeout") as? TimeInterval ?? 60
        lockTimeout = timeout
        autoLock = AutoLock(timeoutSeconds: UInt32(max(0, timeout)))
        path = Session.vaultDirectory().appendingPathComponent("respite.vault").path
        reload()
    }

    /// The vault's folder: out of iCloud and iTunes backups, and encrypted by iOS
    /// whenever the phone is locked and the file is not open.
    private static func vaultDirectory() -> URL {
        let support = FileManager.default.urls(for: .applicationSupportDirectory, in: .userDomainMask)[0]
        var dir = support.appendingPathComponent("Vault", isDirectory: true)
        try? FileManager.default.createDirectory(
            at: dir, withIntermediateDirectories: true,
            attributes: [.protectionKey: FileProtectionType.completeUnlessOpen])
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try? dir.setResourceValues(values)
        return dir
    }

    private func reload() {
        guard FileManager.default.fileExists(atPath: path) else {
            state = .noVault(error: nil)
            return
        }
        do {
            let v = try Vault.open(path: path)
            vault = v
            state = locked(v, error: nil)
        } catch {
            state = .noVault(error: Messages.forError(error))
        }
    }

    private func locked(_ v: Vault, error: String?) -> UnlockState {
        let kinds = ((try? v.keySlots()) ?? []).map(\.kind)
        return .locked(
            canUseDevice: deviceStore != nil && kinds.contains(.device),
            canUseRecoveryCode: kinds.contains(.recoveryCode),
            error: error)
    }

    /// Creates the vault; shows the recovery code once.
    func create(passphrase: String, confirmation: String) {
        if let differ = passphraseMismatch(passphrase: passphrase, confirmation: confirmation) {
            state = .noVault(error: differ)
            return
        }
        let path = self.path
        let store = deviceStore
        // The core normalises passphrases to NFC and refuses guessable ones.
        let secret = passphrase
        perform({ () throws -> (Vault, String) in
            let v = try Vault.create(path: path, passphrase: secret, kdfIterations: nil)
            let current = CurrentSecret.passphrase(passphrase: secret)
            // Sealing needs only the public key: no Face ID prompt yet.
            if let store { _ = try? v.addDeviceSlot(current: current, store: store) }
            return (v, try v.createRecoveryCode(current: current))
        }, done: { created in
            let (v, code) = created
            self.vault = v
            self.state = .unlocked(v)
            self.recoveryCodeToShow = code
        }, failed: { error in
            self.state = .noVault(error: Messages.forError(error))
        })
    }

    /// Unlocks with the passphrase (the core takes it in Unicode NFC, so any keyboard's input matches).
    func unlock(passphrase: String) {
        attempt { try $0.unlockWithPassphrase(passphrase: passphrase) }
    }

    /// Unlocks with a recovery code.
    func unlock(recoveryCode: String) {
        attempt { try $0.unlockWithRecoveryCode(code: recoveryCode) }
    }

    /// Unlocks with Face ID or Touch ID.
    func unlockWithDevice() {
        guard let store = deviceStore else { return }
        attempt { try $0.unlockWithDevice(store: store) }
    }

    /// Locks: the key is wiped from memory and files waiting to be shared are removed
    /// (unless an app may still be reading one: `removingSharedFiles` false).
    func lock(removingSharedFiles: Bool = true) {
        if removingSharedFiles { try? FileManager.default.removeItem(at: DataSection.folder) }
        guard let v = vault else { return }
        v.lock()
        state = locked(v, error: nil)
    }

    /// The app hands the person to the file picker or the share sheet: the next time
    /// away may last longer before the vault locks, so an import is not dropped and a
    /// shared file is not removed under the app receiving it.
    func handOff() {
        autoLock.handOff()
    }

    /// Auto-lock: the time away is measured from leaving the screen; the vault also
    /// locks while still in the background, so the key does not wait in memory. A
    /// suspended app runs no timers, so the background time iOS grants is asked for,
    /// and when it runs out before the timeout the vault locks then: never does the
    /// key sit in a suspended process. After a hand-off the key is still wiped then,
    /// but the shared files stay for the receiving app until the next lock.
    func scenePhaseChanged(to phase: ScenePhase) {
        switch phase {
        case .background:
            autoLock.onBackground(at: Date())
            let timeout = TimeInterval(autoLock.lockAfterSeconds())
            let handedOff = autoLock.lockAfterSeconds() > autoLock.timeoutSeconds()
            if timeout <= 0 {
                lock()
                return
            }
            backgroundTask = UIApplication.shared.beginBackgroundTask(withName: "auto-lock") { [weak self] in
                Task { @MainActor in
                    self?.lock(removingSharedFiles: !handedOff)
                    self?.endBackgroundTask()
                }
            }
            pendingLock = Task { [weak self] in
                try? await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
                if !Task.isCancelled {
                    self?.lock()
                    self?.endBackgroundTask()
                }
            }
        case .active:
            pendingLock?.cancel()
            endBackgroundTask()
            if autoLock.onForeground(at: Date()) { lock() }
        default:
            break
        }
    }

    private func endBackgroundTask() {
        guard backgroundTask != .invalid else { return }
        UIApplication.shared.endBackgroundTask(backgroundTask)
        backgroundTask = .invalid
    }

    private func attempt(_ unlock: @escaping @Sendable (Vault) throws -> Void) {
        guard let v = vault else { return }
        perform({ () throws -> StateCheck in
            try unlock(v)
            return try v.integrity()
        }, done: { check in
            // A failed integrity check opens the vault read-only: say so once.
            self.integrityWarning = check.intact ? nil : Messages.readOnly(check.problems.count)
            self.state = .unlocked(v)
        }, failed: { error in
            self.state = self.locked(v, error: Messages.forError(error))
        })
    }

    private func perform<T>(
        _ work: @escaping @Sendable () throws -> T,
        done: @escaping (T) -> Void,
        failed: @escaping (Error) -> Void
    ) {
        busy = true
        Task.detached {
            let result = Result { try work() }
            await MainActor.run {
                self.busy = false
                switch result {
                case let .success(value): done(value)
                case let .failure(error): failed(error)
                }
            }
        }
    }
}
