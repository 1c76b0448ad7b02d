// Progress of a long command on standard error: a bar redrawn in place on a terminal, plain lines otherwise (a
// log file or CI keeps one line every few seconds instead of thousands of carriage returns).

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reports how far a job of `total` units has come, with its rate and the time left.
final class RowProgress {
    private let label: String
    private let total: Int
    private let interactive: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast
    private let interval: TimeInterval

    /// `label` starts every report; `total` is the work in units (bytes, rows) `update` counts in.
    init(label: String, total: Int, interactive: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.total = max(1, total)
        self.interactive = interactive
        self.interval = interactive ? 0.2 : 5
    }

    /// Draws the bar when enough time has passed since the last report (0.2 s on a terminal, 5 s otherwise).
    /// `done` is in the units of `total`; `rows` is what the rate counts (rows written, SKUs generated).
    func update(done: Int, rows: Int, detail: String = "") {
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= interval else { return }
        lastDraw = now
        draw(done: done, rows: rows, detail: detail, final: false)
    }

    /// The last report: 100%, the elapsed time and the overall rate; ends the terminal's line.
    func finish(rows: Int, detail: String = "") {
        draw(done: total, rows: rows, detail: detail, final: true)
    }

    private func draw(done: Int, rows: Int, detail: String, final: Bool) {
        let elapsed = max(0.001, Date().timeIntervalSince(started))
        let fraction = min(1, Double(done) / Double(total))
        let rate = Double(rows) / elapsed
        let eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        var text = "\(label): \(Self.percent(fraction)) \(Self.count(rows)) rows, \(Self.count(Int(rate))) rows/s"
        text += final ? ", \(Self.duration(elapsed))" : ", ETA \(Self.duration(eta))"
        if !detail.isEmpty { text += ", " + detail }
        if interactive {
            let width = 24
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
            // \u{1B}[K clears what a longer previous line left.
            FileHandle.standardError.write(Data("\r[\(bar)] \(text)\u{1B}[K\(final ? "\n" : "")".utf8))
        } else {
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }

    static func percent(_ fraction: Double) -> String {
        String(format: "%5.1f%%", fraction * 100)
    }

    /// 12345678 → "12.3M", 45678 → "45.7k".
    static func count(_ n: Int) -> String {
        switch n {
        case 1_000_000...: String(format: "%.1fM", Double(n) / 1_000_000)
        case 10_000...: String(format: "%.1fk", Double(n) / 1000)
        default: String(n)
        }
    }

    /// Seconds as "42s", "3m05s", "1h02m".
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60)
    }
}
