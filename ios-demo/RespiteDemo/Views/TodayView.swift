import RespiteCore
import SwiftUI

/// Today, as the core lays it out for this moment: every quick action in order (the
/// transition first near the end of a shift, the evening check in the evening), then
/// the next reminder and what is parked.
struct TodayView: View {
    let vault: Vault
    @State private var screen: TodayScreen?

    var body: some View {
        List {
            if let screen {
                Section("How are you, right now?") {
                    ForEach(screen.actions, id: \.wordingKey) { action in
                        NavigationLink { destination(action.action) } label: {
                            VStack(alignment: .leading) {
                                Text(action.label).fontWeight(action.leading ? .semibold : .regular)
                                Text(action.hint).font(.caption).foregroundStyle(.secondary)
                            }
                        }
                    }
                }
                if let next = screen.next {
                    Section("Next") {
                        Text("\(next.title) at \(next.at.formatted(date: .omitted, time: .shortened))")
                        Text(next.body).foregroundStyle(.secondary)
                    }
                }
                if !screen.parked.isEmpty {
                    Section("Parked for later") {
                        ForEach(screen.parked, id: \.item.id) { p in
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
        }
        .navigationTitle("Today")
        .onAppear(perform: refresh)
    }

    @ViewBuilder
    private func destination(_ action: QuickAction) -> some View {
        switch action {
        case .afterSession: AfterSessionView(vault: vault)
        case .checkIn: CheckInView(vault: vault)
        case .transition: TransitionView(vault: vault)
        case .eveningCheck: EveningView(vault: vault)
        case .emergencyCard: EmergencyCardView(vault: vault)
        }
    }

    private func refresh() {
        screen = try? vault.screens().today(moment: Now.moment(), deviceTimeZone: TimeZone.current.identifier)
    }
}
