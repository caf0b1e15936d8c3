import RespiteCore
import SwiftUI

/// Settings: schedule, day start, ways to unlock, auto-lock, reminders, the words that are mine.
struct SettingsView: View {
    let vault: Vault
    @EnvironmentObject private var session: Session
    @State private var scheduleText = ""
    @State private var dayStart: Int?
    @State private var onThisDay = false
    @State private var busy = false
    @State private var crisisRegion = ""
    @State private var slots: [KeySlot] = []
    @State private var current = ""
    @State private var passphrase = ""
    @State private var confirmation = ""
    @State private var message: String?
    @State private var allowed: [String] = []
    @State private var newWord = ""
    @State private var allowMessage: String?

    private let lockChoices: [(TimeInterval, String)] = [(0, "At once"), (60, "1 minute"), (300, "5 minutes"), (900, "15 minutes")]

    var body: some View {
        Form {
            MessageText(text: message)
            if busy { ProgressView("Working on it…") }
            Section("My work schedule") {
                Text("One line per shift or exception, as the core reads it. Reminders follow this.").font(.caption)
                TextEditor(text: $scheduleText).font(.system(.body, design: .monospaced)).frame(minHeight: 140)
                Button("Save schedule") { saveSchedule() }
                Button("Allow gentle reminders") { Task { _ = await Reminders.requestPermission() } }
            }
            Section("On this day") {
                Toggle("Show entries from this date in earlier years", isOn: $onThisDay)
                    .onChange(of: onThisDay) { on in setOnThisDay(on) }
                Text("What went well comes first; heavy entries are never shown unasked.").font(.caption)
            }
            Section("A new day starts at") {
                ScaleChips(label: "Hour (late shifts count to the day before)", range: 0...12, selected: $dayStart)
                    .onChange(of: dayStart) { hour in setDayStart(hour) }
            }
            Section("Crisis line for my region") {
                Text("Named when a check-in or your words suggest a very hard moment and your plan names no professional help.").font(.caption)
                Picker("Region", selection: $crisisRegion) {
                    ForEach(crisisLines(), id: \.region) { line in
                        Text("\(line.region.isEmpty ? "Elsewhere" : line.region): \(line.name)").tag(line.region)
                    }
                }
                .onChange(of: crisisRegion) { region in setCrisisRegion(region) }
            }
            Section("Lock when I leave the app") {
                Picker("After", selection: $session.lockTimeout) {
                    ForEach(lockChoices, id: \.0) { Text($0.1).tag($0.0) }
                }
            }
            Section {
                ForEach(slots, id: \.id) { slot in
                    HStack {
                        Text(slotName(slot.kind))
                        Spacer()
                        Button("Remove") { remove(slot) }.buttonStyle(.borderless)
                    }
                }
                if let store = session.deviceStore, !slots.contains(where: { $0.kind == .device }) {
                    Button("Unlock with Face ID or Touch ID") {
                        let secret = confirmed()
                        inBackground { _ = try vault.addDeviceSlot(current: secret, store: store) }
                    }
                }
                Button("Make a new recovery code") {
                    let secret = confirmed()
                    inBackground({ try vault.createRecoveryCode(current: secret) }) { session.recoveryCodeToShow = $0 }
                }
                Button("Replace the vault key") { replaceKey() }
            } header: {
                Text("Ways to unlock")
            } footer: {
                Text("Changes here ask for your current passphrase again. Replacing the key re-encrypts everything, so an older copy of this vault reads nothing new.")
            }
            Section("Current passphrase") {
                SecureField("Current passphrase", text: $current)
            }
            Section("Change passphrase") {
                SecureField("New passphrase", text: $passphrase)
                if let hint = strengthHint() {
                    Text(hint).font(.caption)
                }
                SecureField("The same again", text: $confirmation)
                Button("Change passphrase") { changePassphrase() }
            }
            Section(Messages.privacy.allowListHeading) {
                Text(Messages.privacy.allowListExplained).font(.caption)
                MessageText(text: allowMessage)
                if allowed.isEmpty { Text(Messages.privacy.allowListEmpty).foregroundStyle(.secondary) }
                ForEach(allowed, id: \.self) { word in
                    HStack {
                        Text(word)
                        Spacer()
                        Button(Messages.privacy.allowListRemove) { removeAllowed(word) }.buttonStyle(.borderless)
                    }
                }
                HStack {
                    TextField(Messages.privacy.allowListField, text: $newWord)
                    Button(Messages.privacy.allowListAdd) { allow() }.buttonStyle(.borderless)
                }
            }
            DataSection(vault: vault)
            Button("Lock now") { session.lock() }
        }
        .navigationTitle("Settings")
        .onAppear(perform: refresh)
    }

    private func refresh() {
        if let schedule = try? vault.prompts().schedule() { scheduleText = scheduleToText(schedule: schedule) }
        dayStart = (try? vault.settings()).map { Int($0.dayStartHour) }
        onThisDay = (try? vault.settings())?.onThisDay ?? false
        adoptDeviceRegion()
        crisisRegion = (try? vault.settings())?.crisisLineRegion ?? ""
        slots = (try? vault.keySlots()) ?? []
        do {
            allowed = try vault.privacy().allowed()
        } catch {
            allowMessage = Messages.forError(error)
        }
    }

    /// Adds a word to the privacy check's allow-list.
    private func allow() {
        let word = newWord.trimmingCharacters(in: .whitespaces)
        do {
            let added = try vault.privacy().allow(word: newWord)
            allowMessage = allowListMessage(outcome: added ? .added : .alreadyThere, word: word)
            newWord = ""
        } catch {
            allowMessage = Messages.forError(error)
        }
        refresh()
    }

    /// Takes a word off the allow-list.
    private func removeAllowed(_ word: String) {
        do {
            let removed = try vault.privacy().removeAllowed(word: word)
            allowMessage = allowListMessage(outcome: removed ? .removed : .notThere, word: word)
        } catch {
            allowMessage = Messages.forError(error)
        }
        refresh()
    }

    private func attempt(_ action: () throws -> Void) {
        do {
            try action()
            message = nil
        } catch {
            message = Messages.forError(error)
        }
        refresh()
    }

    private func saveSchedule() {
        attempt {
            _ = try vault.prompts().setSchedule(schedule: try scheduleFromText(text: scheduleText))
            Task { await Reminders.sync(vault: vault) }
        }
    }

    private func setDayStart(_ hour: Int?) {
        guard let hour, var settings = try? vault.settings(), Int(settings.dayStartHour) != hour else { return }
        settings.dayStartHour = UInt8(hour)
        attempt { _ = try vault.updateSettings(settings: settings) }
    }

    private func setOnThisDay(_ on: Bool) {
        guard var settings = try? vault.settings(), settings.onThisDay != on else { return }
        settings.onThisDay = on
        attempt { _ = try vault.updateSettings(settings: settings) }
    }

    /// Takes the device's region when none was chosen yet (one without its own line
    /// gets the international directory).
    private func adoptDeviceRegion() {
        guard var settings = try? vault.settings(), settings.crisisLineRegion == nil,
              let code = Locale.current.region?.identifier, code.count == 2 else { return }
        settings.crisisLineRegion = code.uppercased()
        attempt { _ = try vault.updateSettings(settings: settings) }
    }

    /// Whose crisis line the safety response names ("" is the international directory).
    private func setCrisisRegion(_ region: String) {
        guard var settings = try? vault.settings(), (settings.crisisLineRegion ?? "") != region else { return }
        settings.crisisLineRegion = region.isEmpty ? nil : region
        attempt { _ = try vault.updateSettings(settings: settings) }
    }

    private func remove(_ slot: KeySlot) {
        attempt {
            try vault.removeKeySlot(current: confirmed(), id: slot.id)
            // The enclave key only served that slot: delete it too.
            if slot.kind == .device { session.deviceStore?.forget() }
        }
    }

    private func changePassphrase() {
        if let differ = passphraseMismatch(passphrase: passphrase, confirmation: confirmation) {
            message = differ
            return
        }
        // The core normalises passphrases to NFC and refuses guessable ones.
        let (secret, new) = (confirmed(), passphrase)
        inBackground { _ = try vault.changePassphrase(current: secret, newPassphrase: new) }
        passphrase = ""
        confirmation = ""
    }

    /// What would make the new passphrase harder to guess (the core's estimate).
    private func strengthHint() -> String? {
        guard !passphrase.isEmpty else { return nil }
        let strength = passphraseStrength(passphrase: passphrase)
        return strength.acceptable ? nil : strength.feedback.joined(separator: " ")
    }

    /// The current passphrase, asked for again before the ways in change.
    private func confirmed() -> CurrentSecret {
        .passphrase(passphrase: current)
    }

    private func replaceKey() {
        let secret = confirmed()
        inBackground({ try vault.rotateKey(current: secret, newPassphrase: nil) }) { rotation in
            if let code = rotation.recoveryCode { session.recoveryCodeToShow = code }
            // The enclave key served only the removed device slot.
            if rotation.deviceSlotsRemoved > 0 { session.deviceStore?.forget() }
        }
    }

    /// Confirming the current passphrase and wrapping a key take a moment (Argon2id):
    /// off the main thread, so the screen stays responsive; the result comes back on it.
    private func inBackground<T>(_ work: @escaping @Sendable () throws -> T, then: @escaping (T) -> Void = { _ in }) {
        busy = true
        Task.detached {
            let result = Result { try work() }
            await MainActor.run {
                busy = false
                switch result {
                case let .success(value):
                    message = nil
                    then(value)
                case let .failure(error):
                    message = Messages.forError(error)
                }
                refresh()
            }
        }
    }
}

private func slotName(_ kind: KeySlotKind) -> String {
    switch kind {
    case .passphrase: return "Passphrase"
    case .device: return "This phone (Face ID or Touch ID)"
    case .recoveryCode: return "Recovery code"
    }
}
