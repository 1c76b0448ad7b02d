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
