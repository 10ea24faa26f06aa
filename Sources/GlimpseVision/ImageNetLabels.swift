import Foundation

/// The 1,000 ImageNet classes in the model's logit order, each with its WordNet
/// hypernyms ("German shepherd" → "shepherd dog", "working dog", "dog", ...), from
/// the files set-up fetches out of Debian's darknet: `imagenet1k_labels.tsv`
/// (index, wnid, name) and darknet's 9k tree (`9k.labels`, `9k.names`, `9k.tree`:
/// one synset per line, the tree line giving the parent's line number or -1).
public struct ImageNetClass: Equatable, Sendable {
    public var wnid: String
    public var name: String
    /// The names of its ancestors, nearest first.
    public var hypernyms: [String]

    public init(wnid: String, name: String, hypernyms: [String]) {
        self.wnid = wnid
        self.name = name
        self.hypernyms = hypernyms
    }
}

public enum ImageNetLabels {
    public static let classCount = 1000

    /// Reads the labels TSV and, from `hierarchy` (a folder with darknet's 9k files), each class's hypernyms.
    public static func read(labels: String, hierarchy: String) throws -> [ImageNetClass] {
        let rows = try synsets(labels: labels)
        let tree = try WordNetTree(directory: hierarchy)
        return try rows.map { row in
            guard let ancestors = tree.ancestors(of: row.wnid) else {
                throw ImageError(file: hierarchy, message: "the WordNet tree has no synset \(row.wnid)")
            }
            return ImageNetClass(wnid: row.wnid, name: row.name, hypernyms: ancestors)
        }
    }

    /// The class names of the labels TSV, in the model's logit order.
    public static func names(labels: String) throws -> [String] {
        try synsets(labels: labels).map(\.name)
    }

    /// The rows of the labels TSV (a header, then index, wnid, name), checked to be the 1,000 classes in order.
    private static func synsets(labels: String) throws -> [(wnid: String, name: String)] {
        let rows = try lines(labels, what: "the ImageNet class names").dropFirst().filter { !$0.isEmpty }
        var synsets: [(wnid: String, name: String)] = []
        for (n, line) in rows.enumerated() {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 3, Int(columns[0]) == synsets.count, !columns[2].isEmpty else {
                throw ImageError(file: labels, message: "line \(n + 2) is not 'index<TAB>wnid<TAB>name' in order")
            }
            synsets.append((String(columns[1]), String(columns[2])))
        }
        guard synsets.count == classCount else {
            throw ImageError(file: labels, message: "\(synsets.count) class names, expected \(classCount)")
        }
        return synsets
    }

    static func lines(_ path: String, what: String) throws -> [Substring] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ImageError(file: path, message: "cannot read \(what) (run Scripts/fetch-assets.sh)")
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
    }
}

/// darknet's WordNet subtree: synset ids, names and parent links.
struct WordNetTree {
    private var names: [String] = []
    private var parents: [Int] = []
    private var lineOf: [String: Int] = [:]

    init(directory: String) throws {
        let ids = try ImageNetLabels.lines(directory + "/9k.labels", what: "the WordNet synsets").filter { !$0.isEmpty }
        let names = try ImageNetLabels.lines(directory + "/9k.names", what: "the WordNet names").filter { !$0.isEmpty }
        let tree = try ImageNetLabels.lines(directory + "/9k.tree", what: "the WordNet tree").filter { !$0.isEmpty }
        guard ids.count == names.count, ids.count == tree.count else {
            throw ImageError(file: directory, message: "9k.labels, 9k.names and 9k.tree differ in length")
        }
        for (i, line) in tree.enumerated() {
            let fields = line.split(separator: " ")
            guard fields.count == 2, fields[0] == ids[i], let parent = Int(fields[1]), parent >= -1, parent < i else {
                throw ImageError(file: directory + "/9k.tree", message: "line \(i + 1) is not 'wnid parent' with an earlier parent")
            }
            parents.append(parent)
            lineOf[String(fields[0])] = i
        }
        self.names = names.map(String.init)
    }

    /// Names of the ancestors of `wnid`, nearest first; nil if the tree lacks it.
    func ancestors(of wnid: String) -> [String]? {
        guard var i = lineOf[wnid] else { return nil }
        var out: [String] = []
        while parents[i] >= 0 {
            i = parents[i]
            out.append(names[i])
        }
        return out
    }
}
