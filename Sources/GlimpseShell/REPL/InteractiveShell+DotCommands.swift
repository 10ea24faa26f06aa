import Foundation
import GlimpseCore
import GlimpseLanguage

extension InteractiveShell {
    /// What the shell does after a dot-command.
    enum AfterCommand { case proceed, exit }

    /// Parses and runs one dot-command line; `lineNumber` is its line in non-interactive input.
    func runDotCommand(_ line: String, sourceName: String, lineNumber: Int?) -> AfterCommand {
        let location = lineNumber.map { "\(sourceName):\($0)" }
        switch DotCommand.parse(line) {
        case .failure(let error):
            report(error, location: location)
            return .proceed
        case .success(let command):
            return run(command, line: line, sourceName: sourceName, lineNumber: lineNumber)
        }
    }

    private func run(_ command: DotCommand, line: String, sourceName: String, lineNumber: Int?) -> AfterCommand {
        let location = lineNumber.map { "\(sourceName):\($0)" }
        let evaluator = session.evaluator
        switch command {
        case .help(let topic):
            guard let topic else {
                session.write(HelpText.overview)
                break
            }
            switch HelpText.topic(topic) {
            case .success(let text): session.write(text)
            case .failure(let error): report(error, location: location)
            }

        case .mode(let format):
            session.format = format

        case .timer(let on):
            timer = on

        case .defaultCount(let k):
            evaluator.defaultCount = k

        case .read(let path):
            read(path, location: location)

        case .vars:
            session.write(variablesText(evaluator))

        case .show:
            // The statement `show ...` with the dot turned into a space, so that a
            // caret under the argument stands where it was typed.
            var text = line
            if let dot = text.firstIndex(of: ".") { text.replaceSubrange(dot...dot, with: " ") }
            runEntry(text, sourceName: sourceName, firstLine: lineNumber ?? 1)

        case .space:
            session.write(spaceText(evaluator))

        case .open(let path):
            open(path, location: location)

        case .gallery(let path):
            writeGallery(to: path, location: location)

        case .preview(let on):
            if on, InlineImageProtocol.detect(environment: environment) == nil || thumbnails == nil {
                report(DotCommandError("this terminal cannot show images",
                                       note: "kitty, iTerm2 and WezTerm can; '.gallery' writes an HTML page instead"),
                       location: location)
            } else {
                preview = on
            }

        case .exit:
            return .exit
        }
        return .proceed
    }

    /// `.gallery`: the last listing as a self-contained HTML page, named by the user
    /// or `glimpse-gallery-N.html` in the current folder (the first N not taken).
    private func writeGallery(to path: String?, location: String?) {
        guard let listing = session.lastListing else {
            report(DotCommandError("nothing to show yet", note: "'.gallery' shows the last 'top' or 'words' result"),
                   location: location)
            return
        }
        var target = path.map { $0 == "~" || $0.hasPrefix("~/") ? paths.home + $0.dropFirst() : $0 } ?? ""
        if path == nil {
            var n = 1
            while FileManager.default.fileExists(atPath: "glimpse-gallery-\(n).html") { n += 1 }
            target = "glimpse-gallery-\(n).html"
        }
        let statement: String
        switch listing {
        case .images(let images): statement = images.statement
        case .words(let words): statement = words.statement
        default: statement = ""
        }
        let notebook = Notebook(
            title: statement, header: Notebook.Header(glimpseVersion: version ?? "", evaluator: session.evaluator),
            entries: [Notebook.Entry(source: statement, result: .outcome(listing))])
        do {
            try AtomicFile.write(NotebookHTML(thumbnails: thumbnails).render(notebook), to: target)
            session.write("wrote \(target)\n")
        } catch {
            report(DotCommandError("cannot write the gallery: \(error)"), location: location)
        }
    }

    /// `.read`: the file runs through the same runner as `glimpse run`, echoing each
    /// query above its table (the user did not type them), with relative image
    /// names resolved from the file's folder.
    private func read(_ path: String, location: String?) {
        let expanded = paths.expandingTilde(path)
        switch ShellFile.read(path, expandedPath: expanded) {
        case .failure(let error):
            report(error, location: location)
        case .success(let source):
            let evaluator = session.evaluator
            let (folder, style) = (evaluator.baseDirectory, session.tableStyle)
            evaluator.baseDirectory = SpaceLocation.folder(of: expanded)
            if session.format == .table { session.tableStyle.echoQuery = true }
            record(session.run(source))
            evaluator.baseDirectory = folder
            if session.format == .table { session.tableStyle = style }
        }
    }

    /// `.open`: the new space replaces the old only once it has opened and checked.
    private func open(_ path: String, location: String?) {
        let expanded = paths.expandingTilde(path)
        let evaluator: Evaluator
        do {
            evaluator = try openEvaluator(expanded)
        } catch {
            report(DotCommandError("\(error)", note: "still using \(describe(session.evaluator))"),
                   location: location)
            return
        }
        let old = session.evaluator
        evaluator.defaultCount = old.defaultCount
        evaluator.summaryCount = old.summaryCount
        evaluator.baseDirectory = old.baseDirectory
        session.evaluator = evaluator
        let cleared = old.variables.isEmpty ? "" : "; variables cleared"
        session.write("opened \(describe(evaluator))\(cleared)\n")
    }

    private func describe(_ evaluator: Evaluator) -> String {
        let space = evaluator.space
        let name = space.info.path ?? evaluator.images.whereabouts.first?.value ?? "the space in memory"
        return "\(name) (\(Self.count(space.wordCount, "word")), \(Self.count(evaluator.images.count, "image")), dimension \(space.dimension))"
    }

    func variablesText(_ evaluator: Evaluator) -> String {
        guard !evaluator.variables.isEmpty else { return "(no variables)\n" }
        let names = evaluator.variables.keys.sorted()
        let width = names.map(\.count).max() ?? 0
        return names.map { name in
            let value: String
            switch evaluator.variables[name]! {
            case .number(let number): value = ScoreText.number(number)
            case .vector(let vector): value = vector.formula
            }
            return name.padding(name.count, to: width) + " = " + value + "\n"
        }.joined()
    }

    func spaceText(_ evaluator: Evaluator) -> String {
        let space = evaluator.space
        let whereabouts = evaluator.images.whereabouts.map { ($0.label, $0.value) }
        let location = whereabouts.isEmpty ? [
            ("file", space.info.path ?? "(built in memory)"),
            ("checksum", space.info.checksum.isEmpty ? "(none)" : space.info.checksum),
        ] : whereabouts
        let rows: [(String, String)] = [
            ("words", Self.grouped(space.wordCount)),
            ("images", Self.grouped(evaluator.images.count)),
            ("dimension", String(space.dimension)),
            ("model", space.info.model),
            ("source", space.info.source),
        ] + location + [
            ("k", "\(evaluator.defaultCount) (top and words without a count)"),
            ("mode", session.format.rawValue),
        ]
        return rows.map { $0.0.padding($0.0.count, to: 10) + $0.1 + "\n" }.joined()
    }
}
