/// v20-pool (issue 24 part 2): the pools of aid providers — the published register by category
/// and specialty, pool memberships (志愿律师库、名优律师团、值班律师库、评查专家库…), non-lawyer
/// volunteers with their service hours and incidents, "1+1" pairs and the pairs recorded on cases,
/// and quality-review panels drawn from the expert pool with their seed and recusals.
/// Written once for both engines (portable SQL; dates bound as ISO text from Swift).
/// Frozen once committed: never edit; add a new migration instead.
enum V20Pool {
    static func sql(_ d: SQLDialect) -> String {
        // Literal lists (not derived from the enums): a committed migration never changes.
        let pools = "'volunteer_lawyers', 'leading_lawyers', 'duty_lawyers', 'review_experts', 'military_talent', 'new_economy_team'"
        let specialties = "'criminal', 'marriage_family', 'labor', 'work_injury', 'traffic', 'medical', 'land', 'administrative', "
            + "'minors', 'domestic_violence', 'military', 'new_economy', 'maritime'"
        var statements = [
            """
            CREATE TABLE provider_register (
                provider_id INTEGER PRIMARY KEY REFERENCES provider(id),
                licence_no TEXT,                             -- 执业证号
                practice_start TEXT,                         -- YYYY-MM-DD, practice years computed from it
                published INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),   -- 向社会公布 (JS Art 15)
                operator_id INTEGER REFERENCES operator(id),
                updated_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE provider_specialty (
                provider_id INTEGER NOT NULL REFERENCES provider(id),
                code TEXT NOT NULL CHECK (code IN (\(specialties))),
                PRIMARY KEY (provider_id, code)
            )
            """,
            """
            CREATE TABLE pool_member (
                id \(d.autoIncrementPrimaryKey),
                provider_id INTEGER NOT NULL REFERENCES provider(id),
                pool TEXT NOT NULL CHECK (pool IN (\(pools))),
                joined_on TEXT NOT NULL,
                valid_to TEXT,                               -- end of the term (e.g. 3 years), NULL: open-ended
                status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'removed', 'expired')),
                status_on TEXT,
                status_reason TEXT NOT NULL DEFAULT '',
                operator_id INTEGER REFERENCES operator(id),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX pool_member_one ON pool_member(provider_id, pool)",
            "CREATE INDEX pool_member_pool ON pool_member(pool, status)",
            """
            CREATE TABLE volunteer (
                id \(d.autoIncrementPrimaryKey),
                name TEXT NOT NULL,
                id_number TEXT,                              -- personal data: leaves the store masked
                phone TEXT,                                  -- personal data: leaves the store masked
                skills TEXT NOT NULL DEFAULT '',             -- 服务技能 (Art 14)
                availability TEXT NOT NULL DEFAULT '',       -- 服务时间 (Art 14)
                station_id INTEGER REFERENCES station(id),
                platform_no TEXT,                            -- national volunteer platform number (Art 15)
                status TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'registered', 'exiting', 'exited', 'removed')),
                applied_on TEXT NOT NULL,
                registered_on TEXT,
                exit_requested_on TEXT,
                exit_due_on TEXT,                            -- 15 working days after the request (Art 19)
                exited_on TEXT,
                removed_on TEXT,
                removal_reason TEXT CHECK (removal_reason IS NULL OR removal_reason IN
                    ('profit_making', 'taking_money', 'missed_services', 'quality_complaints', 'practice_breach')),
                operator_id INTEGER REFERENCES operator(id),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE volunteer_service (
                id \(d.autoIncrementPrimaryKey),
                volunteer_id INTEGER NOT NULL REFERENCES volunteer(id),
                day TEXT NOT NULL,
                counted_minutes INTEGER NOT NULL CHECK (counted_minutes >= 0 AND counted_minutes <= 480),
                overflow_minutes INTEGER NOT NULL DEFAULT 0 CHECK (overflow_minutes >= 0),
                overflow_note TEXT NOT NULL DEFAULT '',      -- mandatory when overflow_minutes > 0 (Art 17)
                activity TEXT NOT NULL,
                station_id INTEGER REFERENCES station(id),
                evaluation TEXT NOT NULL DEFAULT '',
                operator_id INTEGER REFERENCES operator(id),
                created_at TEXT NOT NULL,
                CHECK (overflow_minutes = 0 OR overflow_note <> '')
            )
            """,
            "CREATE INDEX volunteer_service_day ON volunteer_service(volunteer_id, day)",
            """
            CREATE TABLE volunteer_incident (
                id \(d.autoIncrementPrimaryKey),
                volunteer_id INTEGER NOT NULL REFERENCES volunteer(id),
                day TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('missed_service', 'quality_complaint')),
                note TEXT NOT NULL,
                operator_id INTEGER REFERENCES operator(id),
                created_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX volunteer_incident_day ON volunteer_incident(volunteer_id, day)",
            """
            CREATE TABLE mentorship (
                id \(d.autoIncrementPrimaryKey),
                mentor_id INTEGER NOT NULL REFERENCES provider(id),
                mentee_id INTEGER NOT NULL REFERENCES provider(id),
                started_on TEXT NOT NULL,
                ended_on TEXT,
                evaluation TEXT NOT NULL DEFAULT '',         -- year-end evaluation
                operator_id INTEGER REFERENCES operator(id),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                CHECK (mentor_id <> mentee_id)
            )
            """,
            "CREATE INDEX mentorship_mentor ON mentorship(mentor_id)",
            "CREATE INDEX mentorship_mentee ON mentorship(mentee_id)",
            """
            CREATE TABLE case_pairing (
                case_id INTEGER PRIMARY KEY REFERENCES aid_case(id),
                mentorship_id INTEGER NOT NULL REFERENCES mentorship(id),
                mentor_personally INTEGER NOT NULL DEFAULT 0 CHECK (mentor_personally IN (0, 1)),  -- 亲自办理: counts for 名优
                mentor_comment TEXT NOT NULL DEFAULT '',
                operator_id INTEGER REFERENCES operator(id),
                created_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX case_pairing_mentorship ON case_pairing(mentorship_id)",
            """
            CREATE TABLE review_campaign (
                id \(d.autoIncrementPrimaryKey),
                closed_from TEXT NOT NULL,
                closed_to TEXT NOT NULL,
                rate_percent INTEGER NOT NULL CHECK (rate_percent BETWEEN 1 AND 100),
                seed TEXT NOT NULL,                          -- decimal UInt64: replays the sample and every panel
                population INTEGER NOT NULL,
                strata TEXT NOT NULL DEFAULT '',             -- "civil:75,criminal:45": drawn per stratum
                sample_id INTEGER REFERENCES quality_sample(id),
                panel_size INTEGER NOT NULL,
                operator_id INTEGER REFERENCES operator(id),
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE review_panel (
                id \(d.autoIncrementPrimaryKey),
                case_id INTEGER NOT NULL REFERENCES aid_case(id),
                campaign_id INTEGER REFERENCES review_campaign(id),
                size INTEGER NOT NULL,
                seed TEXT NOT NULL,                          -- decimal UInt64: the same pool and seed give the same panel
                pool_size INTEGER NOT NULL,                  -- experts in the pool at the draw
                pool_ids TEXT NOT NULL,                      -- their provider ids, comma-separated: the draw replays from these
                eligible_count INTEGER NOT NULL,             -- after recusal
                handler_id INTEGER REFERENCES provider(id),
                handler_firm TEXT NOT NULL DEFAULT '',
                operator_id INTEGER REFERENCES operator(id),
                created_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX review_panel_case ON review_panel(case_id)",
            // 警告 of a duty lawyer (seed-003 L115: 一次警告、二次清退 — the second proposes removal).
            """
            CREATE TABLE provider_warning (
                id \(d.autoIncrementPrimaryKey),
                provider_id INTEGER NOT NULL REFERENCES provider(id),
                pool TEXT NOT NULL DEFAULT 'duty_lawyers' CHECK (pool IN (\(pools))),
                day TEXT NOT NULL,
                reason TEXT NOT NULL,
                operator_id INTEGER REFERENCES operator(id),
                created_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX provider_warning_provider ON provider_warning(provider_id, day)",
            """
            CREATE TABLE review_panel_member (
                panel_id INTEGER NOT NULL REFERENCES review_panel(id),
                position INTEGER NOT NULL,
                provider_id INTEGER NOT NULL REFERENCES provider(id),
                name TEXT NOT NULL,
                firm TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (panel_id, position)
            )
            """,
            """
            CREATE TABLE review_panel_recusal (
                panel_id INTEGER NOT NULL REFERENCES review_panel(id),
                provider_id INTEGER NOT NULL REFERENCES provider(id),
                name TEXT NOT NULL,
                reason TEXT NOT NULL,
                PRIMARY KEY (panel_id, provider_id)
            )
            """,
        ]
        // Records of what happened: corrected by a new row, never edited.
        for (table, message) in [("volunteer_service", "志愿服务记录只能追加：更正请另记一条"),
                                 ("provider_warning", "警告记录只能追加"),
                                 ("volunteer_incident", "志愿者失约、投诉记录只能追加"),
                                 ("review_campaign", "评查抽样记录不可修改"),
                                 ("review_panel", "评查组抽取记录不可修改：请重新抽取"),
                                 ("review_panel_member", "评查组成员记录不可修改：请重新抽取"),
                                 ("review_panel_recusal", "评查组回避记录不可修改：请重新抽取")] {
            statements += d.appendOnlyGuard(table: table, message: message)
        }
        return statements.joined(separator: ";\n") + ";\n"
    }
}
