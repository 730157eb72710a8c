/// v9: indexes for the pipeline board at province scale. Each board stage is read as "this step,
/// oldest (or newest) first, first N"; a partial index per step makes that a short index walk
/// instead of sorting every case in the step (845 000 archived cases in the 1M benchmark store).
/// Partial, so that the report queries (which bind the step as a parameter) keep their own
/// covering indexes.
enum V9Board {
    static let sql = """
    CREATE INDEX aid_case_board_applied ON aid_case(applied_on, id) WHERE step = 'applied';
    CREATE INDEX aid_case_board_accepted ON aid_case(applied_on, id) WHERE step = 'accepted';
    CREATE INDEX aid_case_board_granted ON aid_case(decided_on, id) WHERE step = 'granted';
    CREATE INDEX aid_case_board_handling ON aid_case(assigned_on, id) WHERE step IN ('assigned', 'handling');
    CREATE INDEX aid_case_board_closed ON aid_case(closed_on, id) WHERE step = 'closed';
    CREATE INDEX aid_case_board_archived ON aid_case(archived_on, id) WHERE step = 'archived';
    CREATE INDEX return_visit_case_phase ON return_visit(case_id, phase);
    """
}
