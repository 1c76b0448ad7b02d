// Where the bundled data files are: one lookup for every command.

import Foundation

/// The folder of bundled data: `$SAMEDAY_DATA`, else `./Data` when it has the ZIP table, else the source tree's `Data/`.
enum DataDirectory {
    static var url: URL {
        if let env = ProcessInfo.processInfo.environment["SAMEDAY_DATA"], !env.isEmpty {
            return URL(fileURLWithPath: env, isDirectory: true)
        }
        let local = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Data")
        if FileManager.default.fileExists(atPath: local.appendingPathComponent("zips.csv").path) { return local }
        // Sources/sameday/DataDirectory.swift → repository root.
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Data")
    }

    /// `path` as given, or the bundled file `relative` when `path` is nil.
    static func file(_ path: String?, default relative: String) -> String {
        path ?? url.appendingPathComponent(relative).path
    }

    /// The bytes of a file, or a one-line failure naming it.
    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure("\(path): cannot read the file (does it exist?)")
        }
        return [UInt8](data)
    }
}
