import GlimpseImagePipeline
import GlimpseLanguage
import GlimpseShell

extension Evaluator {
    /// The standard evaluator over what `location` names: a pushed space for a Postgres URL
    /// (`postgresql://...?space=NAME`), else a space file (`~` expanded; nil: the default space).
    /// Relative file names in queries are looked up in `baseDirectory`.
    public static func standard(opening location: String?, baseDirectory: String? = nil) throws -> Evaluator {
        if let location, PostgresAddress.isURL(location) {
            return standard(for: try PostgresSpace.open(url: location), baseDirectory: baseDirectory)
        }
        return standard(for: try SpaceLocation.open(location), baseDirectory: baseDirectory)
    }
}
