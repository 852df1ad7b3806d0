import Fluent
import MotCuaCore

/// Declared days, seeded with the official announcements MotCua knows (`OfficialDeclarations`).
struct M012CreateCalendarDeclarations: AsyncMigration {
    var name: String { "012_create_calendar_declarations" }

    func prepare(on database: any Database) async throws {
        try await database.schema(CalendarDeclaration.schema)
            .id()
            .field("day", .string, .required)
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid)
            .unique(on: "day")
            .create()
        for day in OfficialDeclarations.days {
            try await CalendarDeclaration(day, createdAt: Date(), createdBy: nil).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CalendarDeclaration.schema).delete()
    }
}

import Foundation
