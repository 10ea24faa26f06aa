#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A block of bytes that outlives every view into it: a memory-mapped file or an aligned heap buffer.
///
/// Matrices and vocabularies hold pointers into it, so they keep it alive by reference.
final class ByteStorage: @unchecked Sendable {
    enum Owner { case heap, mapping }

    let base: UnsafeRawPointer
    let count: Int
    private let owner: Owner

    /// Takes ownership of a buffer allocated with `UnsafeMutableRawPointer.allocate`.
    init(heap base: UnsafeMutableRawPointer, count: Int) {
        self.base = UnsafeRawPointer(base)
        self.count = count
        self.owner = .heap
    }

    /// Takes ownership of a region returned by `mmap`.
    init(mapping base: UnsafeRawPointer, count: Int) {
        self.base = base
        self.count = count
        self.owner = .mapping
    }

    /// A zero-filled heap buffer of `count` bytes, 64-byte aligned so SIMD loads of any row start are cheap.
    static func allocate(count: Int) -> (ByteStorage, UnsafeMutableRawPointer) {
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 64)
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: max(count, 1))
        return (ByteStorage(heap: pointer, count: count), pointer)
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    deinit {
        switch owner {
        case .heap: UnsafeMutableRawPointer(mutating: base).deallocate()
        case .mapping: munmap(UnsafeMutableRawPointer(mutating: base), count)
        }
    }
}
