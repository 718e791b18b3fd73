import Foundation
import FundAllocation
import ScenarioIO
import Testing
import TestSupport

/// Bad input: a clear `file:line` message for each problem, all in one pass, never a crash.
struct LoaderErrorTests {
    /// Writes files into a fresh folder and loads `scenario.yaml` from it; returns the error text.
    func errors(_ yaml: String, files: [String: String] = [:]) -> String? {
        let folder = Paths.temporaryFolder()
        for (name, text) in files { try! text.write(toFile: "\(folder)/\(name)", atomically: true, encoding: .utf8) }
        try! yaml.write(toFile: "\(folder)/scenario.yaml", atomically: true, encoding: .utf8)
        do {
            _ = try ScenarioLoader.load(path: "\(folder)/scenario.yaml")
            return nil
        } catch {
            return error.description.replacingOccurrences(of: folder + "/", with: "")
        }
    }

    @Test func missingFile() {
        do {
            _ = try ScenarioLoader.load(path: "/nonexistent/scenario.yaml")
            Issue.record("loaded a missing file")
        } catch {
            #expect(error.description == "/nonexistent/scenario.yaml: no such file")
        }
    }

    @Test func directoryInsteadOfFile() {
        let folder = Paths.temporaryFolder()
        do { _ = try ScenarioLoader.load(path: folder); Issue.record("loaded a folder") } catch {
            #expect(error.description.contains("is a directory"))
        }
    }

    @Test func yamlSyntaxErrorNamesTheLine() throws {
        let text = try #require(errors("format: 1\nbudget: {total: 10\nprojects: []\n"))
        #expect(text.hasPrefix("scenario.yaml:"))
        #expect(text.contains("YAML syntax error"))
    }

    @Test func emptyAndWrongShape() throws {
        #expect(try #require(errors("")).contains("empty"))
        #expect(try #require(errors("- a\n- b\n")).contains("the scenario must be a map, found a list"))
        #expect(try #require(errors("format: 1\nbudget: [1, 2]\nprojects: [{id: A, cost: 1}]\n")) == "scenario.yaml:2: budget must be a map, found a list")
    }

    @Test func unknownKeysSuggestTheNearest() throws {
        let text = try #require(errors("""
            format: 1
            budget: {totl: 10}
            projects: [{id: A, cost: 1}]
            rules: [{metric: funds, mx: 5}]
            """))
        #expect(text.contains("scenario.yaml:2: unknown key 'totl' in budget (did you mean 'total'?)"))
        #expect(text.contains("scenario.yaml:4: unknown key 'mx' in a rule (did you mean 'max'?)"))
    }

    @Test func everyProjectProblemInOnePass() throws {
        let csv = """
            id,region,cost,min_share,score_industry,score_leader,score_linkage,score_policy,score_organisation
            A,R1,-5,,3,3,3,3,3
            B,R1,100,0,3,3,3,3,3
            C,R9,100,1.5,3,3,3,3,9
            A,R1,100,,3,3,3,3,3
            """
        let text = try #require(errors("""
            format: 1
            regions: [{id: R1}]
            five_good: {}
            projects: p.csv
            rules: [{metric: votes, max: 5}]
            """, files: ["p.csv": csv]))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("p.csv:2: project 'A': cost: '-5' must not be negative"))
        #expect(lines.contains("p.csv:3: project 'B': min_share must be above 0 and at most 1, found 0"))
        #expect(lines.contains("p.csv:4: project 'C': min_share must be above 0 and at most 1, found 1.5"))
        #expect(lines.contains("p.csv:4: project 'C': score_organisation must be between 1 and 5, found 9"))
        #expect(lines.contains { $0.hasPrefix("p.csv:4: project 'C': unknown region 'R9'") })
        #expect(lines.contains("p.csv:5: duplicate project id 'A' (first defined at p.csv:2)"))
        #expect(lines.contains { $0.hasPrefix("scenario.yaml:5: unknown metric 'votes'") })
    }

    @Test func columnsNamingAMissingHeader() throws {
        let text = try #require(errors("format: 1\nprojects: p.csv\ncolumns: {cost: amount, households: hh}\n",
                                       files: ["p.csv": "id,amount\nA,1\n"]))
        #expect(text.contains("p.csv:1: columns maps households to the header 'hh'"))
    }

    @Test func raggedRowAndDuplicateHeader() throws {
        let ragged = try #require(errors("format: 1\nprojects: p.csv\n", files: ["p.csv": "id,cost\nA,1\nB,2,3\n"]))
        #expect(ragged.contains("p.csv:3: this row has 3 cells, the header has 2"))
        let dup = try #require(errors("format: 1\nprojects: p.csv\n", files: ["p.csv": "id,cost,cost\nA,1,2\n"]))
        #expect(dup.contains("p.csv:1: duplicate column header 'cost'"))
        let empty = try #require(errors("format: 1\nprojects: p.csv\n", files: ["p.csv": ""]))
        #expect(empty.contains("p.csv:1: the CSV file is empty"))
    }

    /// A CSV saved by Chinese Excel (GB18030/GBK) is decoded, with a warning naming the
    /// encoding; bytes that are neither UTF-8 nor GB18030 are an error.
    @Test func gb18030IsDecodedAndNamed() throws {
        let folder = Paths.temporaryFolder()
        // "旬邑县" and "苹果冷库" in GB18030, "·" (0xA1A4) and a 4-byte sequence: U+20000 𠀀 is
        // 0x95328236 (outside GBK: only GB18030 has it).
        let gb: [UInt8] = Array("id,cost,region,name\nA,1,".utf8) + [0xD1, 0xAE, 0xD2, 0xD8, 0xCF, 0xD8]
            + Array(",".utf8) + [0xC6, 0xBB, 0xB9, 0xFB, 0xC0, 0xE4, 0xBF, 0xE2, 0xA1, 0xA4, 0x95, 0x32, 0x82, 0x36] + [0x0A]
        FileManager.default.createFile(atPath: "\(folder)/p.csv", contents: Data(gb))
        try "format: 1\nprojects: p.csv\n".write(toFile: "\(folder)/s.yaml", atomically: true, encoding: .utf8)
        let s = try ScenarioLoader.load(path: "\(folder)/s.yaml")
        #expect(s.projects.first?.region == "旬邑县")
        #expect(s.projects.first?.name == "苹果冷库·\u{20000}")
        #expect(s.warnings.contains { $0.description.contains("p.csv: warning: is not UTF-8; read as GB18030") })

        // 0xFF never starts a GB18030 character.
        #expect(FileManager.default.createFile(atPath: "\(folder)/p.csv", contents: Data(Array("id,cost\nA,1".utf8) + [0xFF, 0xFF, 0x0A])))
        do { _ = try ScenarioLoader.load(path: "\(folder)/s.yaml"); Issue.record("read invalid bytes") } catch {
            #expect(error.description.contains("is neither UTF-8 nor GB18030/GBK"))
        }
    }

    @Test func rulesAndBoundsAreChecked() throws {
        let text = try #require(errors("""
            format: 1
            projects: [{id: A, cost: 1}]
            rules:
              - {metric: funds}
              - {metric: funds, max: 1.5}
              - {metric: households, min: region.target}
              - {metric: funds_per_household, min: 3}
              - {metric: funds, min_share: 1.2}
            objective: [{maximize: households, minimize: funds}]
            """))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("scenario.yaml:4: a rule needs min, max, min_share or max_share"))
        #expect(lines.contains("scenario.yaml:5: rule max: '1.5' is not a whole number of yuan"))
        #expect(lines.contains { $0.hasPrefix("scenario.yaml:6: rule min: 'region.target' names a group attribute") })
        #expect(lines.contains("scenario.yaml:7: funds_per_household is a ratio: only max is allowed"))
        #expect(lines.contains("scenario.yaml:8: rule min_share must be between 0 and 1, found 1.2"))
        #expect(lines.contains("scenario.yaml:9: an objective term needs exactly one of maximize or minimize"))
    }

    @Test func requiresAndExcludesMustNameKnownProjects() throws {
        let text = try #require(errors("""
            format: 1
            projects:
              - {id: A, cost: 1, requires: Z}
              - {id: B, cost: 1, requires: A, excludes: A}
              - {id: C, cost: 1, pin: maybe}
            """))
        #expect(text.contains("scenario.yaml:3: project 'A' requires unknown project 'Z'"))
        #expect(text.contains("scenario.yaml:4: project 'B' both requires and excludes 'A'"))
        #expect(text.contains("scenario.yaml:5: project 'C': pin must be 'in' or 'out', found 'maybe'"))
    }

    @Test func missingFormatAndProjects() throws {
        let text = try #require(errors("name: x\n"))
        #expect(text.contains("scenario.yaml:1: the scenario needs 'format: 1'"))
        #expect(text.contains("scenario.yaml:1: the scenario needs 'projects'"))
    }
}

/// Bad input for periods, sources, villages and extends.
struct TimeAndCoverageErrorTests {
    func errors(_ files: [String: String], main: String = "scenario.yaml") -> String? {
        let folder = Paths.temporaryFolder()
        for (name, text) in files { try! text.write(toFile: "\(folder)/\(name)", atomically: true, encoding: .utf8) }
        do { _ = try ScenarioLoader.load(path: "\(folder)/\(main)"); return nil } catch {
            return error.description.replacingOccurrences(of: folder + "/", with: "")
        }
    }

    @Test func periodsProblems() throws {
        let text = try #require(errors(["scenario.yaml": """
            format: 1
            periods: [2017, 2018]
            budget: {by_period: {2017: 10万, 2019: 5万}}
            projects:
              - {id: A, cost: 10, cost.2017: 5, cost.2020: 5}
              - {id: B, cost: 10, start: 2018, end: 2017}
              - {id: C, cost.2017: 4, cost.2018: 4, start: 2017}
              - {id: D, cost: 9, cost.2017: 4, cost.2018: 4}
            objective: [{maximize: households, period: 2016}]
            """]))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("scenario.yaml:3: unknown key '2019' in budget.by_period") })
        #expect(lines.contains("scenario.yaml:5: project 'A': 'cost.2020' names period '2020', which is not in periods (2017, 2018)"))
        #expect(lines.contains("scenario.yaml:6: project 'B': start 2018 is after end 2017"))
        #expect(lines.contains("scenario.yaml:7: project 'C': a cost.<period> profile fixes when it is paid; it cannot also have start"))
        #expect(lines.contains("scenario.yaml:8: project 'D': cost 9 is not the sum of its cost.<period> profile (8)"))
        #expect(lines.contains("scenario.yaml:9: objective period '2016' is not in periods (2017, 2018)"))
    }

    @Test func sourceFilterNamingAnUnknownRegion() throws {
        let text = try #require(errors(["scenario.yaml": """
            format: 1
            regions: [{id: 旬邑县}, {id: 永寿县}]
            sources:
              - {id: taixing, amount: 100万, eligible: {region: 旬邑}}
            projects: [{id: A, cost: 10, region: 旬邑县}]
            """]))
        #expect(text.contains("scenario.yaml:4: unknown region '旬邑' (regions: 旬邑县, 永寿县)"))
    }

    @Test func aSourceNoProjectMayUseIsAWarning() throws {
        let folder = Paths.temporaryFolder()
        try """
            format: 1
            regions: [{id: R1}, {id: R2}]
            sources: [{id: s1, amount: 10, eligible: {region: R2}}, {id: s2, amount: 10}]
            projects: [{id: A, cost: 5, region: R1}]
            """.write(toFile: "\(folder)/s.yaml", atomically: true, encoding: .utf8)
        let s = try ScenarioLoader.load(path: "\(folder)/s.yaml")
        #expect(s.warnings.contains { $0.severity == .warning && $0.message.contains("source 's1' may fund no project") })
        #expect(s.totalCap == 20)
    }

    @Test func unknownVillageAndVillageFilterOutsideHouseholds() throws {
        let text = try #require(errors([
            "scenario.yaml": """
                format: 1
                villages: v.csv
                projects: [{id: A, cost: 10, villages: "v1;v9"}]
                rules: [{metric: funds, where: {village.deep: 1}, max: 5}]
                """,
            "v.csv": "id,region,poor_households,deep\nv1,R1,10,1\nv2,R1,,0\n",
        ]))
        #expect(text.contains("scenario.yaml:3: project 'A': village 'v9' is not in the village table"))
        #expect(text.contains("scenario.yaml:4: 'village.deep' filters villages: only households and persons metrics have them"))
    }

    @Test func villageTableNeedsPoorHouseholds() throws {
        let text = try #require(errors([
            "scenario.yaml": "format: 1\nvillages: v.csv\nprojects: [{id: A, cost: 1}]\n",
            "v.csv": "id,region\nv1,R1\n",
        ]))
        #expect(text.contains("v.csv:1: the village table needs a poor_households column"))
    }

    @Test func extendsCycleAndMissingParent() throws {
        let cycle = try #require(errors([
            "a.yaml": "format: 1\nextends: b.yaml\nprojects: [{id: A, cost: 1}]\n",
            "b.yaml": "format: 1\nextends: a.yaml\n",
        ], main: "a.yaml"))
        #expect(cycle.contains("b.yaml:2: extends makes a cycle: a.yaml → b.yaml → a.yaml"))
        let missing = try #require(errors(["a.yaml": "format: 1\nextends: nowhere.yaml\n"], main: "a.yaml"))
        #expect(missing.contains("nowhere.yaml: no such file (named at a.yaml:2)"))
    }

    @Test func extendsMergesMapsReplacesListsAndNullDeletes() throws {
        let folder = Paths.temporaryFolder()
        try "format: 1\nbudget: {total: 10万, min_use: 0.5, unit: 1万}\nprojects: [{id: A, cost: 5万}, {id: B, cost: 5万}]\n"
            .write(toFile: "\(folder)/base.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: "\(folder)/alt", withIntermediateDirectories: true)
        try "id,cost\nC,3万\n".write(toFile: "\(folder)/alt/p.csv", atomically: true, encoding: .utf8)
        try "format: 1\nextends: ../base.yaml\nbudget: {total: 20万, min_use: null}\nprojects: p.csv\n"
            .write(toFile: "\(folder)/alt/child.yaml", atomically: true, encoding: .utf8)
        let s = try ScenarioLoader.load(path: "\(folder)/alt/child.yaml")
        #expect(s.budget == Budget(total: 200_000, unit: 10_000, minUse: nil))
        #expect(s.projects.map(\.id) == ["C"])              // the child's relative path, against the child
        let resolved = DocumentWriter.yaml(try ScenarioLoader.resolvedDocument(path: "\(folder)/alt/child.yaml"))
        #expect(resolved == "format: 1\nbudget:\n  total: 20万\n  unit: 1万\nprojects: p.csv\n")
    }
}

/// Wrong answers found by trying the tool (issue 16): each fails without its fix.
struct FoundByTryingTests {
    func errors(_ yaml: String, files: [String: String] = [:]) -> String? { LoaderErrorTests().errors(yaml, files: files) }

    /// A duplicated key is named where the planner pasted it (the repeat), not at the first.
    @Test func aDuplicateKeyIsReportedAtTheRepeat() throws {
        let yaml = "format: 1\nname: a\nprojects:\n  - id: A\n    cost: 1\n\n    # note\nbudget: {total: 5}\nname: b\n"
        let text = try #require(errors(yaml))
        #expect(text.hasPrefix("scenario.yaml:9: duplicate key 'name'"), "\(text)")
        let inList = try #require(errors("format: 1\nprojects:\n  - id: A\n    cost: 1\n    # note\n    cost: 2\n"))
        #expect(inList.hasPrefix("scenario.yaml:6: duplicate key 'cost'"), "\(inList)")
    }

    /// A CSV with a header and no rows (or an empty inline list) is an error, located.
    @Test func anEmptyProjectListIsAnError() throws {
        let csv = try #require(errors("format: 1\nprojects: p.csv\n", files: ["p.csv": "id,cost\n"]))
        #expect(csv == "p.csv:1: the project list is empty: a scenario needs at least one project")
        let inline = try #require(errors("format: 1\nprojects: []\n"))
        #expect(inline == "scenario.yaml:2: the project list is empty: a scenario needs at least one project")
    }

    /// A project whose cost comes from its cost.<period> columns has that cost for filters and
    /// `sum.cost`, as the report shows it.
    @Test func aProfileCostIsSeenByFilters() throws {
        let folder = Paths.temporaryFolder()
        try "id,cost,cost.2017,cost.2018\nA,,3000000,2000000\nB,1000000,,\n".write(toFile: "\(folder)/p.csv", atomically: true, encoding: .utf8)
        try "format: 1\nperiods: [2017, 2018]\nprojects: p.csv\n".write(toFile: "\(folder)/s.yaml", atomically: true, encoding: .utf8)
        let s = try ScenarioLoader.load(path: "\(folder)/s.yaml")
        let big = Filter([Condition(field: FieldPath("cost"), anyOf: [Comparison(parsing: ">= 4000000")])])
        #expect(s.projects.filter { s.matches($0, big) }.map(\.id) == ["A"])
        #expect(s.projects[0].cost == 5_000_000 && s.value(of: FieldPath("cost"), for: s.projects[0]) == FieldValue("5000000"))
    }

    /// The uncertainty block and per-project intervals (MODEL.md §9): bad input is located.
    @Test func uncertaintyErrorsAreLocated() throws {
        let text = try #require(errors("""
            format: 1
            budget: {total: 100}
            uncertainty: {samples: 0, scores: -0.5, households: 150%}
            projects: p.csv
            """, files: ["p.csv": "id,cost,households,score_linkage,households_low,households_high,score_linkage_low,flood_high\nA,10,5,3,6,4,,\nB,10,5,,,,2,x\n"]))
        #expect(text.contains("scenario.yaml:3: uncertainty.samples must be a whole number ≥ 1, found '0'"))
        #expect(text.contains("scenario.yaml:3: uncertainty.scores is a spread: it must not be negative, found -0.5"))
        #expect(text.contains("scenario.yaml:3: uncertainty.households is a relative spread of at most 100%, found 1.5"))
        #expect(text.contains("p.csv:2: project 'A': households_low 6 is above households_high 4"))
        #expect(text.contains("p.csv:3: project 'B': 'flood_high' names no uncertain field"))
        #expect(text.contains("p.csv:3: project 'B': an interval for score_linkage, which the project does not have"))
    }

    @Test func intervalsAndSpreadsAreRead() throws {
        let folder = Paths.temporaryFolder()
        try "id,cost,households,score_linkage,households_low,score_linkage_high\nA,10,5,3,4,4.5\n"
            .write(toFile: "\(folder)/p.csv", atomically: true, encoding: .utf8)
        try "format: 1\nbudget: {total: 100}\nuncertainty: {samples: 7, seed: 3, scores: 0.5, households: 15%}\nprojects: p.csv\n"
            .write(toFile: "\(folder)/scenario.yaml", atomically: true, encoding: .utf8)
        let s = try ScenarioLoader.load(path: "\(folder)/scenario.yaml")
        #expect(s.uncertainty == Uncertainty(samples: 7, seed: 3, scores: Rational(1, 2), households: Rational(15, 100),
                                             location: s.uncertainty?.location))
        #expect(s.projects[0].intervals == ["households": Interval(low: 4, high: 5), "score_linkage": Interval(low: 3, high: Rational(9, 2))])
    }
}
