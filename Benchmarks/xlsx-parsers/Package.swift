// swift-tools-version:6.0
// Which XML parser reads a worksheet fastest (docs/output.md, "Workbooks"): Foundation's
// streaming XMLParser (what ScenarioIO uses) against SWXMLHash's tree and lazy modes, on the
// parts of a workbook. `swift run -c release xlsx-parsers FILE.xml…` (scripts in
// Benchmarks/xlsx-read.sh).
import PackageDescription

let package = Package(
    name: "xlsx-parsers",
    dependencies: [.package(url: "https://github.com/drmohundro/SWXMLHash", from: "8.1.1")],
    targets: [.executableTarget(name: "xlsx-parsers", dependencies: [.product(name: "SWXMLHash", package: "SWXMLHash")])]
)
