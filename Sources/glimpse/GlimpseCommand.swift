import ArgumentParser
import GlimpseShell

/// A glimpse command. `execute` does the work; the shared `run` is the one place where
/// an error becomes its message on standard error and the process's exit status.
protocol GlimpseCommand: ParsableCommand {
    /// `.success`, or the status a session of statements ended with.
    func execute() throws -> ExitStatus
}

/// A command that succeeds or throws: its `perform` is the whole of `execute`.
protocol GlimpseTask: GlimpseCommand { func perform() throws }
extension GlimpseTask { func execute() throws -> ExitStatus { try perform(); return .success } }

extension GlimpseCommand {
    func run() throws {
        let status: ExitStatus
        do {
            status = try execute()
        } catch let error as ValidationError {
            throw error  // ArgumentParser prints it with the usage line
        } catch {
            let failure = CommandError(error)
            Console.writeError(failure.text)
            status = failure.status
        }
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
