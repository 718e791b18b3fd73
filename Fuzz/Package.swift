// swift-tools-version: 6.0
// libFuzzer targets for the scenario and CSV loaders; built and run by scripts/fuzz.sh
// (`swift build -c release -Xswiftc -sanitize=fuzzer`), not by CI.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder: the checkout's folder, whatever it is.
let fundalloc = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "FundAllocFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(name: "FuzzLoaders", dependencies: [.product(name: "ScenarioIO", package: fundalloc)],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ]
)
