// swift-tools-version: 6.0
// libFuzzer targets for the scenario and CSV loaders; built and run by scripts/fuzz.sh
// (`swift build -c release -Xswiftc -sanitize=fuzzer`), not by CI.
import PackageDescription

let package = Package(
    name: "FundAllocFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(name: "FuzzLoaders", dependencies: [.product(name: "ScenarioIO", package: "main")],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ]
)
