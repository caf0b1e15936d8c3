import SwiftUI

/// The demo app: a thin SwiftUI shell over the Rust core. A privacy cover hides the
/// screen whenever the app is not active, so the app switcher never shows an entry.
@main
struct RespiteDemoApp: App {
    @StateObject private var session = Session()
    @Environment(\.scenePhase) private var scenePhase

    var body: some Scene {
        WindowGroup {
            ZStack {
                RootView()
                    .environmentObject(session)
                if scenePhase != .active {
                    PrivacyCover()
                }
            }
        }
        .onChange(of: scenePhase) { phase in
            session.scenePhaseChanged(to: phase)
        }
    }
}

/// What the app switcher and a glance at the phone see: the name, nothing else.
struct PrivacyCover: View {
    var body: some View {
        ZStack {
            Color(.systemBackground).ignoresSafeArea()
            Text("Respite").font(.largeTitle)
        }
    }
}
