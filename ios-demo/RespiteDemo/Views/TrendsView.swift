import Charts
import RespiteCore
import SwiftUI

/// Trends: this week in words, insights with their evidence, and 90-day charts.
struct TrendsView: View {
    let vault: Vault
    @State private var dashboard: Result<Dashboard, Error>?

    var body: some View {
        List {
            switch dashboard {
            case nil:
                ProgressView()
            case let .failure(error)?:
                MessageText(text: Messages.forError(error))
            case let .success(d)?:
                Section("This week") {
                    ForEach(d.weeklyReview.text, id: \.self) { Text($0) }
                }
                if !d.insights.isEmpty {
                    Section("What your entries suggest") {
                        ForEach(d.insights, id: \.text) { insight in
                            VStack(alignment: .leading, spacing: 4) {
                                Text(insight.text)
                                if let evidence = insight.evidence { Text(evidence.summary).font(.caption) }
                                if insight.pointers != nil { Text("Your plan has steps for this: see Plan.").font(.caption) }
                            }
                        }
                    }
                }
                Section("Stress zones") { Text(d.zoneSummary.text.text) }
                if let activation = d.activation {
                    Section("After a practice") { Text(activation.text.text) }
                }
                Section("The last 90 days") {
                    ForEach(d.last90Days.filter { $0.days.contains { $0.value != nil } }, id: \.label) { series in
                        SeriesChart(series: series)
                    }
                }
            }
        }
        .navigationTitle("Trends")
        .task {
            let today = Now.today()
            let vault = self.vault
            dashboard = await Task.detached { Result { try vault.trends().dashboard(today: today) } }.value
        }
    }
}

/// One metric: daily points, the 7-day mean as a line, the usual range as a band, on
/// the range the core gives. Days without a value are gaps, not zeros.
private struct SeriesChart: View {
    let series: MetricSeries

    var body: some View {
        VStack(alignment: .leading) {
            Text(series.label).font(.subheadline)
            Text(series.scale).font(.caption)
            Chart {
                if let b = series.baseline {
                    RectangleMark(
                        xStart: .value("From", 0), xEnd: .value("To", series.days.count - 1),
                        yStart: .value("Low", b.median - b.spread / 2), yEnd: .value("High", b.median + b.spread / 2))
                        .foregroundStyle(Color.accentColor.opacity(0.12))
                }
                ForEach(Array(series.days.enumerated()), id: \.offset) { i, day in
                    if let v = day.value {
                        PointMark(x: .value("Day", i), y: .value(series.label, v))
                            .symbolSize(12)
                            .foregroundStyle(.secondary)
                    }
                    if let r = day.rolling7 {
                        LineMark(x: .value("Day", i), y: .value("7-day mean", r))
                    }
                }
            }
            .chartYScale(domain: series.low...series.high)
            .chartXAxis(.hidden)
            .frame(height: 110)
        }
    }
}
