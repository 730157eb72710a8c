/// v7-reports: covering indexes for the report queries. Each indicator reads one date range of
/// one date column (accepted, decided, assigned, closed; consultation day); with these indexes a
/// year of a 1M-case store is answered from the index alone, without touching the table rows.
/// Frozen once committed: never edit; add a new migration instead.
enum V7Reports {
    static let sql = """
    CREATE INDEX aid_case_report_accepted ON aid_case(accepted_on, station_id, cause, applicant_id);
    CREATE INDEX aid_case_report_decided ON aid_case(decided_on, station_id, step, applicant_id, applied_on);
    CREATE INDEX aid_case_report_assigned ON aid_case(assigned_on, station_id, decided_on);
    CREATE INDEX aid_case_report_closed ON aid_case(closed_on, station_id, step, archived_on, special_group);
    CREATE INDEX consultation_report_day ON consultation(day, station_id, satisfaction);
    CREATE INDEX queue_ticket_report_day ON queue_ticket(day, station_id);
    """
}
