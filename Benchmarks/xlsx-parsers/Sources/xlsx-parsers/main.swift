import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SWXMLHash

/// Counts `<c>` and `<si>` elements and the characters of their text, as a reader must.
final class Counter: NSObject, XMLParserDelegate {
    var elements = 0, characters = 0
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "c" || name == "si" { elements += 1 }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { characters += string.utf8.count }
}

func sax(_ data: Data) -> Int {
    let counter = Counter()
    let parser = XMLParser(data: data)
    parser.delegate = counter
    _ = parser.parse()
    return counter.elements
}

func tree(_ data: Data, lazy: Bool) -> Int {
    let xml = XMLHash.config { $0.shouldProcessLazily = lazy }.parse(data)
    let root = xml.children.first!
    var count = 0
    if lazy {
        // Walk what a reader walks: rows and their cells, or the shared strings.
        for row in root["sheetData"]["row"].all { count += row["c"].all.count }
        count += root["si"].all.count
    } else {
        for row in root["sheetData"]["row"].all { count += row["c"].all.count }
        count += root["si"].all.count
    }
    return count
}

func median(_ f: () -> Int) -> (Double, Int) {
    var times: [Double] = []
    var result = 0
    for _ in 0..<5 {
        let start = DispatchTime.now().uptimeNanoseconds
        result = f()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return (times.sorted()[2], result)
}

for path in CommandLine.arguments.dropFirst() {
    let data = FileManager.default.contents(atPath: path)!
    let (a, n) = median { sax(data) }
    let (b, m) = median { tree(data, lazy: false) }
    let (c, k) = median { tree(data, lazy: true) }
    print("\((path as NSString).lastPathComponent) (\(data.count / 1000) kB): XMLParser \(String(format: "%.3f", a)) s [\(n)] · SWXMLHash tree \(String(format: "%.3f", b)) s [\(m)] = \(String(format: "%.1f", b / a))× · lazy \(String(format: "%.3f", c)) s [\(k)] = \(String(format: "%.1f", c / a))×")
}
