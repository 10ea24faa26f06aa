import GlimpseCore

/// Runs statements against a space, keeping variables and the last listing
/// between them: one evaluator serves a whole script or REPL session.
public final class Evaluator {
    /// The words, the image model and what the space is; for a space file its images too.
    public let space: Space
    /// The images `top` searches: the space file's (`SpaceFileImages`), or a database's.
    public let images: any SpaceImages
    /// K for `top` and `words` when the statement gives none.
    public var defaultCount = 10
    /// How many nearest words a bare vector expression shows.
    public var summaryCount = 5
    /// Where relative file names in `image("...")` are looked up; nil means the
    /// current directory.
    public var baseDirectory: String?
    public private(set) var variables: [String: Value] = [:]
    /// The hits of the last `top` or `words`, for `#n`.
    public private(set) var lastListing: Listing?
    /// The vector of the last `top`, `words` or bare vector expression, for `_`.
    public private(set) var lastQuery: QueryVector?

    let wordSearch: any NearestNeighbourSearch
    let wordSearchAmongFirst: (Int) -> any NearestNeighbourSearch
    private let imageEmbedder: (any ImageEmbedding)?

    /// Set during `searchAhead`'s dry run: searches are written down here instead of made.
    var recordedSearches: [SearchRequest]?
    /// Hits that `searchAhead` found for the statements about to run.
    var searchedAhead: [SearchRequest: [Hit]] = [:]

    /// Everything a statement can change, which `searchAhead` puts back after its dry run:
    /// any new state that statements change belongs here too.
    struct SessionState {
        var variables: [String: Value]
        var lastListing: Listing?
        var lastQuery: QueryVector?
    }

    var sessionState: SessionState {
        get { SessionState(variables: variables, lastListing: lastListing, lastQuery: lastQuery) }
        set { (variables, lastListing, lastQuery) = (newValue.variables, newValue.lastListing, newValue.lastQuery) }
    }

    /// The results `#n` can refer to.
    public enum Listing: Sendable, Equatable {
        case images([ImageHit])
        case words([WordHit])

        public var count: Int {
            switch self {
            case .images(let hits): hits.count
            case .words(let hits): hits.count
            }
        }
    }

    /// `wordSearchAmongFirst(n)` searches the first `n` words (`words ... among n`).
    /// Searches left out are plain exact scans. The images are the space's own, searched with
    /// `imageSearch`, unless `images` says they are kept elsewhere (a database).
    public init(space: Space,
                wordSearch: (any NearestNeighbourSearch)? = nil,
                wordSearchAmongFirst: ((Int) -> any NearestNeighbourSearch)? = nil,
                imageSearch: (any NearestNeighbourSearch)? = nil,
                images: (any SpaceImages)? = nil,
                imageEmbedder: (any ImageEmbedding)? = nil) {
        self.space = space
        self.wordSearch = wordSearch ?? ExactSearch(space.wordVectors)
        self.wordSearchAmongFirst = wordSearchAmongFirst ?? { ExactSearch(space.wordVectors.prefix($0)) }
        self.images = images ?? SpaceFileImages(space, search: imageSearch)
        self.imageEmbedder = imageEmbedder
    }

    /// Runs one statement. Variables and the last listing change only when it succeeds.
    public func run(_ statement: Statement) throws(Diagnostic) -> Outcome {
        switch statement.kind {
        case .binding(let name, let expression):
            let value = try evaluate(expression)
            variables[name.text] = value
            return .binding(name: name.text, value: value)

        case .top(let count, let expression, let clauses):
            guard images.count > 0 else {
                throw Diagnostic(.noImages, "this space has no images to search", at: statement.range,
                                 notes: ["'words' searches the vocabulary"])
            }
            let query = try searchableVector(expression, for: "top")
            let listing = try imageListing(query, k: count?.value ?? defaultCount, clauses: clauses, at: statement.range)
            lastListing = .images(listing.hits)
            lastQuery = query
            return .images(listing)

        case .words(let count, let expression, let clauses):
            let query = try searchableVector(expression, for: "words")
            let listing = try wordListing(query, k: count?.value ?? defaultCount, clauses: clauses, at: statement.range)
            lastListing = .words(listing.hits)
            lastQuery = query
            return .words(listing)

        case .show(let expression):
            guard let row = try imageRow(expression) else {
                throw Diagnostic(.typeMismatch, "'show' needs an image, such as IMG_12 or #1", at: expression.range)
            }
            let description = try readingImages(at: expression.range) { () throws in try images.descriptions(rows: [row])[0] }
            return .image(ImageDetails(row: row, number: images.number(row: row), record: description.record,
                                       facts: description.facts))

        case .expression(let expression):
            switch try evaluate(expression) {
            case .number(let number):
                return .number(number, expression: Printer.text(of: expression))
            case .vector(let vector):
                guard !vector.isZero else { throw zeroVector(expression) }
                let summary = VectorSummary(formula: vector.formula, length: vector.length,
                                            nearestWords: nearestWords(to: vector, k: summaryCount, includeQuery: false, in: .words))
                lastQuery = vector
                return .vector(summary)
            }
        }
    }

    /// Evaluates an expression to a vector or a number.
    public func evaluate(_ expression: Expression) throws(Diagnostic) -> Value {
        switch expression.kind {
        case .word(let text):
            if let value = variables[text] { return value }
            return .vector(try word(text, at: expression.range))

        case .phrase(let text):
            return .vector(try phrase(text, at: expression.range))

        case .image(let number):
            guard let row = images.row(number: number) else { throw unknownImage(number, at: expression.range) }
            return .vector(try imageVector(row, at: expression.range))

        case .hit(let number):
            return .vector(try hit(number, at: expression.range))

        case .lastQuery:
            return .vector(try lastQueryVector(at: expression.range))

        case .number(let value):
            return .number(value)

        case .group(let inner):
            return try evaluate(inner)

        case .negate(let operand):
            switch try evaluate(operand) {
            case .number(let value): return .number(-value)
            case .vector(let vector): return .vector(-vector)
            }

        case .binary(let op, let left, let right):
            return try binary(op, try evaluate(left), try evaluate(right), expression)

        case .call(let call):
            return try self.call(call, expression)
        }
    }

    // MARK: - Terms

    private func word(_ text: String, at range: SourceRange) throws(Diagnostic) -> QueryVector {
        guard let index = lookUp(text) else {
            var candidates = space.words.suggestions(for: text, limit: 3)
            let closeVariables = variables.keys.filter { Vocabulary.areClose($0, text, within: 2) }.sorted()
            // A variable may also be a word; name it once.
            var seen = Set<String>()
            candidates = Array((closeVariables + candidates).filter { seen.insert($0).inserted }.prefix(3))
            throw Diagnostic(.unknownWord, "unknown word '\(text)'", at: range,
                             notes: candidates.isEmpty ? [] : ["did you mean \(Evaluator.list(candidates))?"])
        }
        return wordVector(index)
    }

    /// A quoted phrase: the normalised mean of its words, which are never variables.
    private func phrase(_ text: String, at range: SourceRange) throws(Diagnostic) -> QueryVector {
        let parts = text.split(whereSeparator: \.isWhitespace).map(String.init)
        var sum = [Float](repeating: 0, count: space.dimension)
        var indices = Set<Int>()
        for part in parts {
            guard let index = lookUp(part) else {
                let suggestions = space.words.suggestions(for: part, limit: 3)
                throw Diagnostic(.unknownWord, "unknown word '\(part)' in the quoted phrase", at: range,
                                 notes: suggestions.isEmpty ? [] : ["did you mean \(Evaluator.list(suggestions))?"])
            }
            indices.insert(index)
            let row = space.wordVectors.row(index)
            for i in 0..<space.dimension { sum[i] += row[i] }
        }
        let label = "\"" + parts.joined(separator: " ") + "\""
        let vector = QueryVector(components: sum, terms: [Term(label: label, weight: 1, vector: sum)], words: indices)
        guard !vector.isZero else {
            throw Diagnostic(.zeroVector, "the words of \(label) cancel out: the phrase has no direction", at: range)
        }
        let unit = vector.normalized.components
        return QueryVector(unit: unit, label: label, words: indices)
    }

    private func hit(_ number: Int, at range: SourceRange) throws(Diagnostic) -> QueryVector {
        guard let listing = lastListing else {
            throw Diagnostic(.noListing, "'#\(number)' refers to a result, but nothing has been listed yet", at: range,
                             notes: ["'#n' is the n-th result of the last 'top' or 'words'"])
        }
        guard number <= listing.count else {
            throw Diagnostic(.hitOutOfRange, "'#\(number)' is out of range: the last listing has \(listing.count) result\(listing.count == 1 ? "" : "s")", at: range)
        }
        switch listing {
        case .images(let hits): return try imageVector(hits[number - 1].row, at: range)
        case .words(let hits): return wordVector(hits[number - 1].index)
        }
    }

    private func lastQueryVector(at range: SourceRange) throws(Diagnostic) -> QueryVector {
        guard let lastQuery else {
            throw Diagnostic(.noLastQuery, "'_' is the last query, but no query has run yet", at: range,
                             notes: ["'_' is the vector of the last 'top', 'words' or expression"])
        }
        return lastQuery
    }

    /// The image row an expression names, if it is just an image reference.
    private func imageRow(_ expression: Expression) throws(Diagnostic) -> Int? {
        switch expression.kind {
        case .group(let inner):
            return try imageRow(inner)
        case .image(let number):
            guard let row = images.row(number: number) else { throw unknownImage(number, at: expression.range) }
            return row
        case .hit(let number):
            _ = try hit(number, at: expression.range)
            if case .images(let hits) = lastListing { return hits[number - 1].row }
            return nil
        case .word(let text):
            guard let value = variables[text], case .vector(let vector) = value else { return nil }
            return Self.singleImage(vector)
        case .lastQuery:
            return Self.singleImage(try lastQueryVector(at: expression.range))
        default:
            return nil
        }
    }

    /// The image a vector is, if it is one image and nothing else.
    private static func singleImage(_ vector: QueryVector) -> Int? {
        guard vector.terms.count == 1, vector.images.count == 1, vector.words.isEmpty, vector.terms[0].weight == 1 else { return nil }
        return vector.images.first
    }

    private func lookUp(_ text: String) -> Int? {
        if let index = space.words.index(of: text) { return index }
        let lower = text.lowercased()
        return lower == text ? nil : space.words.index(of: lower)
    }

    private func wordVector(_ index: Int) -> QueryVector {
        QueryVector(unit: Array(space.wordVectors.row(index)), label: space.words[index], words: [index])
    }

    private func imageVector(_ row: Int, at range: SourceRange) throws(Diagnostic) -> QueryVector {
        let vectors = try readingImages(at: range) { () throws in try images.vectors(rows: [row]) }
        return QueryVector(unit: Array(vectors.row(0)), label: "IMG_\(images.number(row: row))", images: [row])
    }

    /// What `body` reads of the images; a failure to read them (a database gone) becomes a
    /// diagnostic of the input stage, while a diagnostic it throws passes through.
    func readingImages<Result>(at range: SourceRange, _ body: () throws -> Result) throws(Diagnostic) -> Result {
        do {
            return try body()
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            throw Diagnostic(.imagesUnreadable, "cannot read the images: \(error)", at: range)
        }
    }

    // MARK: - Operators and functions

    private func binary(_ op: BinaryOperator, _ left: Value, _ right: Value, _ expression: Expression) throws(Diagnostic) -> Value {
        let range = expression.range
        switch (op, left, right) {
        // Each term is finite, but a sum of large ones can overflow a Float component.
        case (.add, .vector(let a), .vector(let b)): return .vector(try finite(a + b, range))
        case (.subtract, .vector(let a), .vector(let b)): return .vector(try finite(a - b, range))
        case (.add, .number(let a), .number(let b)): return .number(try finite(a + b, range))
        case (.subtract, .number(let a), .number(let b)): return .number(try finite(a - b, range))
        case (.add, _, _), (.subtract, _, _):
            let verb = op == .add ? "add" : "subtract"
            throw Diagnostic(.typeMismatch, "cannot \(verb) \(left.kindName) and \(right.kindName)", at: range,
                             notes: ["to weigh a term, multiply it: 2*park"])
        case (.multiply, .vector(let a), .number(let w)), (.multiply, .number(let w), .vector(let a)):
            return .vector(try finite(a * (try finite(w, range)), range))
        case (.multiply, .number(let a), .number(let b)):
            return .number(try finite(a * b, range))
        case (.multiply, .vector, .vector):
            throw Diagnostic(.typeMismatch, "cannot multiply two vectors", at: range,
                             notes: ["sim(a, b) gives their cosine similarity"])
        case (.divide, _, .number(let divisor)) where divisor == 0:
            throw Diagnostic(.divisionByZero, "division by zero", at: range)
        case (.divide, .vector(let a), .number(let divisor)):
            return .vector(try finite(a * (try finite(1 / divisor, range)), range))
        case (.divide, .number(let a), .number(let b)):
            return .number(try finite(a / b, range))
        case (.divide, _, .vector):
            throw Diagnostic(.typeMismatch, "cannot divide by a vector", at: range)
        }
    }

    private func call(_ call: Call, _ expression: Expression) throws(Diagnostic) -> Value {
        switch call {
        case .norm(let argument):
            let vector = try vectorArgument(argument, of: call.function)
            return .vector(vector.normalized)

        case .sim(let first, let second):
            let a = try vectorArgument(first, of: call.function)
            let b = try vectorArgument(second, of: call.function)
            let (ua, ub) = (a.normalized.components, b.normalized.components)
            var dot: Float = 0
            for i in ua.indices { dot += ua[i] * ub[i] }
            return .number(Double(dot))

        case .mean(let arguments):
            let values = try arguments.map { (argument) throws(Diagnostic) in try evaluate(argument) }
            let scale = 1 / Double(values.count)
            switch values[0] {
            case .number:
                var sum = 0.0
                for (value, argument) in zip(values, arguments) {
                    guard case .number(let x) = value else { throw mixedMean(argument) }
                    sum += x
                }
                return .number(try finite(sum * scale, expression.range))
            case .vector(let first):
                var sum = first
                for (value, argument) in zip(values, arguments).dropFirst() {
                    guard case .vector(let v) = value else { throw mixedMean(argument) }
                    sum = sum + v
                }
                return .vector(try finite(sum * scale, expression.range))
            }

        case .image(let file, _):
            return .vector(try embedImage(file, at: expression.range))
        }
    }

    private func embedImage(_ file: String, at range: SourceRange) throws(Diagnostic) -> QueryVector {
        guard let imageEmbedder else {
            throw Diagnostic(.imageUnavailable, "this space cannot embed image files: it has no image model", at: range,
                             notes: ["spaces made by 'glimpse build' carry the model that image(\"...\") needs"])
        }
        let path = FilePath.resolve(file, relativeTo: baseDirectory)
        let components: [Float]
        do {
            components = try imageEmbedder.embed(file: path)
        } catch {
            throw Diagnostic(.imageUnavailable, "cannot embed '\(file)': \(error)", at: range)
        }
        let label = "\(Function.image.name)(\"\(file)\")"
        let vector = QueryVector(components: components, terms: [Term(label: label, weight: 1, vector: components)])
        guard components.count == space.dimension, !vector.isZero, components.allSatisfy(\.isFinite) else {
            throw Diagnostic(.imageUnavailable, "the image model gave no usable vector for '\(file)'", at: range)
        }
        return QueryVector(unit: vector.normalized.components, label: label)
    }

    // MARK: - Helpers

    private func searchableVector(_ expression: Expression, for keyword: String) throws(Diagnostic) -> QueryVector {
        switch try evaluate(expression) {
        case .number:
            throw Diagnostic(.typeMismatch, "'\(keyword)' needs a vector, but this is a number", at: expression.range,
                             notes: ["a number alone has no direction; write '\(keyword) 5 park' for five results"])
        case .vector(let vector):
            guard !vector.isZero else { throw zeroVector(expression) }
            return vector
        }
    }

    private func vectorArgument(_ argument: Expression, of function: Function) throws(Diagnostic) -> QueryVector {
        switch try evaluate(argument) {
        case .number:
            throw Diagnostic(.typeMismatch, "'\(function.name)' needs vectors, but this is a number", at: argument.range,
                             notes: ["usage: \(function.signature)"])
        case .vector(let vector):
            guard !vector.isZero else { throw zeroVector(argument) }
            return vector
        }
    }

    private func nearestWords(to query: QueryVector, k: Int, includeQuery: Bool,
                              in target: SearchRequest.Target) -> [WordHit] {
        let hits = nearest(target, to: query.normalized.components, k: k, excluding: includeQuery ? [] : query.words)
        return hits.enumerated().map { rank, hit in
            WordHit(rank: rank + 1, index: hit.index, word: space.words[hit.index], score: hit.score)
        }
    }

    /// Every search of a statement goes through here: answered from `searchedAhead` when it was
    /// found ahead, written down during a dry run, else made now.
    func nearest(_ target: SearchRequest.Target, to query: [Float], k: Int, excluding: Set<Int>) -> [Hit] {
        let request = SearchRequest(target, query: query, k: k, excluding: excluding)
        if recordedSearches != nil {
            recordedSearches!.append(request)
            return []
        }
        if !searchedAhead.isEmpty, let hits = searchedAhead[request] { return hits }
        return search(target).nearest(to: query, k: k, excluding: excluding)
    }

    func search(_ target: SearchRequest.Target) -> any NearestNeighbourSearch {
        switch target {
        case .words: wordSearch
        case .wordsAmongFirst(let count): wordSearchAmongFirst(count)
        // Only searches with a batch search are made through `nearest` (imageListing decides).
        case .images: images.batchSearch!
        }
    }

    private func finite(_ value: Double, _ range: SourceRange) throws(Diagnostic) -> Double {
        guard value.isFinite else { throw Diagnostic(.notFinite, "the result is too large to be a weight", at: range) }
        return value
    }

    /// Weights are doubles but components floats: a weight of 1e300 is fine as a
    /// number and infinite as a component.
    private func finite(_ vector: QueryVector, _ range: SourceRange) throws(Diagnostic) -> QueryVector {
        guard vector.components.allSatisfy(\.isFinite), vector.terms.allSatisfy({ $0.weight.isFinite }) else {
            throw Diagnostic(.notFinite, "the weights are too large: the vector is no longer finite", at: range)
        }
        return vector
    }

    private func zeroVector(_ expression: Expression) -> Diagnostic {
        Diagnostic(.zeroVector, "'\(Printer.text(of: expression))' is a zero vector: its terms cancel out", at: expression.range,
                   notes: ["a zero vector has no direction, so nothing is nearer to it than anything else"])
    }

    private func unknownImage(_ number: Int, at range: SourceRange) -> Diagnostic {
        if let file = images.retiredFile(number: number) {
            return Diagnostic(.unknownImage, "IMG_\(number) was '\(file)', which is gone: an update of the space removed it",
                              at: range, notes: ["a removed image's number is never given to another image"])
        }
        let known: String
        switch (images.numberRange, images.hasRetiredNumbers) {
        case (nil, _): known = "this space has no images"
        case (let range?, false): known = "this space has IMG_\(range.lowerBound) to IMG_\(range.upperBound)"
        case (let range?, true): known = "this space's ids run from IMG_\(range.lowerBound) to IMG_\(range.upperBound), with gaps where images were removed"
        }
        return Diagnostic(.unknownImage, "no image has the id 'IMG_\(number)'", at: range, notes: [known])
    }

    private func mixedMean(_ argument: Expression) -> Diagnostic {
        Diagnostic(.typeMismatch, "'mean' needs all vectors or all numbers", at: argument.range)
    }

    static func list(_ words: [String]) -> String {
        let quoted = words.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
    }
}
