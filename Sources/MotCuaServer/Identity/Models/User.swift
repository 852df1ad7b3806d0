import Fluent
import Foundation
import MotCuaCore

/// A person who signs in: an officer of one unit, or a citizen.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: Actor.Kind
    @Field(key: "full_name") var fullName: String
    /// Officers sign in with a user name; citizens with their phone, e-mail or ID number.
    @OptionalField(key: "username") var username: String?
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "phone") var phone: String?
    /// When the person proved the phone (a code sent to it); nil: unverified, no messages to it.
    @OptionalField(key: "phone_verified_at") var phoneVerifiedAt: Date?
    @OptionalField(key: "email_verified_at") var emailVerifiedAt: Date?
    @OptionalField(key: "citizen_id_number") var citizenIDNumber: String?
    @OptionalField(key: "password_hash") var passwordHash: String?
    @OptionalParent(key: "unit_id") var unit: OrgUnit?
    @OptionalParent(key: "department_id") var department: Department?
    @OptionalField(key: "job_title") var jobTitle: String?
    @Field(key: "is_active") var isActive: Bool
    @Field(key: "failed_sign_ins") var failedSignIns: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    /// Changes when the password changes; sessions made before are no longer valid.
    @Field(key: "credentials_version") var credentialsVersion: Int
    /// Seam for an external identity provider (VNeID-style OpenID Connect): issuer and subject.
    @OptionalField(key: "identity_issuer") var identityIssuer: String?
    @OptionalField(key: "identity_subject") var identitySubject: String?
    @Field(key: "created_at") var createdAt: Date

    @Children(for: \.$user) var roles: [UserRole]
    @Children(for: \.$user) var fields: [UserField]

    init() {}

    init(
        id: UUID? = nil, kind: Actor.Kind, fullName: String, username: String? = nil, email: String? = nil,
        phone: String? = nil, citizenIDNumber: String? = nil, passwordHash: String?, unitID: UUID? = nil,
        departmentID: UUID? = nil, jobTitle: String? = nil, createdAt: Date
    ) {
        self.id = id
        self.kind = kind
        self.fullName = fullName
        self.username = username
        self.email = email
        self.phone = phone
        self.citizenIDNumber = citizenIDNumber
        self.passwordHash = passwordHash
        self.$unit.id = unitID
        self.$department.id = departmentID
        self.jobTitle = jobTitle
        self.isActive = true
        self.failedSignIns = 0
        self.lockedUntil = nil
        self.credentialsVersion = 1
        self.createdAt = createdAt
    }

    var lockoutState: LockoutPolicy.State {
        get { .init(failures: failedSignIns, lockedUntil: lockedUntil) }
        set {
            failedSignIns = newValue.failures
            lockedUntil = newValue.lockedUntil
        }
    }
}

extension User {
    /// Listed by hand: FluentKit otherwise finds them by reflection on every use, its main cost
    /// (`ModelPropertiesTests` checks the list against reflection).
    var properties: [any AnyProperty] {
        [
            $id, $kind, $fullName, $username, $email, $phone, $phoneVerifiedAt, $emailVerifiedAt, $citizenIDNumber, $passwordHash, $unit, $department,
            $jobTitle, $isActive, $failedSignIns, $lockedUntil, $credentialsVersion, $identityIssuer, $identitySubject,
            $createdAt, $roles, $fields
        ]
    }
}
