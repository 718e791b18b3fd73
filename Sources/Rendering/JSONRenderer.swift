import Foundation
import FundAllocation
import ScenarioIO
import Workflows

/// Renders a plan report as JSON (schema in docs/output.md). Keys are sorted, numbers are
/// locale-independent, money is whole yuan, other quantities have at most 6 decimals: the same
/// report gives the same bytes.
public enum JSONRenderer {
    public static func render(_ r: PlanReport, timing: Bool = false) -> String {
        let document = Document(
            format: 1,
            scenario: .init(name: r.scenarioName, file: r.scenarioFile),
            status: r.status.rawValue,
            objective: r.stages.map {
                Term(term: $0.term.description, sense: $0.term.sense.rawValue, metric: $0.term.metric.description,
                     where: $0.term.filter.conditions.isEmpty ? nil : $0.term.filter.description,
                     within: number($0.term.within), stage_optimum: $0.optimum.map(number), plan_value: $0.value.map(number),
                     proven: $0.proven, gap: $0.gap)
            },
            totals: .init(funds: r.funds, budget_total: r.budgetTotal, households: number(r.households),
                          persons: r.persons.map(number), projects: r.funded.count,
                          additive_households: r.additiveHouseholds.map(number),
                          double_counting_avoided: r.additiveHouseholds.map { number($0 - r.households) }),
            projects: r.funded.map {
                Funded(id: $0.id, name: $0.name, region: $0.region, category: $0.category, cost: $0.cost, funds: $0.funds,
                       share: number($0.share), households: number($0.households), score: number($0.score),
                       paid: $0.paid.isEmpty ? nil : $0.paid.map { Paid(period: $0.period, yuan: number($0.yuan)) },
                       sources: $0.sources.isEmpty ? nil : $0.sources.map { SourcePaid(source: $0.source, yuan: $0.yuan) })
            },
            periods: r.periods.map {
                PeriodJSON(period: $0.period, funds: number($0.funds), budget: $0.cap, projects: $0.projects,
                           households: number($0.households))
            },
            sources: r.sources.map {
                SourceJSON(id: $0.id, name: $0.name, amount: $0.amount, used: $0.used, left: $0.left, projects: $0.projects)
            },
            regions: r.regions.map(group),
            categories: r.categories.map(group),
            rules: r.rules.map {
                RuleJSON(name: $0.label, metric: $0.metric, value: number($0.value), min: $0.bounds.min.map(number),
                         max: $0.bounds.max.map(number), min_share: $0.bounds.minShare.map(number),
                         max_share: $0.bounds.maxShare.map(number), slack: $0.slack.map(number), binding: $0.binding)
            },
            ineligible: r.ineligible.map { p in
                Ineligible(id: p.id, name: p.name, region: p.region, reasons: p.why.reasons.map { reason in
                    switch reason {
                    case let .criterionBelowMinimum(c, score, minimum):
                        return Reason(criterion: c.rawValue, score: number(score), minimum: number(minimum))
                    case let .weightedBelowMinimum(score, minimum):
                        return Reason(criterion: "weighted", score: number(score), minimum: number(minimum))
                    case .noSource: return Reason(criterion: "no_source", score: nil, minimum: nil)
                    case .emptyWindow: return Reason(criterion: "empty_window", score: nil, minimum: nil)
                    }
                })
            },
            unfunded: r.unfunded.map {
                Unfunded(id: $0.id, name: $0.name, region: $0.region, cost: $0.cost, households: number($0.households),
                         note: $0.note)
            },
            solver: .init(name: r.engine, nodes: r.nodes, gap: r.gap, seconds: timing ? r.seconds : nil),
            warnings: r.warnings.map(\.description),
            diagnosis: r.diagnosis.map(DiagnosisRenderer.json),
            alternatives: r.alternatives?.map { a in
                Alternative(objective: a.report.stages.map { $0.value.map(number) }, funds: a.report.funds,
                            households: number(a.report.households), projects: a.report.funded.map(\.id), differs: a.differs,
                            changes: r.changes(to: a.report).map(change))
            },
            reference: r.reference.map { c in
                ReferenceJSON(file: c.file, committed_through: c.committedThrough, committed: c.committed,
                              changes: c.changeCount, moved: c.moved, projects: c.changes.map(change))
            })
        return encode(document, pretty: true) + "\n"
    }

    /// `value` as JSON with sorted keys (the same value gives the same bytes); one line unless `pretty`.
    public static func encode(_ value: some Encodable, pretty: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// A rational as a JSON number with at most 6 decimals.
    public static func number(_ value: Rational) -> Decimal {
        Decimal(string: value.decimalString(places: 6), locale: Locale(identifier: "en_US_POSIX")) ?? 0
    }

    public static func group(_ g: PlanReport.GroupTotal) -> Group {
        Group(id: g.id, name: g.name, projects: g.projects, funds: g.funds, funds_share: number(g.fundsShare),
              households: number(g.households))
    }

    struct Document: Encodable {
        var format: Int
        var scenario: ScenarioRef
        var status: String
        var objective: [Term]
        var totals: Totals
        var projects: [Funded]
        var periods: [PeriodJSON]
        var sources: [SourceJSON]
        var regions: [Group]
        var categories: [Group]
        var rules: [RuleJSON]
        var ineligible: [Ineligible]
        var unfunded: [Unfunded]
        var solver: Solver
        var warnings: [String]
        var diagnosis: DiagnosisRenderer.JSON?
        var alternatives: [Alternative]?
        /// With a reference plan (MODEL.md §8).
        var reference: ReferenceJSON?
    }
    struct ReferenceJSON: Encodable {
        var file: String; var committed_through: String?; var committed: [String]; var changes: Int; var moved: Int64
        var projects: [Change]
    }
    static func change(_ c: PlanChange) -> Change {
        Change(change: c.kind.rawValue, id: c.id, funds_before: c.fundsBefore, funds_after: c.fundsAfter,
               period_before: c.periodBefore, period_after: c.periodAfter)
    }
    struct Change: Encodable {
        var change: String; var id: String; var funds_before: Int64; var funds_after: Int64
        var period_before: String?; var period_after: String?
    }
    /// An alternative plan: each objective term's plan value, totals, funded ids, its changes against the best.
    struct Alternative: Encodable {
        var objective: [Decimal?]; var funds: Int64; var households: Decimal; var projects: [String]; var differs: Int
        var changes: [Change]
    }
    struct ScenarioRef: Encodable { var name: String?; var file: String }
    struct Term: Encodable {
        var term: String; var sense: String; var metric: String; var `where`: String?; var within: Decimal
        var stage_optimum: Decimal?; var plan_value: Decimal?; var proven: Bool; var gap: Double?
    }
    struct Totals: Encodable {
        var funds: Int64; var budget_total: Int64?; var households: Decimal; var persons: Decimal?; var projects: Int
        var additive_households: Decimal?; var double_counting_avoided: Decimal?
    }
    struct Paid: Encodable { var period: String; var yuan: Decimal }
    struct SourcePaid: Encodable { var source: String; var yuan: Int64 }
    struct PeriodJSON: Encodable { var period: String; var funds: Decimal; var budget: Int64?; var projects: Int; var households: Decimal }
    struct SourceJSON: Encodable { var id: String; var name: String?; var amount: Int64; var used: Int64; var left: Int64; var projects: Int }
    struct Funded: Encodable {
        var id: String; var name: String?; var region: String?; var category: String?
        var cost: Int64; var funds: Int64; var share: Decimal; var households: Decimal; var score: Decimal
        var paid: [Paid]?; var sources: [SourcePaid]?
    }
    public struct Group: Encodable { var id: String?; var name: String?; var projects: Int; var funds: Int64; var funds_share: Decimal; var households: Decimal }
    struct RuleJSON: Encodable {
        var name: String; var metric: String; var value: Decimal
        var min: Decimal?; var max: Decimal?; var min_share: Decimal?; var max_share: Decimal?
        var slack: Decimal?; var binding: Bool
    }
    struct Reason: Encodable { var criterion: String; var score: Decimal?; var minimum: Decimal? }
    struct Ineligible: Encodable { var id: String; var name: String?; var region: String?; var reasons: [Reason] }
    struct Unfunded: Encodable { var id: String; var name: String?; var region: String?; var cost: Int64; var households: Decimal; var note: String? }
    struct Solver: Encodable { var name: String; var nodes: Int; var gap: Double?; var seconds: Double? }
}
