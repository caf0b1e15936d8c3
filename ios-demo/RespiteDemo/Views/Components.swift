import RespiteCore
import SwiftUI

/// One value on a scale as a row of chips; tapping the chosen one clears it (every
/// answer is optional). `anchors` are the core's words for some points.
struct ScaleChips: View {
    let label: String
    let range: ClosedRange<Int>
    @Binding var selected: Int?
    var anchors: [ScalePoint] = []

    var body: some View {
        VStack(alignment: .leading) {
            Text(label)
            ScrollView(.horizontal, showsIndicators: false) {
                HStack {
                    ForEach(Array(range), id: \.self) { value in
                        let word = anchors.first { Int($0.value) == value }?.text
                        Chip(text: word.map { "\(value) · \($0)" } ?? "\(value)", on: selected == value) {
                            selected = selected == value ? nil : value
                        }
                    }
                }
            }
        }
    }
}

/// Any number of choices from (id, text) pairs.
struct MultiChips: View {
    let options: [(id: String, text: String)]
    let selected: Set<String>
    let toggle: (String) -> Void

    var body: some View {
        ScrollView(.horizontal, showsIndicators: false) {
            HStack {
                ForEach(options, id: \.id) { option in
                    Chip(text: option.text, on: selected.contains(option.id)) { toggle(option.id) }
                }
            }
        }
    }
}

/// A toggle chip.
struct Chip: View {
    let text: String
    let on: Bool
    let action: () -> Void

    var body: some View {
        Button(action: action) {
            Text(text)
                .padding(.horizontal, 12)
                .padding(.vertical, 6)
                .background(on ? Color.accentColor.opacity(0.25) : Color.secondary.opacity(0.12), in: Capsule())
        }
        .buttonStyle(.plain)
        .accessibilityAddTraits(on ? .isSelected : [])
    }
}

/// The pleasantness (−1…1) × energy (0…1) pad; the dot is where the core read the
/// last tap. A tap reports x and y in 0…1 (the core clamps one just past an edge).
struct MoodPad: View {
    let pleasantness: Double?
    let energy: Double?
    let onTap: (Double, Double) -> Void

    var body: some View {
        GeometryReader { geometry in
            let size = geometry.size
            ZStack {
                Rectangle().stroke(Color.secondary)
                Path { path in
                    path.move(to: CGPoint(x: size.width / 2, y: 0))
                    path.addLine(to: CGPoint(x: size.width / 2, y: size.height))
                    path.move(to: CGPoint(x: 0, y: size.height / 2))
                    path.addLine(to: CGPoint(x: size.width, y: size.height / 2))
                }
                .stroke(Color.secondary.opacity(0.5))
                if let pleasantness, let energy {
                    Circle()
                        .fill(Color.accentColor)
                        .frame(width: 28, height: 28)
                        .position(x: (pleasantness + 1) / 2 * size.width, y: (1 - energy) * size.height)
                }
            }
            .contentShape(Rectangle())
            .onTapGesture(coordinateSpace: .local) { location in
                onTap(Double(location.x / size.width), Double(1 - location.y / size.height))
            }
        }
        .aspectRatio(1.6, contentMode: .fit)
        .accessibilityLabel("Mood pad: pleasant to the right, energised to the top")
    }
}

/// The core's hints for a capture form, shown above its save button.
struct CaptureHints: View {
    let check: CaptureCheck

    var body: some View {
        ForEach(check.hints, id: \.field) { hint in
            Text(hint.text).font(.caption).foregroundStyle(.secondary)
        }
    }
}

/// A message line, if there is one.
struct MessageText: View {
    let text: String?

    var body: some View {
        if let text { Text(text).foregroundStyle(.secondary) }
    }
}

/// Adds or removes an item of a set.
extension Set {
    mutating func toggle(_ item: Element) {
        if contains(item) { remove(item) } else { insert(item) }
    }
}
