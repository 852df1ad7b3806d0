import Foundation

/// Documents and internal-process steps written one per line, as an officer types them in a
/// form: `Tờ khai đăng ký kết hôn | Bản chính | 1` and `Bộ phận một cửa | Tiếp nhận hồ sơ | 2`.
public enum ProcedureLines {
    public static func text(of documents: [RequiredDocument]) -> String {
        documents.map { "\($0.name) | \($0.form.label) | \($0.quantity)" }.joined(separator: "\n")
    }

    public static func text(of steps: [InternalStep]) -> String {
        steps.map { "\($0.actor) | \($0.task) | \(ProcessingTime.number($0.hours, padded: false))" }.joined(separator: "\n")
    }

    private static func lines(_ text: String) -> [(Int, [String])] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated().compactMap { index, line in
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { return nil }
            return (index + 1, trimmed.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) })
        }
    }

    /// Parses documents; a line may leave out the form (original) and the quantity (1).
    public static func documents(_ text: String) -> (documents: [RequiredDocument], problems: [String]) {
        var documents: [RequiredDocument] = [], problems: [String] = []
        for (line, parts) in lines(text) {
            let form: RequiredDocument.Form?
            if parts.count > 1, !parts[1].isEmpty {
                let folded = VietnameseText.fold(parts[1])
                form = RequiredDocument.Form.allCases.first { VietnameseText.fold($0.label) == folded || $0.rawValue == parts[1] }
                    ?? (folded == "ban sao chung thuc" ? .certifiedCopy : nil)
            } else {
                form = .original
            }
            let quantity = parts.count > 2 ? Int(parts[2]) : 1
            guard let form, let quantity, (1...99).contains(quantity), !parts[0].isEmpty, parts.count <= 3 else {
                problems.append("Thành phần hồ sơ, dòng \(line): viết “Tên giấy tờ | Bản chính (hoặc Bản sao, Bản sao có chứng thực) | số lượng”.")
                continue
            }
            documents.append(RequiredDocument(name: parts[0], form: form, quantity: quantity))
        }
        return (documents, problems)
    }

    /// Parses internal-process steps: actor, task, working hours (decimal comma allowed).
    public static func steps(_ text: String) -> (steps: [InternalStep], problems: [String]) {
        var steps: [InternalStep] = [], problems: [String] = []
        for (line, parts) in lines(text) {
            guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty,
                  let hours = Double(parts[2].replacingOccurrences(of: ",", with: ".")), hours > 0, hours <= 2_000
            else {
                problems.append("Quy trình nội bộ, dòng \(line): viết “Bộ phận | Công việc | số giờ”, ví dụ “Bộ phận một cửa | Tiếp nhận hồ sơ | 2”.")
                continue
            }
            steps.append(InternalStep(actor: parts[0], task: parts[1], hours: hours))
        }
        return (steps, problems)
    }
}
