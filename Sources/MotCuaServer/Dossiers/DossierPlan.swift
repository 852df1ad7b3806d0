import Fluent
import Foundation
import MotCuaCore

extension DossierDesk {
    /// An action's input checked and its lookups done before the transaction: the lifecycle move
    /// (`DossierLifecycle`) with everything it names, so the change needs no further I/O.
    struct Plan {
        let note: String
        let now: Date
        let time: WorkingTime
        var move: DossierLifecycle.Move
        /// Acceptance: the specialist routing hands the dossier to at once.
        var routedTo: DossierRouting.Specialist?

        var action: DossierAction { move.action }

        static func make(_ action: DossierAction, _ input: DossierActionInput, seen: Dossier, now: Date, knownUnit: OrgUnit? = nil,
                         on db: any Database) async throws -> Plan {
            let note = (input.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            var problems: [FieldProblem] = []
            if action.needsNote, note.count < 3 { problems.append(.init(field: "note", message: "Ghi rõ lý do, nội dung (ít nhất 3 ký tự).")) }
            if note.count > 2_000 { problems.append(.init(field: "note", message: "Nội dung dài quá 2.000 ký tự.")) }
            let unit = if let knownUnit, knownUnit.id == seen.$handlingUnit.id { knownUnit } else {
                try await OrgUnit.find(seen.$handlingUnit.id, on: db)
            }
            let requestedDay = (input.newAppointmentDate ?? "").trimmingCharacters(in: .whitespaces)
            let day = requestedDay.isEmpty ? nil : CivilDateParser.parse(requestedDay)
            if !requestedDay.isEmpty, day == nil { problems.append(.init(field: "newAppointmentDate", message: "Ngày hẹn phải có dạng năm-tháng-ngày.")) }
            let time = try await CalendarService.workingTime(around: [now, seen.appointmentAt ?? now],
                                                             unit: unit, on: db)
            var move: DossierLifecycle.Move? = Self.simpleMoves[action]
            var routedTo: DossierRouting.Specialist?
            switch action {
            case .accept:
                let content = try seen.content()
                var appointment: DeadlineCalculator.Appointment?
                if let processing = content.processingTime {
                    let (value, unit) = processing.deadline
                    appointment = try? DeadlineCalculator(time: time).appointment(receivedAt: now, value: value, unit: unit)
                } else if let day {
                    if day < VietnameseFormat.civilDate(of: now) {
                        problems.append(.init(field: "newAppointmentDate", message: "Ngày hẹn không được trước hôm nay."))
                    } else if (try? time.calendar.isWorkingDay(day)) != true {
                        problems.append(.init(field: "newAppointmentDate", message: "Ngày hẹn phải là ngày làm việc."))
                    }
                    appointment = .init(countsFrom: now, due: time.closing(of: day))
                } else {
                    problems.append(.init(field: "newAppointmentDate",
                                          message: "Thủ tục chưa công bố thời hạn giải quyết: ghi ngày hẹn trả kết quả."))
                }
                if appointment == nil, problems.isEmpty {
                    problems.append(.init(field: "newAppointmentDate", message: "Không tính được ngày hẹn trả theo lịch làm việc."))
                }
                move = appointment.map { .accept($0) }
                routedTo = try await DossierRouting.specialist(unitID: seen.$handlingUnit.id, fieldID: seen.$field.id, on: db)
            case .assign:
                guard let assigneeID = input.assigneeID,
                      let user = try await DossierRouting.specialists(unitID: seen.$handlingUnit.id, on: db).first(where: { $0.id == assigneeID })
                else {
                    problems.append(.init(field: "assigneeID", message: "Chọn chuyên viên thụ lý của đơn vị."))
                    break
                }
                move = .assign(.init(id: user.id, name: user.fullName))
            case .apologize:
                guard let day else {
                    problems.append(.init(field: "newAppointmentDate", message: "Ghi ngày hẹn mới."))
                    break
                }
                let due = time.closing(of: day)
                if let current = seen.appointmentAt, due <= current {
                    problems.append(.init(field: "newAppointmentDate", message: "Ngày hẹn mới phải sau ngày hẹn hiện tại (\(VietnameseFormat.date(current)))."))
                }
                if let current = seen.appointmentAt, now > current {
                    problems.append(.init(field: "newAppointmentDate",
                                          message: "Đã quá hạn: văn bản xin lỗi phải gửi trước thời hạn giải quyết (\(VietnameseFormat.dateTime(current)))."))
                }
                if (try? time.calendar.isWorkingDay(day)) != true { problems.append(.init(field: "newAppointmentDate", message: "Ngày hẹn mới phải là ngày làm việc.")) }
                move = .apologize(newAppointment: due)
            case .transfer:
                let partnerCode = (input.transferUnitCode ?? "").trimmingCharacters(in: .whitespaces)
                let agency = (input.agency ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                if !partnerCode.isEmpty {
                    let partner = partnerCode.count > 40 ? nil : try await OrgUnit.query(on: db).filter(\.$code == partnerCode)
                        .filter(\.$province.$id == seen.$province.id).first()
                    if let partner, partner.isActive, partner.id != seen.$handlingUnit.id {
                        move = .transfer(agency: partner.name, unitID: partner.id)
                    } else {
                        problems.append(.init(field: "transferUnitCode",
                                              message: "Không có đơn vị phối hợp mã “\(partnerCode.prefix(40))” trong tỉnh (khác đơn vị đang giải quyết)."))
                    }
                } else if !(3...300).contains(agency.count) {
                    problems.append(.init(field: "agency", message: "Chọn đơn vị phối hợp hoặc ghi tên cơ quan phối hợp nhận hồ sơ."))
                } else {
                    move = .transfer(agency: agency, unitID: nil)
                }
            case .paymentReceived:
                move = .paymentReceived(input.paymentChannel ?? .counter)
            case .returnResult:
                move = .returnResult(input.resultDelivery)
            default:
                break
            }
            guard problems.isEmpty, let move else { throw AppError.invalid(problems) }
            return Plan(note: note, now: now, time: time, move: move, routedTo: routedTo)
        }

        /// The moves that name nothing beyond the action.
        private static let simpleMoves: [DossierAction: DossierLifecycle.Move] = [
            .requestSupplement: .requestSupplement, .supplementReceived: .supplementReceived, .refuse: .refuse,
            .submitForApproval: .submitForApproval, .approve: .approve, .sendBack: .sendBack, .transferReturned: .transferReturned,
            .requestPayment: .requestPayment, .withdraw: .withdraw, .stop: .stop,
        ]
    }
}

