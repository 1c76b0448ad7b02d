// Reading request header values without the copy `HTTPFields`' subscript makes.

import HTTPTypes

extension HTTPFields {
    /// The field's value: the one value when it appears once (no copy), else the values joined as
    /// `self[name]` joins them; nil when absent.
    func value(of name: HTTPField.Name) -> String? {
        var found: String?
        for field in self where field.name == name {
            if found != nil { return self[name] }
            found = field.value
        }
        return found
    }
}
