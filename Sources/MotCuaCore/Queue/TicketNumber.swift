/// A ticket's printed number: the service group's letter prefix and the day's running number of
/// that group, at least three digits ("A015", "B120", "A1001").
public enum TicketNumber {
    public static func format(prefix: String, number: Int) -> String {
        let digits = String(number)
        return prefix + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    /// What the board's voice says: "Mời số A015 đến quầy 3".
    public static func announcement(prefix: String, number: Int, counter: String) -> String {
        "Mời số \(format(prefix: prefix, number: number)) đến quầy \(counter)"
    }
}
