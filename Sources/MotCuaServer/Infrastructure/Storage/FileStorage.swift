import Foundation
import Vapor

/// Where dossier files' bytes live, addressed by their SHA-256 (the same file stored twice takes
/// space once; a stored file cannot be changed without changing its address).
protocol FileStorage: Sendable {
    /// Stores the bytes and returns their SHA-256 in lowercase hex.
    func put(_ data: Data) async throws -> String
    func get(_ sha256: String) async throws -> Data?
}

enum ContentAddress {
    static func sha256(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    static func isValid(_ address: String) -> Bool {
        address.count == 64 && address.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

/// Files in a local folder: `root/ab/cd/abcd…` (written to a temporary name, then renamed, so a
/// reader never sees half a file).
struct LocalFolderStorage: FileStorage {
    let root: URL

    func url(of address: String) -> URL {
        let scalars = Array(address)
        return root.appendingPathComponent(String(scalars[0..<2])).appendingPathComponent(String(scalars[2..<4]))
            .appendingPathComponent(address)
    }

    /// A full or unwritable disk answers 507 with a sentence for the person; nothing half-written
    /// stays (the caller saves its records only after this returns).
    func put(_ data: Data) async throws -> String {
        let address = ContentAddress.sha256(data)
        let target = url(of: address)
        let manager = FileManager.default
        if manager.fileExists(atPath: target.path) { return address }
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(UUID().uuidString).part")
        do {
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: temporary)
        } catch {
            try? manager.removeItem(at: temporary)
            throw Self.cannotStore
        }
        if rename(temporary.path, target.path) != 0 {
            try? manager.removeItem(at: temporary)
            if !manager.fileExists(atPath: target.path) { throw Self.cannotStore }
        }
        return address
    }

    static let cannotStore = AppError(status: .insufficientStorage,
                                      detail: "Không lưu được tệp: kho lưu trữ đầy hoặc không ghi được. Hồ sơ chưa thay đổi; vui lòng báo quản trị và thử lại sau.")

    func get(_ address: String) async throws -> Data? {
        guard ContentAddress.isValid(address) else { return nil }
        return try? Data(contentsOf: url(of: address))
    }
}

/// Files in memory (tests, and servers started without a folder).
actor MemoryStorage: FileStorage {
    private var files: [String: Data] = [:]

    func put(_ data: Data) async throws -> String {
        let address = ContentAddress.sha256(data)
        files[address] = data
        return address
    }

    func get(_ address: String) async throws -> Data? { files[address] }
}

extension Application {
    private struct FileStorageKey: StorageKey { typealias Value = any FileStorage }

    /// The dossier file store chosen by the configuration.
    var files: any FileStorage {
        get {
            if let storage = storage[FileStorageKey.self] { return storage }
            let made: any FileStorage = motcua.filesPath.map { LocalFolderStorage(root: URL(fileURLWithPath: $0)) } ?? MemoryStorage()
            storage[FileStorageKey.self] = made
            return made
        }
        set { storage[FileStorageKey.self] = newValue }
    }
}
