/// Options of a command that do not read or do not go together; `message` says what they
/// take (`--heads takes joint, domain or both`). The command reports it as its usage error.
public struct OptionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
