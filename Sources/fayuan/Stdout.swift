import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Standard output for the commands. A reader that stops early (`fayuan case list | head -3`) is
/// not an error: the command stops quietly with status 0 instead of crashing on EPIPE, as
/// Foundation's FileHandle.write does (it traps with a backtrace).
enum Stdout {
    static func write(_ data: Data) {
        data.withUnsafeBytes { raw in
            guard var base = raw.baseAddress else { return }
            var left = raw.count
            while left > 0 {
                let n = Glibc.write(1, base, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    // EPIPE (reader gone) or another failure of the output itself: nothing more to say.
                    exit(errno == EPIPE ? 0 : 1)
                }
                left -= n
                base = base.advanced(by: n)
            }
        }
    }

    static func write(_ text: String) { write(Data(text.utf8)) }
}
