/// A choice of a select or a group of radios, as every form's template reads it.
struct Option: Encodable {
    let value: String
    let label: String
    var selected = false
}
