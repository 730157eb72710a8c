/// How a completed year of age (周岁) is reached.
public enum AgeCounting: String, Sendable, Codable, CaseIterable {
    /// The SPC rule (2006 juvenile interpretation Art 2; 民法典 Arts 201–202): N 周岁 is reached on
    /// the day after the Nth birthday, so on the birthday itself the person is still N−1.
    case dayAfterBirthday = "day_after_birthday"
    /// Some agencies count the birthday itself.
    case onBirthday = "on_birthday"
}

/// Age in completed years (周岁).
public enum Age {
    /// The day on which a person born on `birthDate` reaches `years` 周岁. A 29 February birthday
    /// has its anniversary on 28 February in common years (民法典 Art 202).
    public static func dateReaching(_ years: Int, bornOn birthDate: LocalDate,
                                    counting: AgeCounting = .dayAfterBirthday) -> LocalDate {
        let anniversary = birthDate.adding(years: years)
        return counting == .dayAfterBirthday ? anniversary.adding(days: 1) : anniversary
    }

    /// Completed years on `date`; 0 before the first anniversary is reached, and 0 for a date
    /// before the birth date.
    public static func years(bornOn birthDate: LocalDate, on date: LocalDate,
                             counting: AgeCounting = .dayAfterBirthday) -> Int {
        guard date > birthDate else { return 0 }
        var years = date.year - birthDate.year
        while years > 0, dateReaching(years, bornOn: birthDate, counting: counting) > date {
            years -= 1
        }
        return years
    }
}
