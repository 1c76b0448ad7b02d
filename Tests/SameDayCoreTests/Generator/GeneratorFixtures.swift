// The shipped data files the generator tests read, loaded once.

import Foundation
import SameDayCore

enum ShippedData {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(path)))
    }

    /// Data/zips.csv.
    static let zips: Result<ZipTable, any Error> = Result {
        try ZipTable(csv: bytes("Data/zips.csv"), file: "Data/zips.csv")
    }

    /// Every fourth row of Data/zips.csv: a quarter-size table for determinism checks.
    static let quarterZips: Result<ZipTable, any Error> = Result {
        let text = String(decoding: try bytes("Data/zips.csv"), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        var kept = [String(lines[0])]
        for (i, line) in lines.dropFirst().enumerated() where i % 4 == 0 { kept.append(String(line)) }
        return try ZipTable(csv: Array((kept.joined(separator: "\n") + "\n").utf8), file: "quarter.csv")
    }
}
