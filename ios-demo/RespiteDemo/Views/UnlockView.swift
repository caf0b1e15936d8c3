import SwiftUI

/// Create the vault, or unlock it with Face ID / Touch ID, the passphrase or the recovery code.
struct UnlockView: View {
    @EnvironmentObject private var session: Session
    @State private var secret = ""
    @State private var confirmation = ""
    @State private var useRecoveryCode = false

    var body: some View {
        Form {
            Section {
                Text("Respite").font(.largeTitle)
                if session.busy { ProgressView() }
            }
            switch session.state {
            case let .noVault(error):
                Section {
                    Text("Your entries are encrypted on this phone with a passphrase only you know. Nothing leaves the device.")
                    MessageText(text: error)
                    SecureField("Passphrase", text: $secret)
                    SecureField("The same passphrase again", text: $confirmation)
                    Button("Create my vault") {
                        session.create(passphrase: secret, confirmation: confirmation)
                        clear()
                    }
                }
            case let .locked(canUseDevice, canUseRecoveryCode, error):
                Section {
                    MessageText(text: error)
                    if canUseDevice {
                        Button("Unlock with Face ID or Touch ID") { session.unlockWithDevice() }
                    }
                    SecureField(useRecoveryCode ? "Recovery code" : "Passphrase", text: $secret)
                        .textInputAutocapitalization(.never)
                        .autocorrectionDisabled()
                    Button("Unlock") {
                        if useRecoveryCode { session.unlock(recoveryCode: secret) } else { session.unlock(passphrase: secret) }
                        clear()
                    }
                    if canUseRecoveryCode {
                        Button(useRecoveryCode ? "Use my passphrase" : "I forgot my passphrase") { useRecoveryCode.toggle() }
                    }
                }
            case .unlocked:
                EmptyView()
            }
        }
        .disabled(session.busy)
    }

    private func clear() {
        secret = ""
        confirmation = ""
    }
}
