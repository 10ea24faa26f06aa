import ArgumentParser
import GlimpsePostgres
import GlimpseShell

/// `glimpse push`: a space into Postgres + pgvector under a name; the work is GlimpsePostgres's `SpacePush`.
struct PushCommand: GlimpseTask {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Write a space into Postgres (pgvector) under a name, replacing what the name held, in one transaction.",
        discussion: """
            The password may be in the URL or in PGPASSWORD; it is never printed. README's "Past one machine" tells the rest.

              glimpse push demo.glimpse postgresql://me@dbhost/glimpse --name demo --hnsw
            """)

    @Argument(help: ArgumentHelp("The space file to push.", valueName: "space")) var space: String
    @Argument(help: ArgumentHelp("The database: postgresql://user[:password]@host[:port]/database.", valueName: "url")) var url: String
    @Option(help: ArgumentHelp("The name to push the space under (default: the URL's ?space=).", valueName: "name")) var name: String?
    @Flag(help: "Also build an HNSW index (pgvector, inner product) on the images for approximate search.") var hnsw = false
    @Option(name: .customLong("hnsw-m"), help: ArgumentHelp("HNSW links per node.", valueName: "n")) var hnswM = 16
    @Option(name: .customLong("hnsw-ef-construction"), help: ArgumentHelp("HNSW candidates kept while building.", valueName: "n"))
    var hnswEfConstruction = 64

    func validate() throws {
        let address: PostgresAddress
        do { address = try PostgresAddress(parsing: url) } catch { throw ValidationError("\(error)") }
        guard let name = name ?? address.space, !name.isEmpty else { throw ValidationError("give the space a name: --name NAME") }
        if let other = address.space, other != name { throw ValidationError("--name '\(name)' and the URL's space '\(other)' differ") }
        if let problem = HNSWParameters(m: hnswM, efConstruction: hnswEfConstruction).problem { throw ValidationError(problem) }
    }

    func perform() throws {
        let address = try PostgresAddress(parsing: url)
        let push = SpacePush(space: try SpaceLocation.open(space), name: name ?? address.space ?? "",
                             hnsw: hnsw ? HNSWParameters(m: hnswM, efConstruction: hnswEfConstruction) : nil,
                             progress: TerminalProgressBar.onStandardError(unit: "rows"))
        Console.writeError(try push.runWaiting(to: address).summary(of: push, at: address))
    }
}
