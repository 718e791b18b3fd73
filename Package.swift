// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "fundalloc",
    products: [
        .executable(name: "fundalloc", targets: ["fundalloc"]),
        .library(name: "FundAllocation", targets: ["FundAllocation"]),
        // For the fuzzing package in Fuzz/ (scripts/fuzz.sh).
        .library(name: "ScenarioIO", targets: ["ScenarioIO"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // GLPK from Debian's libglpk-dev (no pkg-config file exists).
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK", providers: [.apt(["libglpk-dev"])]),
        // libxlsxwriter from Debian's libxlsxwriter-dev (`--format xlsx`), loaded on first use
        // (dlopen) like CBC: a process that writes no workbook does not pay its start-up.
        .target(name: "_XLSXShims", path: "Sources/_XLSXShims", linkerSettings: [.linkedLibrary("dl")]),
        // COIN-OR CBC 2.10 from Debian's coinor-libcbc-dev: the second backend, loaded on first
        // use (dlopen) so that a process that does not solve with CBC does not pay its start-up.
        .target(name: "_CBCShims", path: "Sources/_CBCShims", linkerSettings: [.linkedLibrary("dl")]),
        // Tiny C: error hook + setjmp/longjmp around every GLPK call, terminal capture. No stable API.
        .target(name: "_GLPKShims", dependencies: ["CGLPK"], path: "Sources/_GLPKShims"),
        // Domain: scenario, rules, metrics, model building, plan verification. No C, no YAML.
        .target(name: "FundAllocation", dependencies: [.product(name: "BigInt", package: "BigInt")]),
        // The only Swift module that touches GLPK.
        .target(name: "GLPKBackend", dependencies: ["FundAllocation", "_GLPKShims", "CGLPK"]),
        // CBC behind the same protocol, and the backend choice (glpk, cbc, auto).
        .target(name: "CBCBackend", dependencies: ["FundAllocation", "GLPKBackend", "_CBCShims"]),
        // YAML/CSV loading with file:line diagnostics, messages in Chinese and English.
        .target(name: "ScenarioIO", dependencies: [
            "FundAllocation",
            .product(name: "Yams", package: "Yams"),
            .product(name: "CSV", package: "CSV.swift"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // Planner workflows: sweeps, frontiers, comparisons (parallel, deterministic), on any
        // solver backend.
        .target(name: "Workflows", dependencies: ["FundAllocation", "ScenarioIO"]),
        // Every renderer: table, JSON, CSV, HTML, the diagnosis, the check summary. Pure functions.
        .target(name: "Rendering", dependencies: ["FundAllocation", "ScenarioIO", "Workflows"]),
        // Writes Rendering's workbooks as .xlsx files (the only module that touches libxlsxwriter).
        .target(name: "XLSXOutput", dependencies: ["Rendering", "ScenarioIO", "_XLSXShims"]),
        .executableTarget(name: "fundalloc", dependencies: [
            "FundAllocation", "GLPKBackend", "CBCBackend", "ScenarioIO", "Workflows", "Rendering", "XLSXOutput",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Test helpers: paths, reference-data readers, random scenarios.
        .target(name: "TestSupport", dependencies: ["FundAllocation"], path: "Tests/TestSupport"),
        .testTarget(name: "FundAllocationTests", dependencies: ["FundAllocation", "TestSupport", .product(name: "BigInt", package: "BigInt")]),
        .testTarget(name: "ScenarioIOTests", dependencies: ["ScenarioIO", "TestSupport"]),
        .testTarget(name: "WorkflowsTests", dependencies: ["Workflows", "Rendering", "GLPKBackend", "ScenarioIO", "TestSupport"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "ScenarioIO", "XLSXOutput", "GLPKBackend", "Workflows", "TestSupport"]),
        .testTarget(name: "GLPKBackendTests", dependencies: ["GLPKBackend", "TestSupport"]),
        .testTarget(name: "CBCBackendTests", dependencies: ["CBCBackend", "GLPKBackend", "ScenarioIO", "TestSupport"]),
        // Solver-level tests: conformance cases, known optima, brute force, shipped scenarios.
        .testTarget(name: "IntegrationTests", dependencies: ["FundAllocation", "GLPKBackend", "CBCBackend", "ScenarioIO", "Rendering", "TestSupport"]),
        // Runs the built binary; compares stdout, stderr and exit code with golden files.
        .testTarget(name: "fundallocEndToEndTests", dependencies: ["fundalloc", "ScenarioIO", "Rendering", "TestSupport"], exclude: ["Golden", "Fixtures", "Corpus"]),
    ]
)
