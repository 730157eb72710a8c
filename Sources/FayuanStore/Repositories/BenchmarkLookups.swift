import Foundation

/// What `fayuan-bench` needs to know about the store it measures (issue 22): how big it is, and a
/// case to show. Only the benchmark imports this SPI.
extension CaseStore {
    @_spi(Benchmark)
    public func benchmarkCounts() throws -> (applicants: Int, cases: Int) {
        try read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM applicant") ?? 0, try Int.fetchOne(db, sql: "SELECT count(*) FROM aid_case") ?? 0)
        }
    }

    /// A case id picked by `seed` (the same store and seed give the same case), or nil without cases.
    @_spi(Benchmark)
    public func benchmarkCaseID(seed: UInt64) throws -> Int64? {
        try read { db in
            guard let maxID = try Int64.fetchOne(db, sql: "SELECT max(id) FROM aid_case"), maxID > 0 else { return nil }
            let start = Int64(seed % UInt64(maxID)) + 1
            return try Int64.fetchOne(db, sql: "SELECT id FROM aid_case WHERE id >= ? ORDER BY id LIMIT 1", arguments: [start])
                ?? Int64.fetchOne(db, sql: "SELECT min(id) FROM aid_case")
        }
    }
}
