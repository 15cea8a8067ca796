import Foundation

/// The REPL's persistent history: one entry per line, with backslashes and newlines escaped so
/// that a multi-line entry stays one entry. Entries are appended and flushed as they are made,
/// so a crash loses nothing; the file is trimmed to ``limit`` entries when it is loaded.
struct HistoryFile {
    /// Where the history lives.
    let path: String
    /// The most entries kept.
    let limit: Int

    /// The history file of the user: `CGLAB_HISTFILE`, or `~/.cglab_history`; `nil` when
    /// `CGLAB_HISTFILE` is set but empty (no history file).
    static func standard(limit: Int = 5000) -> HistoryFile? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["CGLAB_HISTFILE"] {
            return explicit.isEmpty ? nil : HistoryFile(path: explicit, limit: limit)
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return HistoryFile(path: home + "/.cglab_history", limit: limit)
    }

    /// The entries in the file, oldest first (empty when there is no file yet). Rewrites the
    /// file when it holds more than ``limit`` entries.
    func load() -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var entries = String(decoding: data, as: UTF8.self).split(separator: "\n").map { Self.unescape(String($0)) }
        if entries.count > limit {
            entries.removeFirst(entries.count - limit)
            let text = entries.map { Self.escape($0) + "\n" }.joined()
            try? text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return entries
    }

    /// Appends `entry` to the file and flushes it.
    func append(_ entry: String) {
        guard let handle = FileHandle(forWritingAtPath: path) ?? create() else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data((Self.escape(entry) + "\n").utf8))
        try? handle.synchronize()
    }

    private func create() -> FileHandle? {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else { return nil }
        return FileHandle(forWritingAtPath: path)
    }

    /// `\` becomes `\\` and a newline becomes `\n`.
    static func escape(_ entry: String) -> String {
        entry.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// The inverse of ``escape(_:)``.
    static func unescape(_ line: String) -> String {
        var result = ""
        var escaping = false
        for character in line {
            if escaping {
                result.append(character == "n" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
