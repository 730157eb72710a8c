/// v8: 保密 cases (domestic violence and the like: the applicant's address and contact are for the
/// assigned lawyer and reviewers only) and the link from an operator to the aid-provider record
/// they are, so a duty lawyer at the keyboard is recognised as the lawyer assigned to a case.
enum V8Confidential {
    static let sql = """
    ALTER TABLE aid_case ADD COLUMN confidential INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE operator ADD COLUMN provider_id INTEGER REFERENCES provider(id);
    CREATE INDEX aid_case_confidential ON aid_case(applicant_id) WHERE confidential = 1;
    """
}
