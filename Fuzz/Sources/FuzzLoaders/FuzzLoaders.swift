import Foundation
import ScenarioIO

/// One libFuzzer input: the first byte picks what the rest is — a scenario file (even) or the
/// projects CSV of a fixed scenario (odd). Any outcome but a crash is fine: a valid scenario or
/// a `ScenarioError` with its messages.
let folder: String = {
    let path = "/dev/shm/fundalloc-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try? "format: 1\nbudget: {total: 1亿, unit: 1万}\nprojects: p.csv\nfive_good: {min_weighted: 2}\n"
        .write(toFile: path + "/with-csv.yaml", atomically: false, encoding: .utf8)
    return path
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let body = Data(bytes: bytes + 1, count: count - 1)
    let scenario: String
    if bytes[0] % 2 == 0 {
        scenario = folder + "/s.yaml"
        FileManager.default.createFile(atPath: scenario, contents: body)
    } else {
        scenario = folder + "/with-csv.yaml"
        FileManager.default.createFile(atPath: folder + "/p.csv", contents: body)
    }
    _ = try? ScenarioLoader.load(path: scenario)
    return 0
}

/// SwiftPM links an executable's entry point as `<module>_main`; hand control to libFuzzer's
/// driver from there.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("FuzzLoaders_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, { fuzz($0, $1) })
}
