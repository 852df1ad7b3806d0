import Foundation
import MotCuaServer

// A failed command has already reported its error: exit with status 1, without a crash report.
do {
    try await MotCuaMain.run()
} catch {
    exit(1)
}
