import FundAllocation
import Testing

struct FilterTests {
    let here = SourceLocation(file: "t", line: 1)

    func project(_ fields: [String: String]) -> Project {
        Project(id: fields["id"] ?? "P", region: fields["region"], cost: 1, fields: fields.mapValues(FieldValue.init), location: here)
    }

    @Test func operatorsParse() {
        #expect(Comparison(parsing: ">= 3") == Comparison(.greaterOrEqual, FieldValue("3")))
        #expect(Comparison(parsing: "!=x") == Comparison(.notEqual, FieldValue("x")))
        #expect(Comparison(parsing: "<400万").op == .less)
        #expect(Comparison(parsing: "fruit") == Comparison(.equal, FieldValue("fruit")))
    }

    @Test func numbersCompareAsNumbersWithMoneySyntax() {
        #expect(Comparison(parsing: ">= 400万").holds(for: FieldValue("500万")))
        #expect(!Comparison(parsing: ">= 400万").holds(for: FieldValue("1,000")))
        #expect(Comparison(parsing: "1000").holds(for: FieldValue("1,000")))
        #expect(Comparison(parsing: "3").holds(for: FieldValue("3.0000000001")))   // 1e-9 tolerance
        #expect(!Comparison(parsing: "> 3").holds(for: FieldValue("3.0000000001")))
        #expect(Comparison(parsing: "< 3.1").holds(for: FieldValue("3")))
    }

    @Test func booleansAndText() {
        #expect(Comparison(parsing: "true").holds(for: FieldValue("1")))
        #expect(Comparison(parsing: "yes").holds(for: FieldValue("true")))
        #expect(!Comparison(parsing: "true").holds(for: FieldValue("0")))
        #expect(Comparison(parsing: "旬邑县").holds(for: FieldValue(" 旬邑县 ")))
        #expect(!Comparison(parsing: ">= a").holds(for: FieldValue("b")))
        // NFC: "é" composed and decomposed are the same text.
        #expect(Comparison(parsing: "caf\u{E9}").holds(for: FieldValue("cafe\u{301}")))
    }

    @Test func missingValuesFailEverythingButNotEqual() {
        #expect(!Comparison(parsing: "x").holds(for: nil))
        #expect(!Comparison(parsing: "< 5").holds(for: FieldValue("")))
        #expect(Comparison(parsing: "!= 5").holds(for: nil))
    }

    @Test func regionAttributesAndAnyOf() {
        let region = Group(id: "R1", attributes: ["poor": FieldValue("true")], location: here)
        let s = Scenario(regions: [region, Group(id: "R2", location: here)],
                         projects: [project(["id": "A", "region": "R1", "kind": "x"]), project(["id": "B", "region": "R2", "kind": "y"])])
        let poor = Filter([Condition(field: FieldPath("region.poor"), anyOf: [Comparison(parsing: "true")])])
        #expect(s.projects.filter { s.matches($0, poor) }.map(\.id) == ["A"])
        let anyKind = Filter([Condition(field: FieldPath("kind"), anyOf: [Comparison(parsing: "y"), Comparison(parsing: "z")])])
        #expect(s.projects.filter { s.matches($0, anyKind) }.map(\.id) == ["B"])
        #expect(s.projects.filter { s.matches($0, .all) }.count == 2)
        let both = poor.adding(Condition(field: FieldPath("kind"), anyOf: [Comparison(parsing: "y")]))
        #expect(s.projects.filter { s.matches($0, both) }.isEmpty)
    }
}
