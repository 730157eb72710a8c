/// v18-subsidy-ledger (issue 19): subsidies as a ledger.
/// - subsidy lines say whether they are the month's original line or a later adjustment, which
///   fund pays them, and when and by whom they were approved and paid; an approved or paid line
///   can no longer be changed or deleted (triggers) — corrections are new adjustment lines;
/// - a case may have one original line per fund (惠民工程 1 000 元, and the legal-aid budget's
///   ordinary subsidy or top-up), never two from the same fund;
/// - duty_verification: the decision on a duty with no sign-in (待核实 → 不在岗 or 已说明);
/// - duty_complaint: complaints about a duty (register → accept → verify → deduct);
/// - aid_case.service_stage: the stage the aid covered, for the ordinary case subsidy table.
/// Frozen once committed: never edit; add a new migration instead.
enum V18SubsidyLedger {
    static let sql = """
    ALTER TABLE subsidy ADD COLUMN entry TEXT NOT NULL DEFAULT 'original' CHECK (entry IN ('original', 'adjustment'));
    ALTER TABLE subsidy ADD COLUMN fund TEXT NOT NULL DEFAULT 'huimin' CHECK (fund IN ('huimin', 'legal_aid'));
    ALTER TABLE subsidy ADD COLUMN approved_at TEXT;
    ALTER TABLE subsidy ADD COLUMN approved_by INTEGER REFERENCES operator(id);
    ALTER TABLE subsidy ADD COLUMN paid_at TEXT;
    ALTER TABLE subsidy ADD COLUMN paid_by INTEGER REFERENCES operator(id);

    DROP INDEX subsidy_case_once;
    CREATE UNIQUE INDEX subsidy_case_once ON subsidy(case_id, fund) WHERE kind = 'case' AND entry = 'original';
    CREATE INDEX subsidy_month ON subsidy(month, status);

    CREATE TRIGGER subsidy_approved_is_final BEFORE UPDATE ON subsidy
    WHEN OLD.status IN ('approved', 'paid') AND (
        NEW.amount_fen != OLD.amount_fen OR NEW.deductions_fen != OLD.deductions_fen
        OR NEW.provider_id != OLD.provider_id OR NEW.month != OLD.month OR NEW.kind != OLD.kind
        OR NEW.shift_id IS NOT OLD.shift_id OR NEW.case_id IS NOT OLD.case_id OR NEW.entry != OLD.entry
        OR NEW.fund != OLD.fund
        OR (OLD.status = 'paid' AND NEW.status != 'paid')
        OR (OLD.status = 'approved' AND NEW.status NOT IN ('approved', 'paid', 'withheld')))
    BEGIN
        SELECT RAISE(ABORT, '已核定的补贴行不能修改，更正请记调整行');
    END;

    CREATE TRIGGER subsidy_approved_is_kept BEFORE DELETE ON subsidy
    WHEN OLD.status IN ('approved', 'paid')
    BEGIN
        SELECT RAISE(ABORT, '已核定的补贴行不能删除，更正请记调整行');
    END;

    CREATE TABLE duty_verification (
        shift_id INTEGER PRIMARY KEY REFERENCES duty_shift(id) ON DELETE CASCADE,
        decision TEXT NOT NULL CHECK (decision IN ('absent', 'excused')),
        reason TEXT NOT NULL,
        operator_id INTEGER REFERENCES operator(id),
        decided_at TEXT NOT NULL
    );

    CREATE TABLE duty_complaint (
        id INTEGER PRIMARY KEY,
        shift_id INTEGER NOT NULL REFERENCES duty_shift(id),
        consultation_id INTEGER REFERENCES consultation(id),
        complainant TEXT NOT NULL,
        summary TEXT NOT NULL,
        received_on TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'registered'
            CHECK (status IN ('registered', 'accepted', 'upheld', 'rejected', 'deducted')),
        accepted_on TEXT,
        finished_on TEXT,
        finding TEXT NOT NULL DEFAULT '',
        mark_id INTEGER REFERENCES duty_mark(id),
        registered_by INTEGER REFERENCES operator(id),
        created_at TEXT NOT NULL
    );
    CREATE INDEX duty_complaint_shift ON duty_complaint(shift_id);

    ALTER TABLE aid_case ADD COLUMN service_stage TEXT CHECK (service_stage IN
        ('litigation', 'non_litigation', 'investigation', 'prosecution', 'trial', 'death_penalty_review'));
    """
}
