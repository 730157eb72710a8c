/// What a walk-in comes for, as data: the code on the ticket row, the Chinese word, and the letter
/// printed before the number (A012). One list, used by the ticket screen, the CLI and statistics.
public struct QueueService: Sendable, Hashable, Codable {
    /// The code scripts and the CLI use (`--service pickup`).
    public let code: String
    public let label: String
    public let letter: String
    /// The v1 `queue_ticket.service` value it is stored under. v1's CHECK allows only four, so
    /// services beyond them are stored as `other` with `code` in the detail column (see V3Queue).
    public let storedService: String

    public init(code: String, label: String, letter: String, storedService: String) {
        self.code = code; self.label = label; self.letter = letter; self.storedService = storedService
    }

    public static let all: [QueueService] = [
        QueueService(code: "consultation", label: "咨询", letter: "A", storedService: "consultation"),
        QueueService(code: "application", label: "申请", letter: "B", storedService: "application"),
        QueueService(code: "document", label: "补交材料", letter: "C", storedService: "document"),
        QueueService(code: "other", label: "其他", letter: "D", storedService: "other"),
        // 取件: collecting a decision or a document.
        QueueService(code: "pickup", label: "取件", letter: "E", storedService: "other"),
    ]

    public static func named(_ code: String) -> QueueService? { all.first { $0.code == code } }

    /// The service of a stored row: the detail code when present, else the stored service.
    public static func stored(service: String, detail: String?) -> QueueService {
        if let detail, let s = named(detail) { return s }
        return named(service) ?? all[3]
    }

    /// The stored detail for this service (nil when the v1 service code says it all).
    public var storedDetail: String? { code == storedService ? nil : code }

    /// "A012": letter and a three-digit number (more digits past 999).
    public func ticketCode(seq: Int) -> String {
        let digits = String(seq)
        return letter + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}
