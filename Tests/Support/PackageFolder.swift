import Foundation

/// The package's root folder, where the tests find Grammar/, Tests/Scripts and the fixtures.
public enum PackageFolder {
    /// Found from this file's path: Tests/Support/PackageFolder.swift.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
