// Errors in input files, with the place a person must look to fix them.

/// One problem found in an input file: where it is and what is wrong.
public struct LoadIssue: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file's name as the user gave it.
    public var file: String
    /// Where in the file: a JSON path (`nodes[3].waves[1]`) or `line:column` for text files.
    public var location: String
    /// What is wrong, in words that say how to fix it.
    public var message: String

    public init(file: String, location: String, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    /// A problem at a line and column (1-based) of a text file.
    public init(file: String, line: Int, column: Int, message: String) {
        self.init(file: file, location: "\(line):\(column)", message: message)
    }

    /// `file:location: message`, or `file: message` when the problem concerns the whole file.
    public var description: String {
        location.isEmpty ? "\(file): \(message)" : "\(file):\(location): \(message)"
    }
}

/// Every problem found while loading one file (never just the first).
public struct LoadError: Error, Equatable, Sendable, CustomStringConvertible {
    public var issues: [LoadIssue]

    public init(_ issues: [LoadIssue]) { self.issues = issues }

    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }

    /// The first issue and how many more follow, on one line (for the CLI's stderr).
    public var summaryLine: String {
        guard let first = issues.first else { return "no issues" }
        return issues.count == 1 ? first.description : "\(first.description) (and \(issues.count - 1) more)"
    }
}
