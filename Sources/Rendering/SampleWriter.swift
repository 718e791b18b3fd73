import Foundation
import FundAllocation
import ScenarioIO

/// `robust --write-samples DIR` (MODEL.md §9): each sample as a scenario any solver can re-solve —
/// `sample-K.yaml` extends the original and reads `sample-K.csv`, its projects with the drawn
/// households and scores (every other field as written; `<field>_low`/`_high` left out).
public enum SampleWriter {
    /// The two files of sample `k` of `scenario` (whose file is `original`, an absolute path):
    /// names and texts. `columns`: the keys of the original's `columns:` map, each mapped to
    /// itself so that the CSV's canonical headers are read as written.
    public static func files(_ scenario: Scenario, sample k: Int, original: String, columns: [String]) -> [(name: String, text: String)] {
        let s = scenario.sample(k)
        let name = String(format: "sample-%04d", k)
        var fields: [String] = []
        for p in s.projects {
            for key in p.fields.keys where !key.hasSuffix("_low") && !key.hasSuffix("_high") && !fields.contains(key) { fields.append(key) }
        }
        fields = ["id"] + fields.filter { $0 != "id" }.sorted()
        var rows = [fields]
        for p in s.projects {
            rows.append(fields.map { key in
                if key == "households" { return exact(p.households) }
                if let c = Criterion.allCases.first(where: { $0.field == key }) { return p.scores[c].map(exact) ?? "" }
                return p.fields[key]?.text ?? ""
            })
        }
        var yaml = "# Sample \(k) of \(original) (fundalloc robust --write-samples): the drawn households and scores.\n"
        yaml += "format: 1\nextends: \(DocumentWriter.scalar(original))\nprojects: \(name).csv\n"
        if !columns.isEmpty {
            yaml += "columns: {" + columns.map { "\(DocumentWriter.scalar($0)): \(DocumentWriter.scalar($0))" }.joined(separator: ", ") + "}\n"
        }
        return [("\(name).yaml", yaml), ("\(name).csv", CSVText.lines(rows) + "\r\n")]
    }

    /// A drawn value as a decimal (exact: the draws have at most 12 decimals).
    static func exact(_ v: Rational) -> String { v.decimalString(places: 12) }
}
