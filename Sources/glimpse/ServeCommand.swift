import ArgumentParser
import GlimpseCore
import GlimpseImagePipeline
import GlimpseShell
import GlimpseWeb

/// `glimpse serve`: the query page in a browser.
struct ServeCommand: GlimpseTask {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the query page: a query box and a grid of results, where a click makes a result the next query.",
        discussion: """
            Every state of the page is its address (/?q=beach+%2B+sunrise), so back,
            forward and shared links work, and the page works without JavaScript.
            /api/query?q=... answers the rows of --format json. Listens on 127.0.0.1
            only, unless --host says otherwise.
            """)

    @OptionGroup var spaceOption: SpaceOption
    @Option(help: ArgumentHelp("The address to listen on; anything but loopback lets other machines query the space and see its images.", valueName: "address"))
    var host = "127.0.0.1"
    @Option(help: ArgumentHelp("The port to listen on (0 picks a free one).", valueName: "n")) var port = 8420

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("the port must be from 0 to 65535, not \(port)") }
    }

    func perform() throws {
        let space = try SpaceLocation.open(spaceOption.space)
        let server = try WebServer(space: space, imageEmbedder: SpaceImageEmbedder.of(space), thumbnails: CachedThumbnails(),
                                   glimpseVersion: GlimpseVersion.string)
        let address = ListeningAddress(host: host, port: port)
        if let warning = address.exposureWarning { Console.writeError("glimpse: warning: \(warning)\n") }
        do {
            try server.runUntilStopped(host: host, port: port) { Console.write("Glimpse at \(address.url(boundPort: $0))  (Ctrl-C stops)\n") }
        } catch {
            throw CommandError(.io, "cannot serve on \(host):\(port): \(error)")
        }
    }
}
