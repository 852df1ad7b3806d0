import Foundation
import MotCuaCore
import MotCuaTestSupport
import Testing

@Suite("Lock-out after repeated failed sign-ins")
struct LockoutPolicyTests {
    let policy = LockoutPolicy(maximumFailures: 5, lockDuration: 900)
    let start = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("The fifth failure in a row locks for the duration, then the account opens again")
    func locks() {
        var state = LockoutPolicy.State(failures: 0, lockedUntil: nil)
        for attempt in 1...4 {
            state = policy.afterFailure(state, at: start)
            #expect(!state.isLocked(at: start), "attempt \(attempt)")
        }
        state = policy.afterFailure(state, at: start)
        #expect(state.isLocked(at: start))
        #expect(state.isLocked(at: start.addingTimeInterval(899)))
        #expect(!state.isLocked(at: start.addingTimeInterval(900)))
    }

    @Test("Failures while locked do not extend the lock; success resets the count")
    func lockedAttempts() {
        var state = LockoutPolicy.State(failures: 0, lockedUntil: nil)
        for _ in 1...5 { state = policy.afterFailure(state, at: start) }
        let until = state.lockedUntil
        state = policy.afterFailure(state, at: start.addingTimeInterval(600))
        #expect(state.lockedUntil == until)
        #expect(policy.afterSuccess(LockoutPolicy.State(failures: 4, lockedUntil: nil)) == .init(failures: 0, lockedUntil: nil))
    }

    @Test("Property: an account is locked exactly when the last `maximum` attempts in a row failed within the lock window")
    func property() {
        let seed = TestSeed(5)
        var generator = seed.generator
        for _ in 0..<500 {
            var state = LockoutPolicy.State(failures: 0, lockedUntil: nil)
            var now = start
            var consecutive = 0
            var lockedUntil: Date?
            for _ in 0..<40 {
                now += Double(Int.random(in: 0...400, using: &generator))
                if let until = lockedUntil, until > now { continue } // a locked account cannot try
                lockedUntil = nil
                if Bool.random(using: &generator) {
                    state = policy.afterFailure(state, at: now)
                    consecutive += 1
                    if consecutive == 5 {
                        lockedUntil = now + 900
                        consecutive = 0
                    }
                } else {
                    state = policy.afterSuccess(state)
                    consecutive = 0
                }
                #expect(state.isLocked(at: now) == (lockedUntil != nil), "\(seed)")
                #expect(state.failures == consecutive, "\(seed)")
            }
        }
    }
}
