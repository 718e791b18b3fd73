import CGLPK
import _GLPKShims
import FundAllocation

/// Owns one `glp_prob` on the thread that created it, and frees it.
///
/// Every GLPK call goes through a guarded shim function: a GLPK error becomes a thrown
/// `GLPKError` instead of `abort()`. Not Sendable: a problem must stay on its thread.
final class GLPKProblem {
    private let pointer: OpaquePointer
    private let generation: UInt

    init() throws {
        fa_capture_clear()
        var p: OpaquePointer?
        try GLPKProblem.check(fa_create_prob(&p), "glp_create_prob")
        pointer = p!
        generation = fa_generation()
    }

    deinit { _ = fa_delete_prob(pointer, generation) }

    static func check(_ code: Int32, _ operation: String) throws {
        if code != 0 { throw GLPKError(operation: operation, detail: capturedText()) }
    }

    /// GLPK's terminal output on this thread since the last clear.
    static func capturedText() -> String {
        var length = 0
        guard let text = fa_captured_text(&length) else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)
    }

    /// Loads columns, rows and the whole matrix in one `glp_load_matrix`.
    func load(_ model: MILPModelArrays) throws {
        try model.withPointers { rowType, rowLo, rowUp, colType, colLo, colUp, colKind, ia, ja, ar, rowNames, colNames in
            try GLPKProblem.check(
                fa_load_model(pointer, Int32(model.rowCount), Int32(model.columnCount),
                              rowType, rowLo, rowUp, colType, colLo, colUp, colKind,
                              Int32(model.nonZeros), ia, ja, ar, rowNames, colNames),
                "loading the model")
        }
    }

    func setObjective(maximize: Bool, coefficients: [Double], constant: Double) throws {
        try GLPKProblem.check(fa_set_objective(pointer, maximize ? GLP_MAX : GLP_MIN, coefficients, constant),
                              "setting the objective")
    }

    /// Solves with `params` (whose `basis`, when given, is `startBasis`); returns the result,
    /// the column values and the root LP's optimal basis when GLPK had one.
    func solve(_ params: fa_mip_params, rows: Int, columns: Int, startBasis: MILPBasis?) throws
        -> (fa_mip_result, [Double], MILPBasis?) {
        var params = params
        var result = fa_mip_result()
        var values = [Double](repeating: 0, count: columns)
        var basis = [Int32](repeating: 0, count: rows + columns)
        let start = startBasis.map { ($0.rows + $0.columns).map(GLPKProblem.code) } ?? []
        try start.withUnsafeBufferPointer { startPointer in
            if let startBasis {
                params.basis = startPointer.baseAddress
                params.basis_rows = Int32(startBasis.rows.count)
                params.basis_cols = Int32(startBasis.columns.count)
            }
            try GLPKProblem.check(fa_solve_mip(pointer, &params, &result, &values, &basis), "glp_intopt")
        }
        let statuses = basis.map(GLPKProblem.status)
        let root = result.has_basis != 0 ? MILPBasis(rows: Array(statuses[..<rows]), columns: Array(statuses[rows...])) : nil
        return (result, values, root)
    }

    /// GLPK's code for a basis status (GLP_BS, GLP_NL, GLP_NU, GLP_NF, GLP_NS).
    static func code(_ status: MILPBasis.Status) -> Int32 {
        switch status {
        case .basic: return GLP_BS
        case .atLower: return GLP_NL
        case .atUpper: return GLP_NU
        case .free: return GLP_NF
        case .fixed: return GLP_NS
        }
    }

    /// The basis status of GLPK's code `code`.
    static func status(_ code: Int32) -> MILPBasis.Status {
        switch code {
        case GLP_NL: return .atLower
        case GLP_NU: return .atUpper
        case GLP_NF: return .free
        case GLP_NS: return .fixed
        default: return .basic
        }
    }

    /// Writes the model as CPLEX LP (`lp: true`) or free MPS, named `name` (already a valid
    /// GLPK problem name: `GLPKSolver.problemName`).
    func write(to path: String, lp: Bool, name: String) throws {
        var ret: Int32 = 0
        try GLPKProblem.check(fa_write_model(pointer, lp ? 0 : 1, name, path, &ret), "writing \(path)")
        if ret != 0 { throw GLPKError(operation: "writing \(path)", detail: GLPKProblem.capturedText()) }
    }
}
