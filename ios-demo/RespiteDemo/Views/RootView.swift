import RespiteCore
import SwiftUI

/// The unlock screen until the vault is open, then the five tabs.
struct RootView: View {
    @EnvironmentObject private var session: Session

    var body: some View {
        Group {
            switch session.state {
            case let .unlocked(vault):
                TabView {
                    NavigationStack { TodayView(vault: vault) }
                        .tabItem { SwiftUI.Label("Today", systemImage: "sun.max") }
                    NavigationStack { JournalView(vault: vault) }
                        .tabItem { SwiftUI.Label("Journal", systemImage: "book") }
                    NavigationStack { PlanView(vault: vault) }
                        .tabItem { SwiftUI.Label("Plan", systemImage: "heart") }
                    NavigationStack { TrendsView(vault: vault) }
                        .tabItem { SwiftUI.Label("Trends", systemImage: "chart.xyaxis.line") }
                    NavigationStack { SettingsView(vault: vault) }
                        .tabItem { SwiftUI.Label("Settings", systemImage: "gearshape") }
                }
                .safeAreaInset(edge: .top) {
                    if let warning = session.integrityWarning {
                        Text(warning).font(.footnote).padding(8)
                    }
                }
                .task { await Reminders.sync(vault: vault) }
            default:
                UnlockView()
            }
        }
        .sheet(item: Binding(
            get: { session.recoveryCodeToShow.map(RecoveryCode.init) },
            set: { session.recoveryCodeToShow = $0?.code })
        ) { shown in
            RecoveryCodeSheet(code: shown.code) { session.recoveryCodeToShow = nil }
        }
    }
}

private struct RecoveryCode: Identifiable {
    let code: String
    var id: String { code }
}

/// The recovery code, shown once.
private struct RecoveryCodeSheet: View {
    let code: String
    let done: () -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 16) {
            Text("Your recovery code").font(.title2)
            // Not selectable: the code must not reach the clipboard, which other apps read.
            Text(code).font(.system(.title3, design: .monospaced)).textSelection(.disabled)
            Text("If you forget your passphrase, this code opens your vault. It is shown only now. Keep it somewhere safe, away from this phone.")
            Button("I have written it down", action: done).buttonStyle(.borderedProminent)
        }
        .padding()
        .interactiveDismissDisabled()
    }
}
