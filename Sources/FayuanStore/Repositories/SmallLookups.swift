import Foundation

/// Small typed lookups the command line needs, so that no caller outside the store writes SQL.
extension CaseStore {
    /// The month (YYYY-MM) of a duty shift, or nil when there is no such shift.
    public func dutyShiftMonth(_ shift: Int64) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT substr(day, 1, 7) FROM duty_shift WHERE id = ?", arguments: [shift])
        }
    }

    /// The month (YYYY-MM) of the shift a duty complaint is about, or nil when there is no such complaint.
    public func dutyComplaintMonth(_ complaint: Int64) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: """
                SELECT substr(s.day, 1, 7) FROM duty_complaint c JOIN duty_shift s ON s.id = c.shift_id WHERE c.id = ?
                """, arguments: [complaint])
        }
    }

    /// How many applicants the store holds (a seed refuses to add a demo to a store in use).
    public func applicantCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM applicant") ?? 0 }
    }
}

/// A benchmark's search samples: real names, ID numbers and phones of random applicants, unmasked,
/// so the benchmark can type what a clerk would. Only `fayuan-bench` imports this SPI; it is no
/// path for personal data into the console or the command line.
public struct BenchmarkSample: Sendable {
    public var name: String
    public var idNumber: String?
    public var phone: String?
}

extension CaseStore {
    @_spi(Benchmark)
    public func benchmarkSamples(count: Int, seed: UInt64) throws -> [BenchmarkSample] {
        try read { db in
            let maxID = try Int64.fetchOne(db, sql: "SELECT max(id) FROM applicant") ?? 0
            guard maxID > 0 else { return [] }
            var state = seed
            var samples: [BenchmarkSample] = []
            var tries = 0
            while samples.count < count && tries < count * 20 {
                tries += 1
                // SplitMix64, as the benchmark's own generator, so samples repeat run to run.
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                let id = Int64(z % UInt64(maxID)) + 1
                if let row = try SQLRow.fetchOne(db, sql: "SELECT name, id_number, phone FROM applicant WHERE id = ?", arguments: [id]) {
                    samples.append(BenchmarkSample(name: row["name"], idNumber: row["id_number"], phone: row["phone"]))
                }
            }
            return samples
        }
    }
}
