import CryptoKit
import Foundation
import LocalAuthentication
import RespiteCore
import Security

/// The device key slot's platform half: a P-256 key inside the Secure Enclave, usable
/// only after Face ID or Touch ID with the biometrics enrolled now (a new face or finger
/// invalidates it). The enclave's opaque handle is kept in the Keychain as
/// `WhenUnlockedThisDeviceOnly`, so it never leaves this phone, not even in a backup.
///
/// Sealing uses only the public key (ECIES: an ephemeral key agreement, HKDF-SHA256,
/// AES-GCM), so turning device unlock on needs no prompt; opening needs the enclave.
/// Layout: version byte ‖ ephemeral public key (65 bytes, X9.63) ‖ nonce ‖ ciphertext ‖ tag.
final class SecureEnclaveDeviceKeyStore: DeviceKeyStore {
    private static let service = "app.respite.demo"
    private static let account = "device-slot-key"
    /// The biometrics enrolment the key was made under (LAContext's domain state).
    private static let enrolmentAccount = "device-slot-enrolment"
    private static let version: UInt8 = 1
    private static let publicKeyBytes = 65
    private static let info = Data("respite device slot v1".utf8)

    /// A store, when this device has a Secure Enclave and biometrics set up.
    static func ifAvailable() -> SecureEnclaveDeviceKeyStore? {
        var error: NSError?
        guard SecureEnclave.isAvailable,
              LAContext().canEvaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, error: &error)
        else { return nil }
        return SecureEnclaveDeviceKeyStore()
    }

    func seal(plaintext: Data) throws -> Data {
        try guarded {
            let recipient = try Self.privateKey(create: true, context: nil).publicKey
            let ephemeral = P256.KeyAgreement.PrivateKey()
            let shared = try ephemeral.sharedSecretFromKeyAgreement(with: recipient)
            let box = try AES.GCM.seal(plaintext, using: Self.derive(shared, ephemeral.publicKey))
            guard let combined = box.combined else { throw RespiteError.DeviceKey(reason: "sealing failed") }
            return Data([Self.version]) + ephemeral.publicKey.x963Representation + combined
        }
    }

    func open(sealed: Data) throws -> Data {
        try guarded {
            let bytes = Data(sealed)
            guard bytes.count > 1 + Self.publicKeyBytes + 28, bytes[0] == Self.version else {
                throw RespiteError.DeviceKey(reason: "the device key slot is not in a format this app knows")
            }
            // A new face or finger has invalidated the enclave key: say so and drop it, so
            // turning device unlock on again makes a new one instead of reusing it.
            guard Self.enrolmentUnchanged() else {
                forget()
                throw RespiteError.DeviceKey(reason: "Face ID or Touch ID changed since device unlock was turned on; unlock with your passphrase and turn it on again")
            }
            let context = LAContext()
            context.localizedReason = "Unlock your journal"
            let key = try Self.privateKey(create: false, context: context)
            let ephemeral = try P256.KeyAgreement.PublicKey(x963Representation: bytes[1...Self.publicKeyBytes])
            // Face ID or Touch ID is asked for here, by the enclave.
            let shared = try key.sharedSecretFromKeyAgreement(with: ephemeral)
            let box = try AES.GCM.SealedBox(combined: bytes[(1 + Self.publicKeyBytes)...])
            return try AES.GCM.open(box, using: Self.derive(shared, ephemeral))
        }
    }

    /// Deletes the key (when device unlock is turned off, or it was invalidated).
    func forget() {
        SecItemDelete(Self.query() as CFDictionary)
        SecItemDelete(Self.query(Self.enrolmentAccount) as CFDictionary)
    }

    /// The current biometrics enrolment, as an opaque value that changes with it.
    private static func enrolment() -> Data? {
        let context = LAContext()
        var error: NSError?
        _ = context.canEvaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, error: &error)
        return context.evaluatedPolicyDomainState
    }

    /// Whether the enrolment is the one the key was made under.
    private static func enrolmentUnchanged() -> Bool {
        var lookup = query(enrolmentAccount)
        lookup[kSecReturnData as String] = true
        var found: CFTypeRef?
        guard SecItemCopyMatching(lookup as CFDictionary, &found) == errSecSuccess, let saved = found as? Data else {
            return true
        }
        return saved == enrolment()
    }

    private static func derive(_ shared: SharedSecret, _ ephemeral: P256.KeyAgreement.PublicKey) -> SymmetricKey {
        shared.hkdfDerivedSymmetricKey(
            using: SHA256.self, salt: ephemeral.x963Representation, sharedInfo: info, outputByteCount: 32)
    }

    private static func query(_ which: String = account) -> [String: Any] {
        [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecAttrAccount as String: which,
        ]
    }

    private static func privateKey(create: Bool, context: LAContext?) throws -> SecureEnclave.P256.KeyAgreement.PrivateKey {
        var lookup = query()
        lookup[kSecReturnData as String] = true
        var found: CFTypeRef?
        if SecItemCopyMatching(lookup as CFDictionary, &found) == errSecSuccess, let handle = found as? Data {
            if enrolmentUnchanged() {
                return try SecureEnclave.P256.KeyAgreement.PrivateKey(dataRepresentation: handle, authenticationContext: context)
            }
            // Invalidated by a change of Face ID or Touch ID: replace it, never reuse it.
            SecItemDelete(query() as CFDictionary)
            SecItemDelete(query(enrolmentAccount) as CFDictionary)
        }
        guard create else {
            throw RespiteError.DeviceKey(reason: "this device's key is gone; unlock with your passphrase and turn device unlock on again")
        }
        var error: Unmanaged<CFError>?
        guard let access = SecAccessControlCreateWithFlags(
            nil, kSecAttrAccessibleWhenUnlockedThisDeviceOnly, [.privateKeyUsage, .biometryCurrentSet], &error)
        else { throw RespiteError.DeviceKey(reason: "no access control for the key") }
        let key = try SecureEnclave.P256.KeyAgreement.PrivateKey(accessControl: access)
        var item = query()
        item[kSecValueData as String] = key.dataRepresentation
        item[kSecAttrAccessible as String] = kSecAttrAccessibleWhenUnlockedThisDeviceOnly
        let status = SecItemAdd(item as CFDictionary, nil)
        guard status == errSecSuccess else { throw RespiteError.DeviceKey(reason: "the Keychain refused (\(status))") }
        if let state = enrolment() {
            var saved = query(enrolmentAccount)
            saved[kSecValueData as String] = state
            saved[kSecAttrAccessible as String] = kSecAttrAccessibleWhenUnlockedThisDeviceOnly
            SecItemAdd(saved as CFDictionary, nil)
        }
        return key
    }

    /// Maps platform failures to the core's error, without any key material.
    private func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as RespiteError {
            throw error
        } catch let error as LAError where error.code == .userCancel || error.code == .appCancel || error.code == .systemCancel {
            throw RespiteError.DeviceKey(reason: "the biometric check was cancelled")
        } catch {
            throw RespiteError.DeviceKey(reason: "the Secure Enclave refused (\(type(of: error)))")
        }
    }
}
