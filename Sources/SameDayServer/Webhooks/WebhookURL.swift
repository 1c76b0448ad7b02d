// A webhook endpoint's URL, parsed once and strictly: `http` or `https`, a host name or IP address, an optional
// port, a path with query. No credentials in the URL (the secret signs the body instead), no fragment.

import SameDayCore

/// A parsed `http(s)://host[:port]/path?query` URL.
struct WebhookURL: Sendable, Equatable {
    var tls: Bool
    /// A DNS name, an IPv4 address, or an IPv6 address without its brackets.
    var host: String
    var port: Int
    /// The path and query as sent in the request line (`/` when the URL has none).
    var target: String

    /// What the URL must look like, for error messages.
    static let rule =
        "an http:// or https:// URL with a host, an optional port and path, no credentials or fragment, "
        + "at most \(Limits.maxURLBytes) bytes of printable ASCII"

    /// Parses `text`; nil when it is not such a URL.
    init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard (1...Limits.maxURLBytes).contains(bytes.count), bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }),
            !bytes.contains(UInt8(ascii: "#")), !bytes.contains(UInt8(ascii: "@"))
        else { return nil }
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("http://") {
            (tls, rest) = (false, text.dropFirst(7))
        } else if lower.hasPrefix("https://") {
            (tls, rest) = (true, text.dropFirst(8))
        } else {
            return nil
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let path = rest[authorityEnd...]
        target = path.isEmpty ? "/" : (path.first == "?" ? "/" + path : String(path))
        guard let (host, port) = Self.hostAndPort(authority, defaultPort: tls ? 443 : 80) else { return nil }
        self.host = host
        self.port = port
    }

    /// `host[:port]` or `[v6]:port`.
    private static func hostAndPort(_ authority: Substring, defaultPort: Int) -> (String, Int)? {
        var host = authority
        var portText: Substring?
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.first == ":" else { return nil }
                portText = after.dropFirst()
            }
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
        } else {
            if let colon = authority.firstIndex(of: ":") {
                host = authority[..<colon]
                portText = authority[authority.index(after: colon)...]
            }
            guard !host.isEmpty, host.count <= 253,
                host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") })
            else { return nil }
        }
        guard let portText else { return (String(host), defaultPort) }
        guard (1...5).contains(portText.count), portText.allSatisfy(\.isNumber), let port = Int(portText),
            (1...65_535).contains(port)
        else { return nil }
        return (String(host), port)
    }

    /// The `Host` header's value.
    var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (tls ? 443 : 80) ? name : "\(name):\(port)"
    }
}
