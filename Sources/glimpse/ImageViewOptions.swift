import ArgumentParser
import GlimpseVision

/// `--framing` and `--views`, shared by `glimpse build` and `glimpse features`; `Command`
/// says its defaults and their wording.
struct ImageViewOptions<Command: ImageViewDefaults>: ParsableArguments {
    @Option(help: ArgumentHelp(Command.framingHelp)) var framing: ImageFraming = Command.framing
    @Option(help: ArgumentHelp(Command.viewsHelp, valueName: "views")) var views = Command.views

    func validate() throws {
        do { _ = try ImageView.list(views) } catch { throw ValidationError("unknown view '\(error.text)' (\(Command.viewExamples), ...)") }
    }

    var viewList: [ImageView] { get throws { try ImageView.list(views) } }
}

/// A command's defaults for `ImageViewOptions`, with the words its help and errors use.
protocol ImageViewDefaults {
    static var framing: ImageFraming { get }
    static var framingHelp: String { get }
    static var views: String { get }
    static var viewsHelp: String { get }
    /// Views to name when one is unknown.
    static var viewExamples: String { get }
}

enum ImageFraming: String, ExpressibleByArgument, CaseIterable {
    case fit, crop
    var preprocessor: ImagePreprocessor { self == .fit ? .efficientNetLiteFit : .efficientNetLite }
}
