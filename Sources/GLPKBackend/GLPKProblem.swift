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
    /// Rows and columns loaded (`load`, or copied).
    private(set) var rowCount = 0, columnCount = 0

    /// A new empty problem; clears the thread's captured terminal output.
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
        rowCount = model.rowCount
        columnCount = model.columnCount
    }

    func setObjective(maximize: Bool, coefficients: [Double], constant: Double) throws {
        try GLPKProblem.check(fa_set_objective(pointer, maximize ? GLP_MAX : GLP_MIN, coefficients, constant),
                              "setting the objective")
    }

    private init(pointer: OpaquePointer, rows: Int, columns: Int) {
        self.pointer = pointer
        generation = fa_generation()
        rowCount = rows
        columnCount = columns
    }

    /// A new problem with this one's rows, columns and matrix (not its solution).
    func copy() throws -> GLPKProblem {
        var q: OpaquePointer?
        try GLPKProblem.check(fa_copy_prob(pointer, &q), "glp_copy_prob")
        return GLPKProblem(pointer: q!, rows: rowCount, columns: columnCount)
    }


    /// Appends `text` to the captured terminal output (the solver log).
    static func print(_ text: String) throws {
        try check(fa_print(text), "glp_printf")
    }

    /// Fixes each 1-based column of `columns` at its value.
    func fix(_ columns: [(column: Int32, value: Double)]) throws {
        try GLPKProblem.check(fa_fix_columns(pointer, Int32(columns.count), columns.map(\.column), columns.map(\.value)),
                              "glp_set_col_bnds")
    }

    /// Sets the kind (GLP_CV/IV/BV) of each 1-based column of `columns`.
    func setKinds(_ columns: [(column: Int32, kind: Int32)]) throws {
        try GLPKProblem.check(fa_set_column_kinds(pointer, Int32(columns.count), columns.map(\.column), columns.map(\.kind)),
                              "glp_set_col_kind")
    }

    /// Every column's kind (GLP_CV/IV/BV), 0-based.
    func kinds() throws -> [Int32] {
        var kinds = [Int32](repeating: 0, count: columnCount)
        try GLPKProblem.check(fa_column_kinds(pointer, &kinds), "glp_get_col_kind")
        return kinds
    }

    /// The LP relaxation's primal values, 0-based.
    func lpValues() throws -> [Double] {
        var values = [Double](repeating: 0, count: columnCount)
        try GLPKProblem.check(fa_lp_values(pointer, &values), "glp_get_col_prim")
        return values
    }

    /// The MIP solution: values (0-based), objective and glp_mip_status.
    func mipSolution() throws -> (values: [Double], objective: Double, status: Int32) {
        var values = [Double](repeating: 0, count: columnCount)
        var objective = 0.0
        var status: Int32 = 0
        try GLPKProblem.check(fa_mip_values(pointer, &values, &objective, &status), "glp_mip_col_val")
        return (values, objective, status)
    }

    /// glp_scale_prob with automatic scaling.
    func scale() throws { try GLPKProblem.check(fa_scale(pointer), "glp_scale_prob") }

    /// Starts the simplex from `basis` (rows it does not cover start basic, columns at their lower bound).
    func setBasis(_ basis: MILPBasis) throws {
        let codes = (basis.rows + basis.columns).map(GLPKProblem.code)
        try GLPKProblem.check(fa_set_basis(pointer, codes, Int32(basis.rows.count), Int32(basis.columns.count)), "glp_set_row_stat")
    }

    /// The current simplex basis.
    func basis() throws -> MILPBasis {
        let rows = rowCount
        var codes = [Int32](repeating: 0, count: rows + columnCount)
        try GLPKProblem.check(fa_get_basis(pointer, &codes), "glp_get_row_stat")
        let statuses = codes.map(GLPKProblem.status)
        return MILPBasis(rows: Array(statuses[..<rows]), columns: Array(statuses[rows...]))
    }

    /// GLPK's advanced (triangular) initial basis.
    func advancedBasis() throws { try GLPKProblem.check(fa_advanced_basis(pointer), "glp_adv_basis") }

    /// The LP relaxation by the simplex (`method` GLP_PRIMAL or GLP_DUALP, no presolve, at most
    /// `milliseconds`): glp_simplex's return code, glp_get_status, the objective.
    func simplex(method: Int32, milliseconds: Int32, messages: Int32) throws -> (ret: Int32, status: Int32, objective: Double) {
        var ret: Int32 = 0, status: Int32 = 0
        var objective = 0.0
        try GLPKProblem.check(fa_simplex(pointer, method, milliseconds, messages, &ret, &status, &objective), "glp_simplex")
        return (ret, status, objective)
    }

    /// glp_intopt with `params` (`offered`: solutions, 0-based, the callback offers GLPK);
    /// the result and the column values.
    func intopt(_ params: fa_search_params, offered: [[Double]]) throws -> (fa_search_result, [Double]) {
        var params = params
        var result = fa_search_result()
        var values = [Double](repeating: 0, count: columnCount)
        let first = offered.first.map { [0] + $0 }, second = offered.dropFirst().first.map { [0] + $0 }
        try GLPKProblem.withPointer(first) { p0 in
            try GLPKProblem.withPointer(second) { p1 in
                params.offered = (p0, p1)
                params.offered_count = Int32(min(offered.count, 2))
                try GLPKProblem.check(fa_intopt(pointer, &params, &result, &values), "glp_intopt")
            }
        }
        return (result, values)
    }

    private static func withPointer<R>(_ array: [Double]?, _ body: (UnsafePointer<Double>?) throws -> R) rethrows -> R {
        guard let array else { return try body(nil) }
        return try array.withUnsafeBufferPointer { try body($0.baseAddress) }
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
