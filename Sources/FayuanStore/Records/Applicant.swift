
/// A person who asks for help (申请人). ID numbers are stored in clear here only; everywhere
/// else (search output, audit, logs) they are masked or keyed.
public struct Applicant: Sendable, Equatable, Codable {
    public var id: Int64?
    public var name: String
    public var idType: String
    public var idNumber: String?
    public var gender: String?
    public var birthDate: String?
    public var phone: String?
    public var address: String?
    public var townshipID: Int64?
    public var needs: [AccessibilityNeed]
    /// Applicant group codes (cli.md: migrant_worker, disabled, …).
    public var groups: [String]

    public init(id: Int64? = nil, name: String, idType: String = "resident", idNumber: String? = nil,
                gender: String? = nil, birthDate: String? = nil, phone: String? = nil, address: String? = nil,
                townshipID: Int64? = nil, needs: [AccessibilityNeed] = [], groups: [String] = []) {
        self.id = id; self.name = name; self.idType = idType; self.idNumber = idNumber; self.gender = gender
        self.birthDate = birthDate; self.phone = phone; self.address = address; self.townshipID = townshipID
        self.needs = needs; self.groups = groups
    }

    init(row: SQLRow) throws {
        id = row["id"]; name = row["name"]; idType = row["id_type"]; idNumber = row["id_number"]
        gender = row["gender"]; birthDate = row["birth_date"]; phone = row["phone"]; address = row["address"]
        townshipID = row["township_id"]
        needs = (row["needs"] as String? ?? "").split(separator: ",").compactMap { AccessibilityNeed(rawValue: String($0)) }
        groups = []
    }

    /// The fields the audit digest covers (ID number included only inside the keyed digest).
    func auditFields() -> [(String, String?)] {
        [("name", name), ("id_type", idType), ("id_number", idNumber), ("gender", gender),
         ("birth_date", birthDate), ("phone", phone), ("address", address),
         ("township_id", townshipID.map(String.init)), ("needs", needs.map(\.rawValue).joined(separator: ",")),
         ("groups", groups.sorted().joined(separator: ","))]
    }
}

extension Applicant: StoreRecord {}
