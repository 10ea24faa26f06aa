import GlimpseLanguage

/// The interactive shell: reads statements at a prompt and runs them with the
/// same runner as scripts, keeping variables and results between entries.
public struct InteractiveShell {
    public let session: ScriptRunner

    public init(session: ScriptRunner) {
        self.session = session
    }

    public func run() -> ExitStatus {
        var entry = 0
        while true {
            print(entry == 0 ? "glimpse> " : "glimpse> ", terminator: "")
            guard let line = readLine() else { print(); return .success }
            entry += 1
            session.run(Source(name: "<input>", text: line))
        }
    }
}
