/// A form's problems by field, for its template: each field's messages in one line.
enum FormErrors {
    static func byField(_ problems: [FieldProblem]) -> [String: String] {
        Dictionary(problems.map { ($0.field, $0.message) }) { "\($0) \($1)" }
    }
}
