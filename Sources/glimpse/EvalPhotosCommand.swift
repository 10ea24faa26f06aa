import ArgumentParser
import GlimpseImagePipeline
import GlimpseShell
import GlimpseVision

/// `glimpse eval-photos`: how well a space's image model places labelled photos (docs/photos.md; not in the main help).
struct EvalPhotosCommand: GlimpseCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval-photos",
        abstract: "Measure label-query retrieval on a labelled photo collection, per photo placement method.",
        discussion: """
            Each photo of the labels table (file, title, tags, group; the tags are its
            one-word labels) is encoded into the feature cache with the space's model and
            placed by each method; every label on at least 5 photos is a one-word query
            over the photos alone. Prints mAP, P@10 and the share of photos whose label is
            among their 10 nearest of the 20,000 commonest words. Scripts/fetch-photo-eval.sh
            makes the table docs/photos.md measures.
            """,
        shouldDisplay: false)

    @Option(help: ArgumentHelp("The labelled photos: a captions table (TSV or JSON Lines) whose tags are labels.", valueName: "file"))
    var labels: String

    @Option(help: ArgumentHelp("The folder the table's file names start from (default: the table's folder).", valueName: "dir"))
    var images: String?

    @Option(help: ArgumentHelp("The space whose image model places the photos (default: $GLIMPSE_SPACE, else the demo space).", valueName: "space"))
    var space: String?

    @Option(help: ArgumentHelp(
        "A method to measure instead of the compared set: key=value pairs, e.g. head=openclipart,share=0.75,top=10,temperature=1,classes=stored,views=one,transfer=none,csls=0 (repeatable).",
        valueName: "recipe"))
    var method: [String] = []

    @Flag(help: "Also print each method's AP and P@10 per label.")
    var verbose = false

    func validate() throws {
        for text in method {
            do { _ = try PhotoPlacement(parsing: text) } catch { throw ValidationError("--method \(text): \(error)") }
        }
    }

    func execute() throws -> ExitStatus {
        let opened = try SpaceLocation.open(space)
        let evaluation = try PhotoRetrievalEvaluation.of(
            opened, labels: labels, images: images, cache: GlimpseCache(), progress: TerminalProgressBar.onStandardError(),
            log: { Console.writeError("\($0)\n") })
        let placements = method.isEmpty
            ? PhotoRetrievalEvaluation.comparedPlacements
            : try method.map { (name: $0, placement: try PhotoPlacement(parsing: $0)) }
        Console.write(try evaluation.report(placements).render(verbose: verbose))
        return .success
    }
}
