/// v18-document-register: the register of issued documents. A numbered document
/// (〔2026〕泽援决字第12号) takes its number from `counter` (scope `document:<kind>:<centre>`,
/// period the year) in the same transaction as the action that issues it, so a decision and its
/// number commit together or not at all; the row keeps the document as issued (its model as
/// JSON, written when first rendered) so a reprint shows the same text and number.
enum V18DocumentRegister {
    static let sql = """
        CREATE TABLE document_register (
            id INTEGER PRIMARY KEY,
            case_id INTEGER REFERENCES aid_case(id),
            kind TEXT NOT NULL,                 -- FayuanCore.DocumentKind raw value
            title TEXT NOT NULL,
            number TEXT,                        -- the document's own number; NULL when it carries the case number
            year INTEGER NOT NULL,
            sequence INTEGER,
            issued_on TEXT NOT NULL,            -- YYYY-MM-DD
            issued_at TEXT NOT NULL,
            operator_id INTEGER REFERENCES operator(id),
            body TEXT,                          -- the document model as JSON, once rendered
            path TEXT,                          -- where its PDF was last written
            printed_count INTEGER NOT NULL DEFAULT 0,
            last_printed_at TEXT
        );
        CREATE UNIQUE INDEX document_register_number ON document_register(number) WHERE number IS NOT NULL;
        CREATE INDEX document_register_case ON document_register(case_id, id);
        """
}
