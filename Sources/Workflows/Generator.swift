import FundAllocation
import Foundation

/// Synthetic scenarios at any scale, drawn from the Xianyang seed list (scenarios/data): every
/// project is a seed project resampled — same category, 五个好 profile (each score moved by at
/// most one point), min_share and start — with its cost scaled by 0.6–1.4 (whole 万元) and its
/// households by the same factor times 0.8–1.2. Deterministic for a given seed on every
/// machine: its own SplitMix64 and integer arithmetic, nothing from the standard library's
/// random algorithms (which may change between releases).
///
/// The scenario: regions `县01…` (one in eight not a national poverty county), each with a
/// households target of 35 % of what its projects could reach; `sources` paired cities each
/// eligible for every `sources`-th region (sized to their regions' share of the requests, ±10 %);
/// yearly tranches from 2017 with carry-over; the fund 45 % of all requests (so choices
/// matter), spent at least 90 %; the seed's categories with its two caps; the baseline's rules
/// and lexicographic objective. With villages: each region has three villages per project, each
/// project reaches the seed's number of them in a run of neighbours (so projects overlap), one
/// village in five is a deep-poverty village and a rule asks for a quarter of their households.
public struct ScenarioGenerator: Sendable {
    public var projects: Int
    public var regions: Int
    public var sources: Int
    public var periods: Int
    public var villages: Bool
    public var seed: UInt64

    public init(projects: Int, regions: Int, sources: Int, periods: Int, villages: Bool, seed: UInt64) {
        self.projects = projects
        self.regions = regions
        self.sources = sources
        self.periods = periods
        self.villages = villages
        self.seed = seed
    }

    /// Why these sizes cannot be generated, or nil.
    public var problem: Message? {
        if projects < 1 || projects > 1_000_000 { return "--projects must be between 1 and 1000000" }
        if regions < 1 || regions > 999 { return "--regions must be between 1 and 999" }
        if sources < 0 || sources > regions { return "--sources must be between 0 and --regions (each source is paired with its own regions)" }
        if periods < 1 || periods > 50 { return "--periods must be between 1 and 50" }
        return nil
    }

    /// The files of the scenario: name → contents (scenario.yaml, projects.csv, villages.csv).
    public func files() -> [(name: String, text: String)] {
        var rng = SplitMix64(seed: seed)
        let regionIDs = (0..<regions).map { "县" + Self.padded($0 + 1, width: regions >= 100 ? 3 : 2) }
        let national = (0..<regions).map { $0 % 8 != 7 }
        let years = (0..<periods).map { String(2017 + $0) }

        // Projects.
        struct Drawn { var region: Int; var template: SeedProject; var cost: Int64; var households: Int64; var scores: [Int]; var start: Int }
        var drawn: [Drawn] = []
        drawn.reserveCapacity(projects)
        for i in 0..<projects {
            let region = i < regions ? i : rng.below(regions)
            let t = Self.seedList[rng.below(Self.seedList.count)]
            let factor = 600 + rng.below(801)                         // ‰: 0.6–1.4
            let cost = max(10, (t.cost * Int64(factor) + 500) / 1000) * 10_000
            let spread = 800 + rng.below(401)                         // ‰: 0.8–1.2
            let households = max(1, (t.households * Int64(factor) * Int64(spread) + 500_000) / 1_000_000)
            let scores = t.scores.map { s in min(5, max(1, s + [-1, 0, 0, 0, 1][rng.below(5)])) }
            let start = periods == 1 ? 0 : min(periods - 1, (t.startOffset * (periods - 1) + 1) / 3)
            drawn.append(Drawn(region: region, template: t, cost: cost, households: households, scores: scores, start: start))
        }

        // Villages: three per project of the region, runs of neighbours.
        var villageHouseholds: [[Int64]] = Array(repeating: [], count: regions)
        var deep: [[Bool]] = Array(repeating: [], count: regions)
        var reach: [[Int]] = Array(repeating: [], count: projects)
        if villages {
            var count = [Int](repeating: 0, count: regions)
            for d in drawn { count[d.region] += 3 }
            for r in 0..<regions {
                villageHouseholds[r] = (0..<count[r]).map { _ in Int64(15 + rng.below(46)) }
                deep[r] = (0..<count[r]).map { _ in rng.below(5) == 0 }
            }
            for (j, d) in drawn.enumerated() {
                let n = count[d.region]
                let k = min(n, max(1, d.template.villages))
                let first = rng.below(n)
                reach[j] = Array(Set((0..<k).map { (first + $0) % n })).sorted()
            }
        }
        func reached(_ j: Int) -> Int64 {
            villages ? reach[j].reduce(0) { $0 + villageHouseholds[drawn[j].region][$1] } : drawn[j].households
        }

        let totalCost = drawn.reduce(Int64(0)) { $0 + $1.cost }
        let fund = Self.roundWan(totalCost * 45 / 100)
        var regionCost = [Int64](repeating: 0, count: regions)
        var regionHouseholds = [Int64](repeating: 0, count: regions)
        for (j, d) in drawn.enumerated() { regionCost[d.region] += d.cost; if !villages { regionHouseholds[d.region] += reached(j) } }
        if villages { for r in 0..<regions { regionHouseholds[r] = villageHouseholds[r].reduce(0, +) } }
        let allHouseholds = max(1, regionHouseholds.reduce(0, +))

        var yaml = """
        # Generated by `fundalloc generate --projects \(projects) --regions \(regions) --sources \(sources) \
        --periods \(periods)\(villages ? " --villages" : "") --seed \(seed)`: SYNTHETIC data resampled from the Xianyang seed list.
        format: 1
        name: 合成情景 \(projects) 个项目 \(regions) 个县 (seed \(seed))
        units: {persons_per_household: 3.4}
        periods: [\(years.joined(separator: ", "))]
        budget:
          total: \(fund / 10_000)万
          unit: 1万
          min_use: 0.9

        """
        // Tranches grow 10 % a year; the last takes what rounding left.
        let weights = (0..<periods).map { 10 + Int64($0) }
        var tranches = weights.map { Self.roundWan(fund * $0 / weights.reduce(0, +)) }
        tranches[periods - 1] += fund - tranches.reduce(0, +)
        yaml += "  by_period: {" + zip(years, tranches).map { "\($0): \($1 / 10_000)万" }.joined(separator: ", ") + "}\n"
        yaml += "  carry_over: true\n"
        if sources > 0 {
            yaml += "sources:\n"
            for k in 0..<sources {
                let mine = stride(from: k, to: regions, by: sources).map { $0 }
                let share = mine.reduce(Int64(0)) { $0 + regionCost[$1] }
                let spread = Int64(900 + rng.below(201))
                let amount = Self.roundWan(fund * 105 / 100 * share / max(1, totalCost) * spread / 1000)
                yaml += "  - {id: s\(Self.padded(k + 1, width: 2)), name: 配对市\(k + 1), amount: \(amount / 10_000)万, "
                    + "eligible: {region: [\(mine.map { regionIDs[$0] }.joined(separator: ", "))]}}\n"
            }
        }
        yaml += "regions:\n"
        for r in 0..<regions {
            yaml += "  - {id: \(regionIDs[r]), national_poverty: \(national[r]), households_target: \(regionHouseholds[r] * 35 / 100)}\n"
        }
        yaml += "categories:\n"
        var seen = Set<String>()
        for t in Self.seedList where seen.insert(t.category).inserted {
            let cap = t.category == "fruit_coldchain" ? ", funds: {max_share: 0.25}" : t.category == "tourism" ? ", funds: {max_share: 0.10}" : ""
            yaml += "  - {id: \(t.category), name: \(t.categoryName)\(cap)}\n"
        }
        yaml += "projects: projects.csv\n"
        if villages { yaml += "villages: villages.csv\n" }
        // The cap per household: 30 % above the average cost of a household over all requests.
        let perHousehold = (totalCost * 13 / 10 / allHouseholds + 99) / 100 * 100
        yaml += """
        five_good:
          weights: {industry: 0.2, leader: 0.2, linkage: 0.3, policy: 0.15, organisation: 0.15}
          min_each: {industry: 2, linkage: 2, policy: 2, organisation: 2}
          min_weighted: 2.8
        rules:

        """
        if national.contains(false) {
            yaml += "  - {name: 国家级贫困县资金占比, metric: funds, where: {region.national_poverty: true}, min_share: 0.80}\n"
        }
        yaml += "  - {name: 产业项目资金占比, metric: funds, where: {is_industry: true}, min_share: 0.70}\n"
        yaml += "  - {name: 户均资金上限, metric: funds_per_household, max: \(perHousehold)}\n"
        yaml += "  - {name: 各县带贫户数目标, metric: households, for_each: region, min: region.households_target}\n"
        if villages {
            let deepHouseholds = (0..<regions).reduce(Int64(0)) { sum, r in
                sum + zip(villageHouseholds[r], deep[r]).reduce(Int64(0)) { $0 + ($1.1 ? $1.0 : 0) }
            }
            yaml += "  - {name: 深度贫困村带贫户数, metric: households, where: {village.deep_poverty: 1}, min: \(deepHouseholds / 4)}\n"
        }
        yaml += """
        objective:
          - {maximize: households, within: 0.01}
          - {maximize: score}
          - {minimize: funds}

        """

        var csv = "id,name,region,category,is_industry,start,cost,min_share,households,"
            + (villages ? "villages," : "") + "score_industry,score_leader,score_linkage,score_policy,score_organisation\n"
        let width = String(projects).count
        for (j, d) in drawn.enumerated() {
            let id = "G" + Self.padded(j + 1, width: width)
            var cells = [id, "\(regionIDs[d.region])\(d.template.categoryName)项目\(j + 1)", regionIDs[d.region], d.template.category,
                         d.template.isIndustry ? "1" : "0", years[d.start], String(d.cost), d.template.minShare, String(d.households)]
            if villages { cells.append(reach[j].map { Self.villageID(regionIDs[d.region], $0) }.joined(separator: ";")) }
            cells += d.scores.map(String.init)
            csv += cells.joined(separator: ",") + "\n"
        }
        var files = [(name: "scenario.yaml", text: yaml), (name: "projects.csv", text: csv)]
        if villages {
            var table = "id,region,poor_households,deep_poverty\n"
            for r in 0..<regions {
                for (v, h) in villageHouseholds[r].enumerated() {
                    table += "\(Self.villageID(regionIDs[r], v)),\(regionIDs[r]),\(h),\(deep[r][v] ? 1 : 0)\n"
                }
            }
            files.append((name: "villages.csv", text: table))
        }
        return files
    }

    private static func villageID(_ region: String, _ v: Int) -> String { region + "-村" + padded(v + 1, width: 3) }

    private static func padded(_ n: Int, width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Yuan rounded to whole 万元.
    private static func roundWan(_ yuan: Int64) -> Int64 { (yuan + 5_000) / 10_000 * 10_000 }

    struct SeedProject: Sendable {
        var category: String
        var categoryName: String
        var isIndustry: Bool
        /// Years after 2017 the project is ready.
        var startOffset: Int
        /// 万元.
        var cost: Int64
        var minShare: String
        var households: Int64
        var villages: Int
        /// industry, leader, linkage, policy, organisation.
        var scores: [Int]

        init(_ category: String, _ categoryName: String, _ isIndustry: Bool, _ startOffset: Int, _ cost: Int64,
             _ minShare: String, _ households: Int64, _ villages: Int, _ scores: [Int]) {
            self.category = category; self.categoryName = categoryName; self.isIndustry = isIndustry
            self.startOffset = startOffset; self.cost = cost; self.minShare = minShare
            self.households = households; self.villages = villages; self.scores = scores
        }
    }

    /// scenarios/data/xianyang-candidate-projects.csv, the fields the generator draws from.
    static let seedList: [SeedProject] = [
        .init("fruit", "优质果品种植", true, 0, 340, "0.5", 260, 4, [4, 4, 4, 4, 4]),  // P01
        .init("fruit_coldchain", "果品冷链仓储", true, 0, 550, "0.9", 320, 6, [5, 5, 3, 4, 4]),  // P02
        .init("mushroom", "香菇种植加工/菌菜轮作", true, 0, 410, "0.7", 300, 5, [4, 4, 4, 4, 4]),  // P03
        .init("mushroom", "香菇种植加工/菌菜轮作", true, 1, 170, "0.5", 120, 2, [3, 3, 4, 3, 4]),  // P04
        .init("livestock", "畜禽养殖加工", true, 1, 250, "0.6", 150, 3, [3, 3, 4, 3, 3]),  // P05
        .init("livestock", "畜禽养殖加工", true, 2, 460, "0.8", 280, 5, [4, 4, 3, 4, 4]),  // P06
        .init("herbs", "中药材种植", true, 1, 210, "0.5", 200, 4, [3, 3, 4, 3, 4]),  // P07
        .init("tourism", "休闲农业与乡村旅游", true, 2, 290, "0.6", 90, 2, [3, 2, 3, 4, 4]),  // P08
        .init("fruit_processing", "果品加工", true, 0, 320, "0.9", 210, 5, [4, 5, 3, 4, 4]),  // P09
        .init("livestock", "畜禽养殖加工", true, 3, 230, "0.6", 130, 3, [3, 3, 3, 3, 3]),  // P10
        .init("tourism", "休闲农业与乡村旅游", true, 3, 180, "0.5", 70, 1, [3, 3, 2, 3, 3]),  // P11
        .init("specialty_other", "其他特色产业", true, 0, 200, "0.5", 190, 4, [4, 3, 5, 3, 4]),  // P12
        .init("fruit", "优质果品种植", true, 0, 370, "0.5", 240, 4, [4, 4, 4, 4, 4]),  // P13
        .init("fruit_coldchain", "果品冷链仓储", true, 0, 580, "0.9", 300, 7, [5, 5, 3, 4, 5]),  // P14
        .init("mushroom", "香菇种植加工/菌菜轮作", true, 0, 480, "0.7", 350, 6, [4, 4, 4, 4, 4]),  // P15
        .init("livestock", "畜禽养殖加工", true, 0, 210, "0.6", 120, 3, [3, 3, 4, 3, 3]),  // P16
        .init("herbs", "中药材种植", true, 1, 170, "0.5", 180, 4, [3, 3, 4, 3, 4]),  // P17
        .init("livestock", "畜禽养殖加工", true, 2, 400, "0.7", 200, 4, [4, 4, 3, 3, 4]),  // P18
        .init("fruit_processing", "果品加工", true, 2, 520, "0.9", 260, 5, [4, 5, 3, 4, 3]),  // P19
        .init("tourism", "休闲农业与乡村旅游", true, 3, 230, "0.6", 60, 1, [3, 2, 2, 3, 3]),  // P20
        .init("mushroom", "香菇种植加工/菌菜轮作", true, 3, 150, "0.5", 100, 2, [3, 3, 4, 3, 3]),  // P21
        .init("livestock", "畜禽养殖加工", true, 0, 440, "0.8", 240, 4, [4, 4, 3, 4, 4]),  // P22
        .init("specialty_other", "其他特色产业", true, 0, 300, "0.6", 280, 6, [4, 4, 4, 3, 4]),  // P23
        .init("fruit", "优质果品种植", true, 0, 280, "0.5", 200, 4, [4, 3, 4, 4, 4]),  // P24
        .init("fruit_coldchain", "果品冷链仓储", true, 0, 410, "0.9", 210, 5, [4, 4, 3, 4, 4]),  // P25
        .init("livestock", "畜禽养殖加工", true, 0, 340, "0.7", 180, 4, [4, 3, 4, 4, 4]),  // P26
        .init("livestock", "畜禽养殖加工", true, 1, 390, "0.7", 160, 3, [4, 4, 3, 3, 3]),  // P27
        .init("herbs", "中药材种植", true, 0, 230, "0.5", 240, 5, [4, 3, 4, 4, 4]),  // P28
        .init("mushroom", "香菇种植加工/菌菜轮作", true, 2, 250, "0.6", 170, 3, [3, 3, 4, 3, 4]),  // P29
        .init("tourism", "休闲农业与乡村旅游", true, 2, 340, "0.7", 80, 2, [3, 2, 2, 4, 4]),  // P30
        .init("livestock", "畜禽养殖加工", true, 3, 300, "0.6", 140, 3, [3, 4, 3, 3, 3]),  // P31
        .init("tourism", "休闲农业与乡村旅游", true, 3, 170, "0.5", 60, 1, [2, 3, 2, 3, 3]),  // P32
        .init("herbs_processing", "中药材加工", true, 2, 320, "0.9", 190, 4, [4, 4, 3, 3, 3]),  // P33
        .init("fruit", "优质果品种植", true, 0, 250, "0.5", 230, 5, [4, 3, 4, 4, 4]),  // P34
        .init("fruit_coldchain", "果品冷链仓储", true, 0, 630, "0.9", 330, 8, [5, 5, 3, 4, 4]),  // P35
        .init("livestock", "畜禽养殖加工", true, 0, 480, "0.8", 260, 5, [4, 4, 3, 4, 4]),  // P36
        .init("mushroom", "香菇种植加工/菌菜轮作", true, 0, 300, "0.6", 220, 4, [4, 3, 4, 3, 4]),  // P37
        .init("livestock", "畜禽养殖加工", true, 1, 180, "0.6", 110, 2, [3, 3, 3, 3, 3]),  // P38
        .init("herbs", "中药材种植", true, 2, 160, "0.5", 150, 3, [3, 3, 4, 3, 3]),  // P39
        .init("tourism", "休闲农业与乡村旅游", true, 2, 260, "0.6", 70, 2, [3, 2, 2, 3, 4]),  // P40
        .init("fruit_processing", "果品加工", true, 3, 340, "0.8", 180, 6, [4, 4, 3, 4, 3]),  // P41
        .init("livestock", "畜禽养殖加工", true, 3, 280, "0.6", 130, 3, [3, 3, 3, 3, 3]),  // P42
        .init("marketing", "农产品展示展销", true, 1, 460, "0.8", 500, 20, [4, 4, 2, 4, 5]),  // P43
        .init("marketing", "农产品展示展销", true, 2, 140, "0.5", 150, 6, [3, 3, 3, 3, 3]),  // P44
        .init("labour", "劳务协作", false, 1, 70, "0.5", 150, 10, [3, 2, 4, 4, 4]),  // P45
        .init("finance", "金融扶贫", false, 1, 340, "0.5", 300, 12, [3, 2, 4, 5, 4]),  // P46
        .init("infrastructure", "村组基础设施", false, 2, 460, "0.8", 210, 3, [3, 1, 3, 4, 4]),  // P47
        .init("health", "助医", false, 2, 140, "0.6", 250, 8, [3, 1, 3, 4, 4]),  // P48
        .init("education", "助学", false, 0, 36, "1.0", 30, 0, [3, 1, 3, 3, 5]),  // P49
        .init("infrastructure", "村组基础设施", false, 3, 290, "0.8", 160, 2, [3, 1, 3, 4, 4]),  // P50
    ]
}

