/// Subsidies as a ledger (issue 19): what a statement says is owed is compared with the lines
/// already approved or paid; only the difference can be approved, as a new line. An approved line
/// is never rewritten: a late sign-out, an excused absence, a complaint deduction or a duty found
/// after approval becomes an adjustment line (调整) approved later.
public enum SubsidyLineStatus: String, Sendable, Hashable, Codable {
    case pending, approved, paid, withheld

    public var label: String {
        switch self {
        case .pending: return "待核定"
        case .approved: return "已核定"
        case .paid: return "已发放"
        case .withheld: return "不予发放"
        }
    }
}

/// original | adjustment.
public enum SubsidyEntry: String, Sendable, Hashable, Codable {
    case original, adjustment

    public var label: String { self == .original ? "原始" : "调整" }
}

/// A line written to the ledger.
public struct PostedSubsidyLine: Sendable, Hashable {
    public var id: Int64
    public var key: String
    public var entry: SubsidyEntry
    public var status: SubsidyLineStatus
    public var amountFen: Int
    public var note: String
    public var approvedAt: String?
    public var paidAt: String?

    public init(id: Int64, key: String, entry: SubsidyEntry, status: SubsidyLineStatus, amountFen: Int, note: String,
                approvedAt: String? = nil, paidAt: String? = nil) {
        self.id = id; self.key = key; self.entry = entry; self.status = status; self.amountFen = amountFen
        self.note = note; self.approvedAt = approvedAt; self.paidAt = paidAt
    }

    /// Counts towards what the person has been granted.
    public var counts: Bool { status == .approved || status == .paid }
}

/// A line that can be approved now: the statement's amount less what is already approved.
public struct DueSubsidyLine: Sendable, Hashable {
    public var key: String
    public var line: SubsidyLine
    public var entry: SubsidyEntry
    /// The amount to approve (may be negative for an adjustment).
    public var amountFen: Int
    public var explanation: [String]
}

/// Where a month stands for the people in it.
public enum SubsidyMonthState: String, Sendable, Hashable, Codable {
    /// The month has not ended: nothing can be approved.
    case open
    case unapproved
    case partlyApproved = "partly_approved"
    case approved
    case paid

    public var label: String {
        switch self {
        case .open: return "本月未结束"
        case .unapproved: return "未核定"
        case .partlyApproved: return "部分核定"
        case .approved: return "✓ 已核定"
        case .paid: return "✓ 已发放"
        }
    }
}

/// One person's month as a ledger.
public struct SubsidyAccount: Sendable, Hashable {
    public var statement: SubsidyStatement
    public var posted: [PostedSubsidyLine]
    public var due: [DueSubsidyLine]
    /// Lines held as 待核实 (not approvable until decided).
    public var unverified: [SubsidyLine]

    public var approvedFen: Int { posted.filter(\.counts).reduce(0) { $0 + $1.amountFen } }
    public var paidFen: Int { posted.filter { $0.status == .paid }.reduce(0) { $0 + $1.amountFen } }
    public var dueFen: Int { due.reduce(0) { $0 + $1.amountFen } }

    public func state(monthEnded: Bool) -> SubsidyMonthState {
        SubsidyLedger.state(monthEnded: monthEnded, posted: posted, dueCount: due.count, unverified: unverified.count)
    }
}

public enum SubsidyLedger {
    /// Compares a statement with the lines posted for its month.
    /// `monthApproved`: this person's month was approved already, so anything approved for them
    /// now is an adjustment (a correction, an excused absence, a duty found later).
    public static func account(_ statement: SubsidyStatement, posted: [PostedSubsidyLine],
                               monthApproved: Bool) -> SubsidyAccount {
        var due: [DueSubsidyLine] = []
        var unverified: [SubsidyLine] = []
        var byKey: [String: [PostedSubsidyLine]] = [:]
        for p in posted { byKey[p.key, default: []].append(p) }
        var seen = Set<String>()
        for line in statement.lines {
            seen.insert(line.key)
            let granted = (byKey[line.key] ?? []).filter(\.counts).reduce(0) { $0 + $1.amountFen }
            if line.unverified && granted == 0 { unverified.append(line); continue }
            let difference = line.amountFen - granted
            let hasLine = !(byKey[line.key] ?? []).filter(\.counts).isEmpty
            // Before the first approval every line is due, zero ones too (the record shows the day was
            // looked at); afterwards only a difference is.
            if (hasLine || monthApproved) && difference == 0 { continue }
            // A case not yet payable (not closed, not reviewed, no rate) stays a candidate: it is
            // approved once it earns something.
            if line.kind == .case && !hasLine && line.amountFen == 0 { continue }
            let entry: SubsidyEntry = (hasLine || monthApproved) ? .adjustment : .original
            var why = line.explanation
            if entry == .adjustment {
                why.insert("调整：应发\(Money.yuan(line.amountFen))元，已核定\(Money.yuan(granted))元，差额\(Money.yuan(difference))元", at: 0)
            }
            due.append(DueSubsidyLine(key: line.key, line: line, entry: entry, amountFen: difference, explanation: why))
        }
        // Lines granted for something the statement no longer owes (a duty cancelled after approval).
        for (key, lines) in byKey where !seen.contains(key) {
            let granted = lines.filter(\.counts).reduce(0) { $0 + $1.amountFen }
            guard granted != 0, let first = lines.first else { continue }
            let line = SubsidyLine(kind: key.hasPrefix("duty") ? .duty : .case, shiftID: nil, caseID: nil, day: nil,
                                   label: first.note.isEmpty ? key : String(first.note.prefix(20)), baseFen: 0, deductionsFen: 0,
                                   explanation: ["不再应发，冲回已核定的\(Money.yuan(granted))元"])
            due.append(DueSubsidyLine(key: key, line: line, entry: .adjustment, amountFen: -granted, explanation: line.explanation))
        }
        return SubsidyAccount(statement: statement, posted: posted, due: due, unverified: unverified)
    }

    public static func state(monthEnded: Bool, posted: [PostedSubsidyLine], dueCount: Int, unverified: Int) -> SubsidyMonthState {
        guard monthEnded else { return .open }
        let granted = posted.filter(\.counts)
        if granted.isEmpty { return dueCount == 0 && unverified == 0 ? .approved : .unapproved }
        if dueCount > 0 || unverified > 0 { return .partlyApproved }
        return granted.allSatisfy { $0.status == .paid } ? .paid : .approved
    }
}
