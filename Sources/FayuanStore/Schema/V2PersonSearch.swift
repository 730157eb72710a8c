/// v2-person-search: the applicant search side table. One row per search key:
///   `g:` + a 1- or 2-character gram of the name       (one- and two-Hanzi substring queries)
///   `p:` + full pinyin, `i:` + pinyin initials          (prefix queries; one row per reading)
///   `d:` + ID number reversed, `t:` + phone reversed   (suffix queries as prefix queries)
/// The primary key is the lookup index: every query is an index range, never a scan.
/// Frozen: never edit; add a new migration instead.
enum V2PersonSearch {
    static let tableSQL = """
    CREATE TABLE person_search (
        key TEXT NOT NULL,
        applicant_id INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
        PRIMARY KEY (key, applicant_id)
    ) WITHOUT ROWID;
    """
    /// For deleting an applicant's keys on update/delete (and the FK cascade).
    static let indexSQL = "CREATE INDEX person_search_applicant ON person_search(applicant_id);"
}
