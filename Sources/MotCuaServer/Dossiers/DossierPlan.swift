import Fluent
import Foundation
import MotCuaCore

extension DossierDesk {
    /// An action's input checked and its lookups done before the transaction: what `apply`
    /// needs to change the dossier without further I/O.
    struct Plan {
        let action: DossierAction
        let note: String
        let now: Date
        let time: WorkingTime
        let party: DossierWorkflow.Party
        let principalName: String
        var appointment: DeadlineCalculator.Appointment?
        var newAppointment: Date?
        var assignee: User?
        var routedTo: DossierRouting.Specialist?
        var agency: String?
        var partner: OrgUnit?
        var payment: PaymentChannel?
        var delivery: ResultDelivery?

        static func make(_ action: DossierAction, _ input: DossierActionInput, seen: Dossier, party: DossierWorkflow.Party,
                         principal: Principal, now: Date, knownUnit: OrgUnit? = nil, on db: any Database) async throws -> Plan {
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
            var plan = Plan(action: action, note: note, now: now, time: time, party: party, principalName: principal.fullName)
            switch action {
            case .accept:
                let content = try seen.content()
                if let processing = content.processingTime {
                    let (value, unit) = processing.deadline
                    plan.appointment = try? DeadlineCalculator(time: time).appointment(receivedAt: now, value: value, unit: unit)
                } else if let day {
                    if day < VietnameseFormat.civilDate(of: now) {
                        problems.append(.init(field: "newAppointmentDate", message: "Ngày hẹn không được trước hôm nay."))
                    } else if (try? time.calendar.isWorkingDay(day)) != true {
                        problems.append(.init(field: "newAppointmentDate", message: "Ngày hẹn phải là ngày làm việc."))
                    }
                    plan.appointment = .init(countsFrom: now, due: time.closing(of: day))
                } else {
                    problems.append(.init(field: "newAppointmentDate",
                                          message: "Thủ tục chưa công bố thời hạn giải quyết: ghi ngày hẹn trả kết quả."))
                }
                if plan.appointment == nil, problems.isEmpty {
                    problems.append(.init(field: "newAppointmentDate", message: "Không tính được ngày hẹn trả theo lịch làm việc."))
                }
                plan.routedTo = try await DossierRouting.specialist(unitID: seen.$handlingUnit.id, fieldID: seen.$field.id, on: db)
            case .assign:
                guard let assigneeID = input.assigneeID,
                      let user = try await DossierRouting.specialists(unitID: seen.$handlingUnit.id, on: db).first(where: { $0.id == assigneeID })
                else {
                    problems.append(.init(field: "assigneeID", message: "Chọn chuyên viên thụ lý của đơn vị."))
                    break
                }
                plan.assignee = user
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
                plan.newAppointment = due
            case .transfer:
                let partnerCode = (input.transferUnitCode ?? "").trimmingCharacters(in: .whitespaces)
                let agency = (input.agency ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                if !partnerCode.isEmpty {
                    let partner = partnerCode.count > 40 ? nil : try await OrgUnit.query(on: db).filter(\.$code == partnerCode)
                        .filter(\.$province.$id == seen.$province.id).first()
                    if let partner, partner.isActive, partner.id != seen.$handlingUnit.id {
                        plan.partner = partner
                        plan.agency = partner.name
                    } else {
                        problems.append(.init(field: "transferUnitCode",
                                              message: "Không có đơn vị phối hợp mã “\(partnerCode.prefix(40))” trong tỉnh (khác đơn vị đang giải quyết)."))
                    }
                } else if !(3...300).contains(agency.count) {
                    problems.append(.init(field: "agency", message: "Chọn đơn vị phối hợp hoặc ghi tên cơ quan phối hợp nhận hồ sơ."))
                } else {
                    plan.agency = agency
                }
            case .paymentReceived:
                plan.payment = input.paymentChannel ?? .counter
            case .returnResult:
                plan.delivery = input.resultDelivery
            default:
                break
            }
            guard problems.isEmpty else { throw AppError.invalid(problems) }
            return plan
        }

        /// Changes the dossier and fills the event; no I/O.
        func apply(to dossier: Dossier, event: DossierEvent, target: DossierWorkflow.Target) throws {
            let before = dossier.status
            dossier.status = DossierWorkflow.resolve(target, current: before, pausedFrom: dossier.pausedFrom)
            switch action {
            case .accept:
                let appointment = self.appointment!
                dossier.receivedAt = now
                dossier.legalAppointmentAt = appointment.due
                dossier.appointmentAt = appointment.due
                event.appointmentAt = appointment.due
                dossier.holder = oneStop
                dossier.stepIndex = 0
                dossier.stepStartedAt = now
                dossier.stepDueAt = stepDue(dossier, index: 0)
            case .requestSupplement:
                dossier.pausedFrom = before
                if dossier.receivedAt != nil { dossier.supplements.append(SupplementPeriod(requestedAt: now)) }
            case .supplementReceived:
                var periods = dossier.supplements
                if let open = periods.lastIndex(where: { $0.completedAt == nil }) {
                    periods[open].completedAt = now
                    dossier.supplements = periods
                    if let current = dossier.appointmentAt,
                       let moved = try? DeadlineCalculator(time: time).extended(.init(countsFrom: now, due: current),
                                                                                pauses: [(periods[open].requestedAt, now)]) {
                        dossier.appointmentAt = moved.due
                        event.appointmentAt = moved.due
                    }
                    if let due = dossier.stepDueAt, let moved = try? time.adding(seconds: time.workingSeconds(from: periods[open].requestedAt, to: now), to: due) {
                        dossier.stepDueAt = moved
                    }
                }
                dossier.pausedFrom = nil
            case .assign:
                let user = assignee!
                dossier.assigneeID = user.id
                dossier.assigneeName = user.fullName
                Self.handOver(dossier, event: event, to: "Chuyên viên \(user.fullName)", now: now, time: time)
            case .submitForApproval:
                Self.handOver(dossier, event: event, to: "Lãnh đạo", now: now, time: time)
            case .sendBack:
                Self.handOver(dossier, event: event, to: "Chuyên viên \(dossier.assigneeName ?? "")", now: now, time: time)
            case .transfer:
                dossier.transferAgency = agency
                dossier.transferUnitID = partner?.id
                Self.handOver(dossier, event: event, to: agency!, now: now, time: time)
            case .requestPayment:
                // The specialist keeps the dossier; the status tells the applicant what to do.
                break
            case .paymentReceived:
                dossier.paidAt = now
                dossier.paidOnline = payment?.onlineCode
            case .transferReturned:
                Self.handOver(dossier, event: event, to: "Chuyên viên \(dossier.assigneeName ?? "")", now: now, time: time)
            case .approve:
                dossier.processedAt = now
                Self.handOver(dossier, event: event, to: oneStop, now: now, time: time)
                finish(dossier, end: now, final: false)
            case .returnResult:
                if let delivery { dossier.resultDelivery = delivery }
                dossier.returnedAt = now
                Self.handOver(dossier, event: event, to: "Người nộp hồ sơ", now: now, time: time)
                dossier.endedAt = now
            case .refuse, .withdraw, .stop:
                finish(dossier, end: now, final: true)
            case .apologize:
                dossier.appointmentAt = newAppointment
                event.appointmentAt = newAppointment
                dossier.apologyCount += 1
            }
        }

        /// Ends processing: the 766 timeliness against the slip's appointment (only for dossiers
        /// that were received).
        private func finish(_ dossier: Dossier, end: Date, final: Bool) {
            if final { dossier.endedAt = end }
            if let legal = dossier.legalAppointmentAt, dossier.timeliness == nil {
                dossier.timeliness = DossierClock.timeliness(end: end, appointment: legal, supplements: dossier.supplements)
            }
        }

        /// A hand-over (processing control slip row): the giver's step is judged against its
        /// budget, and the receiver's step starts with the next budget of the internal process.
        static func handOver(_ dossier: Dossier, event: DossierEvent, to receiver: String, now: Date, time: WorkingTime) {
            event.givenBy = dossier.holder
            event.receivedBy = receiver
            if let due = dossier.stepDueAt {
                event.stepDueAt = due
                event.stepTimeliness = DossierClock.timeliness(end: now, appointment: due, supplements: [])
            }
            dossier.holder = receiver
            dossier.stepIndex += 1
            dossier.stepStartedAt = now
            dossier.stepDueAt = stepDue(dossier, index: dossier.stepIndex, from: now, time: time)
        }

        private func stepDue(_ dossier: Dossier, index: Int) -> Date? {
            Self.stepDue(dossier, index: index, from: now, time: time)
        }

        /// The step's due moment: its hours from the internal process, never after the appointment;
        /// the appointment itself when the procedure publishes no internal process.
        static func stepDue(_ dossier: Dossier, index: Int, from start: Date, time: WorkingTime) -> Date? {
            guard let appointment = dossier.appointmentAt else { return nil }
            guard let steps = try? dossier.content().internalProcess, index < steps.count, steps[index].hours > 0,
                  let due = try? time.adding(seconds: Int((steps[index].hours * 3600).rounded(.up)), to: start)
            else { return appointment }
            return min(due, appointment)
        }
    }
}
