import Foundation
import FundAllocation
import ScenarioIO
import Testing
import TestSupport

struct LoaderTests {
    func load(_ yaml: String, files: [String: String] = [:], bytes: [String: [UInt8]] = [:]) throws -> Scenario {
        let folder = Paths.temporaryFolder()
        for (name, text) in files { try text.write(toFile: "\(folder)/\(name)", atomically: true, encoding: .utf8) }
        for (name, data) in bytes { FileManager.default.createFile(atPath: "\(folder)/\(name)", contents: Data(data)) }
        try yaml.write(toFile: "\(folder)/scenario.yaml", atomically: true, encoding: .utf8)
        return try ScenarioLoader.load(path: "\(folder)/scenario.yaml")
    }

    @Test func csvWithBOMCRLFAndQuotedCells() throws {
        let csv = "\u{FEFF}id,name,cost,households\r\nA,\"Apples, cold chain\",\"12,000\",3\r\nB,\"He said \"\"hi\"\"\",1万,4\r\n"
        let s = try load("format: 1\nprojects: p.csv\n", bytes: ["p.csv": Array(csv.utf8)])
        #expect(s.projects.map(\.id) == ["A", "B"])
        #expect(s.projects[0].name == "Apples, cold chain")
        #expect(s.projects[0].cost == 12_000)
        #expect(s.projects[1].name == "He said \"hi\"")
        #expect(s.projects[1].cost == 10_000)
        #expect(s.projects[1].location.line == 3)
    }

    @Test func columnsRenameHeadersAndKeepAttributes() throws {
        let csv = "id,申请资金,带贫户数,county,is_industry\nA,10万,3,旬邑县,1\n"
        let s = try load("format: 1\nprojects: p.csv\ncolumns: {cost: 申请资金, households: 带贫户数, region: county}\n",
                         files: ["p.csv": csv])
        let p = try #require(s.projects.first)
        #expect(p.cost == 100_000 && p.households == Rational(3) && p.region == "旬邑县")
        #expect(p.fields["is_industry"]?.boolean == true)
        #expect(p.fields["cost"]?.number == Rational(100_000))
    }

    @Test func idsAreTrimmedAndNFCNormalised() throws {
        let s = try load("""
            format: 1
            projects:
              - {id: " caf\u{E9} ", cost: 1}
              - {id: B, cost: 1, requires: "cafe\u{301}"}
            """)
        #expect(s.projects[0].id == "caf\u{E9}")
        #expect(s.projects[1].requires == ["caf\u{E9}"])
    }

    @Test func duplicateIdsAfterNormalisationAreRefused() {
        #expect(throws: ScenarioError.self) {
            try load("format: 1\nprojects:\n  - {id: \"caf\u{E9}\", cost: 1}\n  - {id: \"cafe\u{301} \", cost: 1}\n")
        }
    }

    @Test func fiveGoodWeightsAreNormalisedAndPartialMapsWeighZero() throws {
        let s = try load("""
            format: 1
            five_good: {weights: {linkage: 3, policy: 1}, min_each: {linkage: 2}, portfolio_min: {linkage: 3.5}}
            projects: [{id: A, cost: 1, score_industry: 5, score_leader: 5, score_linkage: 2, score_policy: 4, score_organisation: 5}]
            """)
        let fg = try #require(s.fiveGood)
        #expect(fg.weights[.linkage] == Rational(3, 4) && fg.weights[.industry] == .zero)
        #expect(s.weightedScore(s.projects[0]) == Rational(5, 2))   // 0.75·2 + 0.25·4
        #expect(fg.minEach == [.linkage: Rational(2)])
        #expect(fg.portfolioMin == [.linkage: Rational(7, 2)])
    }

    @Test func regionBoundsBecomeRulesAndAttributesStay() throws {
        let s = try load("""
            format: 1
            regions:
              - {id: R1, national_poverty: true, households: {min: 10}, funds: {max_share: 0.5}}
            projects: [{id: A, cost: 1, region: R1}]
            """)
        #expect(s.regions[0].attributes["national_poverty"]?.boolean == true)
        #expect(s.rules.count == 2)
        #expect(s.rules.map { $0.metric } == [.households, .funds])
        #expect(s.rules[0].bounds.min == .value(Rational(10)))
    }

    @Test func defaultObjectiveAndSolverSettings() throws {
        let s = try load("format: 1\nprojects: [{id: A, cost: 1}]\nsolver: {time_limit: 2m, mip_gap: 0.001}\n")
        #expect(s.objective.map(\.description) == ["maximize households", "minimize funds"])
        #expect(s.solver.timeLimit == 120 && s.solver.mipGap == 0.001)
    }

    @Test func jsonScenariosAreAccepted() throws {
        let s = try load(#"{"format": 1, "budget": {"total": "1.2亿"}, "projects": [{"id": "A", "cost": 5}]}"#)
        #expect(s.budget.total == 120_000_000)
    }

    @Test func theShippedBaselineLoads() throws {
        let s = try ScenarioLoader.load(path: Paths.repositoryFile("scenarios/xianyang-baseline.yaml"))
        #expect(s.projects.count == 50)
        #expect(s.budget.total == 120_000_000 && s.budget.unit == 10_000)
        #expect(s.projects.first?.name == "旬邑县马栏红苹果标准化示范园提升")
        #expect(s.projects.allSatisfy { $0.scores.count == 5 })
    }
}
