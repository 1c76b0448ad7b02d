// The server's log lines: swift-log's StreamLogHandler format on standard error, with the metadata text built
// when a line is written rather than each time metadata is set.
//
// Hummingbird gives every request a logger of its own carrying `hb.request.id`. StreamLogHandler renders its
// metadata to text whenever metadata changes, so every request paid for text that only a logged line needs
// (about a microsecond per request: sorting, formatting the id, joining). This handler keeps the values and
// renders them in `log(event:)`.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import Synchronization

/// The log handler of `sameday serve`, installed by `ServerLogHandler.bootstrap()`.
public struct ServerLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String

    public init(label: String) {
        self.init(label: label, metadataProvider: LoggingSystem.metadataProvider)
    }

    public init(label: String, metadataProvider: Logger.MetadataProvider?) {
        self.label = label
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        ServerLogHandler.write(line(for: event, timestamp: Self.timestamp()))
    }

    /// The line StreamLogHandler would write (without the newline): `<time> <level> <label>: <k=v …> [<source>]
    /// <message>`, metadata sorted by key, explicit values over the provider's over the logger's.
    func line(for event: LogEvent, timestamp: String) -> String {
        var all = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty { all.merge(provided) { $1 } }
        if let explicit = event.metadata, !explicit.isEmpty { all.merge(explicit) { $1 } }
        if let error = event.error {
            all["error.message"] = "\(error)"
            all["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        let rendered =
            all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0)=\($1)" }.joined(separator: " ")
        return
            "\(timestamp) \(event.level)\(label.isEmpty ? "" : " ")\(label):\(rendered) [\(event.source)] \(event.message)"
    }

    /// Local time as StreamLogHandler writes it: `2026-11-30T05:40:00+0000`.
    static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        guard localtime_r(&now, &parts) != nil else { return "<unknown>" }
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whole lines, one writer at a time.
    private static let lock = Mutex(())

    private static func write(_ line: String) {
        lock.withLock { _ in
            var text = line + "\n"
            text.withUTF8 { bytes in
                guard let base = bytes.baseAddress else { return }
                var offset = 0
                while offset < bytes.count {
                    // The C library's write(2): whichever the platform's module is (Glibc, Musl, Darwin).
                    let written = systemWrite(2, base + offset, bytes.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
        }
    }
}

/// `write(2)` without naming the platform's C module.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

extension ServerLogHandler {
    /// Makes every logger of the process write through this handler. Call once, before any logger is made.
    public static func bootstrap() {
        LoggingSystem.bootstrap { label in ServerLogHandler(label: label) }
    }
}
