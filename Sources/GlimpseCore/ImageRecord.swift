/// What a space knows about one image besides its vector: where it is and how people describe it.
public struct ImageRecord: Sendable, Equatable, Codable {
    /// The image file, as given at import (usually relative to the metadata file).
    public var file: String
    /// A human title; may be empty.
    public var title: String
    /// Keywords, in the order given at import.
    public var tags: [String]

    public init(file: String, title: String = "", tags: [String] = []) {
        self.file = file
        self.title = title
        self.tags = tags
    }

    private enum CodingKeys: String, CodingKey { case file, title, tags }

    // JSON Lines metadata may leave out the title or the tags.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        file = try container.decode(String.self, forKey: .file)
        title = try container.decodeIfPresent(String.self, forKey: .title) ?? ""
        tags = try container.decodeIfPresent([String].self, forKey: .tags) ?? []
    }
}
