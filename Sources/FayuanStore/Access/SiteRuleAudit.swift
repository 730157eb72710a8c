import Crypto
import FayuanCore
import Foundation

extension CaseStore {
    /// Records that a site rule file was written (holiday notice, local threshold, targets): who,
    /// which file, what it is about, and SHA-256 digests of the text before and after, so the
    /// audit log can prove which rule file a later decision or deadline was computed on.
    /// Administrators only (manageSiteRules); one transaction.
    public func recordSiteRuleFile(action: String, subject: String, path: String, before: String?, after: String,
                                   detail: String, by actor: Actor) throws {
        try actor.require(.manageSiteRules)
        let now = timestamp()
        try write { db in
            _ = try AuditLog.append(db, at: now, operatorID: actor.operatorID, action: action, entity: "site_rule",
                                entityID: path, before: before.map(Self.textDigest), after: Self.textDigest(after),
                                detail: actor.auditNote + "\(subject)：\(detail)（文件 \(path)，SHA-256 \(Self.textDigest(after).prefix(16))…）")
        }
    }

    /// SHA-256 of a rule file's text, hex.
    public static func textDigest(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
