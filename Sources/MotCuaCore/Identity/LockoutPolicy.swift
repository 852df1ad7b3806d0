import Foundation

/// Locks an account for a while after repeated failed sign-ins.
public struct LockoutPolicy: Sendable, Equatable {
    /// Failures in a row that lock the account.
    public var maximumFailures: Int
    /// How long the account stays locked.
    public var lockDuration: TimeInterval

    public init(maximumFailures: Int = 5, lockDuration: TimeInterval = 15 * 60) {
        self.maximumFailures = maximumFailures
        self.lockDuration = lockDuration
    }

    /// Account state relevant to sign-in.
    public struct State: Sendable, Equatable {
        public var failures: Int
        public var lockedUntil: Date?

        public init(failures: Int, lockedUntil: Date?) {
            self.failures = failures
            self.lockedUntil = lockedUntil
        }

        public func isLocked(at now: Date) -> Bool {
            if let lockedUntil, lockedUntil > now { return true }
            return false
        }
    }

    /// The state after a failed attempt at `now`. An attempt while locked does not extend the lock.
    public func afterFailure(_ state: State, at now: Date) -> State {
        if state.isLocked(at: now) { return state }
        let failures = state.failures + 1
        if failures >= maximumFailures {
            return State(failures: 0, lockedUntil: now.addingTimeInterval(lockDuration))
        }
        return State(failures: failures, lockedUntil: nil)
    }

    /// The state after a successful sign-in.
    public func afterSuccess(_ state: State) -> State {
        State(failures: 0, lockedUntil: nil)
    }
}
