/// The government's announced changes to the working week for civil servants, as seed data an
/// administrator can extend. Each entry departs from `HolidayRules()` defaults.
public enum OfficialDeclarations {
    public static let days: [CalendarDay] = [
        // 2025. Tết Ất Tỵ: the five Tết days are 27–31/1 (28 tháng Chạp to mùng 3), so Monday 3/2 is
        // not a substitute for Saturday 1/2; 30/4–1/5: work Saturday 26/4, rest Friday 2/5.
        CalendarDay(date: CivilDate(year: 2025, month: 1, day: 27), name: "Tết Nguyên đán Ất Tỵ (28 tháng Chạp)", kind: .declaredDayOff),
        CalendarDay(date: CivilDate(year: 2025, month: 2, day: 3), name: "Làm việc: năm 2025 nghỉ Tết từ 27/1 đến 31/1", kind: .declaredWorkingDay),
        CalendarDay(date: CivilDate(year: 2025, month: 4, day: 26), name: "Làm bù cho thứ Sáu 02/5/2025", kind: .makeUpWorkingDay),
        CalendarDay(date: CivilDate(year: 2025, month: 5, day: 2), name: "Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)", kind: .declaredDayOff),
        // 2026. Quốc khánh: work Saturday 22/8, rest Monday 31/8.
        CalendarDay(date: CivilDate(year: 2026, month: 8, day: 22), name: "Làm bù cho thứ Hai 31/8/2026", kind: .makeUpWorkingDay),
        CalendarDay(date: CivilDate(year: 2026, month: 8, day: 31), name: "Nghỉ hoán đổi (làm bù thứ Bảy 22/8/2026)", kind: .declaredDayOff),
    ]
}
