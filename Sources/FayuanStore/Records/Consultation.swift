
/// One free consultation given and recorded (咨询).
public struct Consultation: Sendable, Equatable, Codable {
    public var id: Int64?
    public var stationID: Int64
    public var operatorID: Int64?
    public var providerID: Int64?
    public var applicantID: Int64?
    public var visitorName: String?
    public var channel: ConsultationChannel
    public var topic: String
    public var question: String
    public var answer: String
    public var referral: String?
    public var satisfaction: Satisfaction?
    public var durationMinutes: Int?
    public var day: String
    /// The visitor's phone for call-backs (v16-consultation-phone); shown masked.
    public var visitorPhone: String?

    public init(id: Int64? = nil, stationID: Int64, operatorID: Int64? = nil, providerID: Int64? = nil,
                applicantID: Int64? = nil, visitorName: String? = nil, channel: ConsultationChannel,
                topic: String, question: String = "", answer: String = "", referral: String? = nil,
                satisfaction: Satisfaction? = nil, durationMinutes: Int? = nil, day: String, visitorPhone: String? = nil) {
        self.visitorPhone = visitorPhone
        self.id = id; self.stationID = stationID; self.operatorID = operatorID; self.providerID = providerID
        self.applicantID = applicantID; self.visitorName = visitorName; self.channel = channel
        self.topic = topic; self.question = question; self.answer = answer; self.referral = referral
        self.satisfaction = satisfaction; self.durationMinutes = durationMinutes; self.day = day
    }

    init(row: SQLRow) throws {
        id = row["id"]; stationID = row["station_id"]; operatorID = row["operator_id"]
        providerID = row["provider_id"]; applicantID = row["applicant_id"]; visitorName = row["visitor_name"]
        channel = ConsultationChannel(rawValue: row["channel"]) ?? .window
        topic = row["topic"]; question = row["question"]; answer = row["answer"]; referral = row["referral"]
        satisfaction = (row["satisfaction"] as String?).flatMap(Satisfaction.init(rawValue:))
        durationMinutes = row["duration_minutes"]; day = row["day"]
        visitorPhone = row.hasColumn("visitor_phone") ? row["visitor_phone"] : nil
    }
}

extension Consultation: StoreRecord {}
