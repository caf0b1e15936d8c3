import RespiteCore
import SwiftUI

/// Today: the quick actions first (one tap each), then the next reminder and what is parked.
struct TodayView: View {
    let vault: Vault
    @State private var next: PromptOccurrence?
    @State private var parked: [OpenParkedItem] = []

    var body: some View {
        List {
            Section("How are you, right now?") {
                // Near the end of a shift the transition comes first.
                if transitionSoon { transitionLink }
                NavigationLink("After a session") { AfterSessionView(vault: vault) }
                NavigationLink("Check in") { CheckInView(vault: vault) }
                if !transitionSoon { transitionLink }
                NavigationLink("Evening check") { EveningView(vault: vault) }
                NavigationLink("My emergency card") { EmergencyCardView(vault: vault) }
            }
            if let next {
                Section("Next") {
                    Text("\(next.title) at \(next.at.formatted(date: .omitted, time: .shortened))")
                    Text(next.body).foregroundStyle(.secondary)
                }
            }
            if !parked.isEmpty {
                Section("Parked for later") {
                    ForEach(parked, id: \.item.id) { p in
                        HStack {
                            VStack(alignment: .leading) {
                                Text(p.item.what)
                                let details = [p.item.when, p.item.place].compactMap { $0 }
                                if !details.isEmpty { Text(details.joined(separator: " · ")).font(.caption) }
                            }
                            Spacer()
                            Button("Done") {
                                try? vault.prompts().markParkedDone(entryId: p.entryId, itemId: p.item.id)
                                refresh()
                            }
                        }
                    }
                }
            }
        }
        .navigationTitle("Today")
        .onAppear(perform: refresh)
    }

    private var transitionLink: some View {
        NavigationLink("Leave work at work") { TransitionView(vault: vault) }
    }

    private var transitionSoon: Bool {
        guard let next, next.kind == .transition else { return false }
        return next.at.timeIntervalSinceNow <= 3600
    }

    private func refresh() {
        let now = Date()
        next = (try? vault.prompts().upcoming(
            from: now, until: now.addingTimeInterval(86_400), deviceTimeZone: TimeZone.current.identifier))?.first
        parked = (try? vault.prompts().openParkedItems(today: Now.today())) ?? []
    }
}
