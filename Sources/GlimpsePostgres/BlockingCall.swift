import Dispatch

/// Runs async work to its end from synchronous code (the command line, the evaluator), by
/// waiting on a semaphore. Never call it from a task of Swift concurrency's own pool: the wait
/// would hold one of its threads.
public enum BlockingCall {
    public static func wait<Result: Sendable, Failure: Error>(_ body: @escaping @Sendable () async throws(Failure) -> Result) throws(Failure) -> Result {
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome<Result, Failure>()
        Task {
            do throws(Failure) {
                outcome.value = .success(try await body())
            } catch {
                outcome.value = .failure(error)
            }
            done.signal()
        }
        done.wait()
        return try outcome.value!.get()
    }

    /// Carries the result out of the task; written before the signal, read after the wait.
    private final class Outcome<Result, Failure: Error>: @unchecked Sendable {
        var value: Swift.Result<Result, Failure>?
    }
}
