import GlimpseCore
import GlimpseLanguage
import GlimpseShell

/// libFuzzer's entry point: any bytes go through every stage a script goes through.
///
/// 1. `Source(name:bytes:)`: invalid UTF-8 must be refused, not repaired or crashed on.
/// 2. `Parser.parse`, and rendering of every diagnostic.
/// 3. Printing what parsed and parsing the print again must give the same tree
///    (ranges aside) and no diagnostic: the Printer's promise.
/// 4. Every statement that parsed runs on a small space, and every outcome and
///    failure goes through every output format. Nothing may trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func glimpseFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let source: Source
    do {
        source = try Source(name: "fuzz.gq", bytes: bytes)
    } catch {
        precondition(error.byteOffset >= 0 && error.byteOffset < size, "invalid UTF-8 reported outside the input")
        return 0
    }

    let (script, diagnostics) = Parser.parse(source)
    _ = DiagnosticRenderer().render(diagnostics, in: source)
    _ = DiagnosticRenderer(colour: true).render(diagnostics, in: source)

    let printed = Printer.text(of: script)
    let printedSource = Source(name: "printed.gq", text: printed)
    let (reparsed, reparseDiagnostics) = Parser.parse(printedSource)
    if !reparseDiagnostics.isEmpty {
        fatalError("the printed script does not parse:\n\(printed)\n---\n"
            + DiagnosticRenderer().render(reparseDiagnostics, in: printedSource))
    }
    let shape = SyntaxShape.of(script), reshape = SyntaxShape.of(reparsed)
    if shape != reshape {
        fatalError("printing changed the tree:\n\(printed)\n---\n\(shape)\n---\n\(reshape)")
    }
    let reprinted = Printer.text(of: reparsed)
    if reprinted != printed {
        fatalError("printing is not stable:\n\(printed)\n---\n\(reprinted)")
    }

    // One evaluation, every formatter: evaluating is the costly part.
    let evaluator = Evaluator(space: FuzzSpace.shared)
    var formatters: [any OutcomeFormatter] = OutputFormat.allCases.map { $0.makeFormatter(style: TableStyle(width: 40)) }
    for (number, statement) in script.statements.enumerated() {
        do throws(Diagnostic) {
            let outcome = try evaluator.run(statement)
            for i in formatters.indices { _ = formatters[i].format(outcome, statement: number + 1) }
        } catch {
            _ = DiagnosticRenderer().render(error, in: source)
            for i in formatters.indices { _ = formatters[i].format(failure: error, statement: number + 1, source: source) }
        }
    }
    return 0
}
