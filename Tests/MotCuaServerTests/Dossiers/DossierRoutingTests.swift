import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Dossier routing: the least-loaded specialist of the field, open load counted up to its cap")
struct DossierRoutingTests {
    @Test("Least open load wins, ties go by name, and past the cap specialists count as equally loaded", arguments: TestDatabase.all)
    func routing(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            let template = try await Dossier.find(try await f.submit(f.reception, accept: true).id, on: app.db)!
            template.status = .returned  // the template itself is no one's open load
            try await template.update(on: app.db)
            let other = User(kind: .officer, fullName: "Bùi Thị Chuyên", username: "a.specialist2", passwordHash: nil, unitID: f.world.unitA,
                             createdAt: f.time.now())
            try await other.create(on: app.db)
            try await UserRole(userID: other.id!, role: .specialist).create(on: app.db)
            try await UserField(userID: other.id!, fieldID: f.world.datDai).create(on: app.db)
            let a = f.world.id("a.specialist")
            // Sets each specialist's open load (processing dossiers copied from the template).
            var copied: [UUID] = []
            func load(_ counts: [UUID: Int]) async throws {
                for chunk in stride(from: 0, to: copied.count, by: 100) {
                    try await Dossier.query(on: app.db).filter(\.$id ~~ Array(copied[chunk..<min(chunk + 100, copied.count)])).delete()
                }
                var copies: [Dossier] = []
                for (specialist, count) in counts {
                    for n in 0..<count {
                        let copy = try JSONDecoder().decode(Dossier.self, from: JSONEncoder().encode(template))
                        copy.id = UUID()
                        copy.code = "T-\(specialist.uuidString.prefix(8))-\(n)"
                        copy.assigneeID = specialist
                        copy.status = .processing
                        copies.append(copy)
                    }
                }
                for chunk in stride(from: 0, to: copies.count, by: 100) { try await Array(copies[chunk..<min(chunk + 100, copies.count)]).create(on: app.db) }
                copied = copies.map { $0.id! }
            }
            func routed() async throws -> String? {
                try await DossierRouting.specialist(unitID: f.world.unitA, fieldID: f.world.datDai, on: app.db)?.fullName
            }
            try await load([:])
            #expect(try await routed() == "Bùi Thị Chuyên", "a tie goes by name")
            try await load([other.id!: 3, a: 2])
            #expect(try await routed() == "Chuyên Viên A")
            try await load([other.id!: DossierRouting.loadCap + 40, a: DossierRouting.loadCap + 5])
            #expect(try await routed() == "Bùi Thị Chuyên", "both past the cap: equal, by name")
            try await load([other.id!: DossierRouting.loadCap - 1, a: DossierRouting.loadCap + 5])
            #expect(try await routed() == "Bùi Thị Chuyên")
            try await load([other.id!: DossierRouting.loadCap + 5, a: DossierRouting.loadCap - 1])
            #expect(try await routed() == "Chuyên Viên A")
        }
    }
}
