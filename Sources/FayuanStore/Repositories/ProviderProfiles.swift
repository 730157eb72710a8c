import FayuanCore

/// A provider with the profile the assignment wheel reads (specialties, years of relevant
/// practice for Art 26, the most cases at once).
public struct ProviderListing: Sendable, Equatable, Encodable {
    public var id: Int64
    public var name: String
    public var kind: String
    public var kindLabel: String
    public var isLeading: Bool
    public var stationID: Int64?
    public var specialties: [String]
    public var practiceYears: Int?
    public var maxLoad: Int?
}

extension CaseStore {
    public func providerListings() throws -> [ProviderListing] {
        try read { db in
            try SQLRow.fetchAll(db, sql: """
                SELECT p.id, p.name, p.kind, p.is_leading, p.station_id, pp.specialties, pp.practice_years, pp.max_load
                FROM provider p LEFT JOIN provider_profile pp ON pp.provider_id = p.id ORDER BY p.id
                """).map { row in
                let kind: String = row["kind"]
                let specialties: String? = row["specialties"]
                return ProviderListing(
                    id: row["id"], name: row["name"], kind: kind, kindLabel: ProviderKind(rawValue: kind)?.label ?? kind,
                    isLeading: row["is_leading"], stationID: row["station_id"],
                    specialties: (specialties ?? "").split(separator: ",").map(String.init),
                    practiceYears: row["practice_years"], maxLoad: row["max_load"])
            }
        }
    }
}
