import FundAllocation
import Testing

struct PlannerTests {
    /// The first stage may use half of the time (all of it when alone), later ones an equal
    /// share of what is left, the last one everything left; when every stage uses its whole
    /// share the limit is used exactly, never exceeded.
    @Test func stagesShareTheTimeLimit() {
        #expect(Planner.timeShare(stage: 0, of: 1) == 1)
        for count in 2...6 {
            #expect(Planner.timeShare(stage: 0, of: count) == 0.5)
            #expect(Planner.timeShare(stage: count - 1, of: count) == 1)
            var left = 1.0
            var used: [Double] = []
            for stage in 0..<count {
                let share = Planner.timeShare(stage: stage, of: count)
                #expect(share > 0 && share <= 1)
                used.append(left * share)
                left -= left * share
            }
            #expect(abs(left) < 1e-12)
            // Stages after the first get equal time.
            #expect(used.dropFirst().allSatisfy { abs($0 - used[1]) < 1e-12 })
        }
    }

    /// A stage's basis laid out for the next solve: the model's rows and the holds keep their
    /// statuses, the new hold starts basic, the stage's own rows go, the caps keep theirs.
    @Test func theNextSolveStartsFromTheBasisRowByRow() {
        // Rows: 2 of the model, 1 hold, 2 of the stage's own (a worst case's), 1 cap.
        let basis = MILPBasis(rows: [.atLower, .basic, .atUpper, .atLower, .atLower, .atUpper], columns: [.basic, .atLower])
        let next = Planner.nextBasis(basis, kept: 3, added: 1, dropped: 2)
        #expect(next.rows == [.atLower, .basic, .atUpper, .basic, .atUpper])
        #expect(next.columns == basis.columns)
        // A basis that does not cover the rows said is handed on as it is.
        #expect(Planner.nextBasis(basis, kept: 6, added: 1, dropped: 1) == basis)
    }
}
