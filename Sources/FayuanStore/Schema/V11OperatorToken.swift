/// Per-operator tokens for integrations that call the command line (`FAYUAN_TOKEN`,
/// `--token-file`). Only the SHA-256 of a token is kept; the token itself is shown once.
enum V11OperatorToken {
    static let sql = """
        CREATE TABLE operator_token (
            id INTEGER PRIMARY KEY,
            operator_id INTEGER NOT NULL REFERENCES operator(id),
            label TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            created_by INTEGER REFERENCES operator(id),
            revoked_at TEXT,
            last_used_at TEXT
        );
        CREATE INDEX operator_token_operator ON operator_token(operator_id);
        """
}
