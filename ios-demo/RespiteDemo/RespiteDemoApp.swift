import SwiftUI
import UIKit

/// The demo app: a thin SwiftUI shell over the Rust core. A privacy cover hides the
/// screen whenever the app is not active, so the app switcher never shows an entry.
@main
struct RespiteDemoApp: App {
    @StateObject private var session = Session()
    @Environment(\.scenePhase) private var scenePhase

    var body: some Scene {
        WindowGroup {
            RootView()
                .environmentObject(session)
        }
        .onChange(of: scenePhase) { phase in
            PrivacyCoverWindow.shared.show(phase != .active)
            session.scenePhaseChanged(to: phase)
        }
    }
}

/// The privacy cover in a window of its own above the alert level, so it also covers
/// sheets (the recovery code, the plan editor) that a view's overlay would not.
@MainActor
final class PrivacyCoverWindow {
    static let shared = PrivacyCoverWindow()
    private var window: UIWindow?

    func show(_ covered: Bool) {
        guard covered else {
            window?.isHidden = true
            return
        }
        if window == nil {
            let scene = UIApplication.shared.connectedScenes.compactMap { $0 as? UIWindowScene }.first
            guard let scene else { return }
            let cover = UIWindow(windowScene: scene)
            cover.windowLevel = .alert + 1
            cover.rootViewController = UIHostingController(rootView: PrivacyCover())
            window = cover
        }
        window?.isHidden = false
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
