import Crypto
import CryptoExtras
import Foundation

/// PINs are stored as PBKDF2-HMAC-SHA256 with a per-operator random salt, in the form
/// `pbkdf2-sha256$ROUNDS$SALT_HEX$HASH_HEX`. The rounds travel with the hash, so raising the
/// default later does not lock anyone out (the next successful login re-hashes).
public enum PINHash {
    /// OWASP's 2023 figure for PBKDF2-HMAC-SHA256.
    public static let defaultRounds = 600_000

    public static func make(pin: String, rounds: Int = defaultRounds) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var rng = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = UInt8.random(in: 0...255, using: &rng) }
        let key = try derive(pin: pin, salt: salt, rounds: rounds)
        return "pbkdf2-sha256$\(rounds)$\(hex(salt))$\(hex(key))"
    }

    /// True when `pin` matches `stored`. Comparison is constant-time.
    public static func verify(pin: String, stored: String) -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]),
              let salt = bytes(hex: String(parts[2])), let expected = bytes(hex: String(parts[3])),
              let actual = try? derive(pin: pin, salt: salt, rounds: rounds), actual.count == expected.count
        else { return false }
        var diff: UInt8 = 0
        for (a, b) in zip(actual, expected) { diff |= a ^ b }
        return diff == 0
    }

    /// The rounds a stored hash was made with (nil when unreadable).
    public static func rounds(of stored: String) -> Int? {
        let parts = stored.split(separator: "$")
        return parts.count == 4 ? Int(parts[1]) : nil
    }

    private static func derive(pin: String, salt: [UInt8], rounds: Int) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(pin.utf8), salt: salt, using: .sha256,
                                                     outputByteCount: 32, unsafeUncheckedRounds: rounds)
        return key.withUnsafeBytes { Array($0) }
    }

    private static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    private static func bytes(hex: String) -> [UInt8]? {
        guard hex.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            guard let b = UInt8(hex[i..<j], radix: 16) else { return nil }
            out.append(b)
            i = j
        }
        return out
    }
}
