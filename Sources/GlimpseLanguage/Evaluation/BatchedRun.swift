/// A script's statements run in order through one evaluator, their searches made ahead in batches
/// (`Evaluator.searchAhead`): every statement gives the outcome or the diagnostic it gives when
/// run alone with `Evaluator.run`, so a caller prints each one as it comes, as before.
public final class BatchedRun {
    public let statements: [Statement]
    public let evaluator: Evaluator
    public let limits: Evaluator.SearchAheadLimits
    /// The caller stops at the first statement that fails: no batch searches past it.
    public let stopsAtFirstError: Bool
    /// The index of the statement `runNext` runs.
    public private(set) var nextIndex = 0
    /// Where the current batch ends.
    private var batchEnd = 0

    public init(_ statements: [Statement], evaluator: Evaluator, stopsAtFirstError: Bool,
                limits: Evaluator.SearchAheadLimits = .standard) {
        self.statements = statements
        self.evaluator = evaluator
        self.stopsAtFirstError = stopsAtFirstError
        self.limits = limits
    }

    public var isFinished: Bool { nextIndex == statements.count }

    /// Runs the next statement; its variables and listing change as `Evaluator.run` changes them.
    public func runNext() throws(Diagnostic) -> Outcome {
        precondition(!isFinished, "every statement has run")
        if nextIndex == batchEnd {
            batchEnd = nextIndex + evaluator.searchAhead(statements[nextIndex...], limits: limits,
                                                         stopsAtFirstError: stopsAtFirstError)
        }
        defer {
            nextIndex += 1
            if nextIndex == batchEnd { evaluator.searchedAhead = [:] }
        }
        return try evaluator.run(statements[nextIndex])
    }

    /// A run left before its end (an error, an interruption) drops the hits found for statements that never ran.
    deinit {
        evaluator.searchedAhead = [:]
    }
}
