// How the command line reports bad input: one line on standard error, exit status 2.

import Foundation

/// Bad input to a command: printed as one line on standard error; the process exits with status 2.
struct CLIFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { self.description = message }
}

enum StandardError {
    /// Writes one line to standard error.
    static func line(_ text: String) {
        let single = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? text
        FileHandle.standardError.write(Data((single + "\n").utf8))
    }
}

/// The folder of bundled data: `$SAMEDAY_DATA`, else `./Data` when it has the ZIP table, else the source tree's `Data/`.
enum DataDirectory {
    static var url: URL {
        if let env = ProcessInfo.processInfo.environment["SAMEDAY_DATA"], !env.isEmpty {
            return URL(fileURLWithPath: env, isDirectory: true)
        }
        let local = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Data")
        if FileManager.default.fileExists(atPath: local.appendingPathComponent("zips.csv").path) { return local }
        // Sources/sameday/CLIFailure.swift → repository root.
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
