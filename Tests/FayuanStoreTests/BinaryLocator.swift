import Foundation

/// Finds the built `fayuan` binary for tests that run it: `$FAYUAN_BIN`, else the newest
/// `.build*/debug/fayuan` under the package root (found from this file's path).
enum FayuanBinary {
    static func locate(filePath: String = #filePath) -> String? {
        let fm = FileManager.default
        if let bin = ProcessInfo.processInfo.environment["FAYUAN_BIN"], fm.isExecutableFile(atPath: bin) {
            return bin
        }
        var root = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while root.path != "/" && !fm.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
            root = root.deletingLastPathComponent()
        }
        let entries = (try? fm.contentsOfDirectory(atPath: root.path)) ?? []
        let candidates = entries.filter { $0.hasPrefix(".build") }
            .map { root.appendingPathComponent($0).appendingPathComponent("debug/fayuan").path }
            .filter { fm.isExecutableFile(atPath: $0) }
        return candidates.max { modified($0) < modified($1) }
    }

    private static func modified(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary to completion with output captured in files (no pipe deadlocks).
    /// `stdin` is what the program reads on standard input (a file: never a terminal, so a PIN
    /// is read as a line); without it standard input is /dev/null.
    static func run(_ binary: String, _ arguments: [String], in dir: String, tag: String,
                    stdin: String? = nil, environment: [String: String]? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        if let stdin {
            let input = dir + "/\(tag).in"
            _ = FileManager.default.createFile(atPath: input, contents: Data(stdin.utf8), attributes: [.posixPermissions: 0o600])
            process.standardInput = FileHandle(forReadingAtPath: input)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        let out = dir + "/\(tag).out", err = dir + "/\(tag).err"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: out)
        process.standardError = FileHandle(forWritingAtPath: err)
        try process.run()
        return process
    }

    static func finish(_ process: Process, in dir: String, tag: String) -> Run {
        process.waitUntilExit()
        let read = { (name: String) in (try? String(contentsOfFile: dir + "/\(tag).\(name)", encoding: .utf8)) ?? "" }
        return Run(status: process.terminationStatus, stdout: read("out"), stderr: read("err"))
    }

    static func runToEnd(_ binary: String, _ arguments: [String], in dir: String, tag: String = "run",
                         stdin: String? = nil, environment: [String: String]? = nil) throws -> Run {
        finish(try run(binary, arguments, in: dir, tag: tag, stdin: stdin, environment: environment), in: dir, tag: tag)
    }

    /// Runs as an operator: `--operator NAME`, the PIN as the first line of standard input (never
    /// on argv), then `moreStdin`.
    static func runAs(_ binary: String, _ name: String, pin: String, _ arguments: [String], in dir: String,
                      tag: String = "run", moreStdin: String = "") throws -> Run {
        try runToEnd(binary, arguments + ["--operator", name], in: dir, tag: tag, stdin: pin + "\n" + moreStdin)
    }
}
