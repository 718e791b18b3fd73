import CGLPK
import FundAllocation

/// A `MILPModel` flattened into the arrays GLPK loads: 0-based row/column arrays, 1-based
/// matrix triplets (slot 0 unused), bounds mapped to GLP_FR/LO/UP/DB/FX by one function.
struct MILPModelArrays {
    var rowType: [Int32] = [], rowLower: [Double] = [], rowUpper: [Double] = []
    var columnType: [Int32] = [], columnLower: [Double] = [], columnUpper: [Double] = [], columnKind: [Int32] = []
    var ia: [Int32] = [0], ja: [Int32] = [0], ar: [Double] = [0]
    var rowNames: [String] = [], columnNames: [String] = []

    var rowCount: Int { rowType.count }
    var columnCount: Int { columnType.count }
    var nonZeros: Int { ia.count - 1 }

    init(_ model: MILPModel) {
        for column in model.columns {
            let (type, lo, up) = MILPModelArrays.bounds(column.lower, column.upper)
            columnType.append(type); columnLower.append(lo); columnUpper.append(up)
            switch column.kind {
            case .continuous: columnKind.append(Int32(GLP_CV))
            case .integer: columnKind.append(Int32(GLP_IV))
            case .binary:
                // A binary fixed by a pin keeps its bounds: load it as an integer in [lo, up].
                columnKind.append(column.lower == 0 && column.upper == 1 ? Int32(GLP_BV) : Int32(GLP_IV))
            }
            columnNames.append(MILPModelArrays.safeName(column.name))
        }
        for (i, row) in model.rows.enumerated() {
            let (type, lo, up) = MILPModelArrays.bounds(row.lower, row.upper)
            rowType.append(type); rowLower.append(lo); rowUpper.append(up)
            rowNames.append(MILPModelArrays.safeName(row.name))
            for term in row.terms where term.coefficient != 0 {
                ia.append(Int32(i + 1)); ja.append(Int32(term.column + 1)); ar.append(term.coefficient)
            }
        }
    }

    /// The GLPK bound type for optional bounds.
    static func bounds(_ lower: Double?, _ upper: Double?) -> (Int32, Double, Double) {
        switch (lower, upper) {
        case (nil, nil): return (Int32(GLP_FR), 0, 0)
        case let (lo?, nil): return (Int32(GLP_LO), lo, 0)
        case let (nil, up?): return (Int32(GLP_UP), 0, up)
        case let (lo?, up?) where lo == up: return (Int32(GLP_FX), lo, up)
        case let (lo?, up?): return (Int32(GLP_DB), lo, up)
        }
    }

    /// GLPK names: at most 255 bytes, no spaces (the LP writer cannot quote them).
    static func safeName(_ name: String) -> String {
        if name.utf8.count <= 255 && name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) { return name }
        var out = ""
        for ch in name {
            let s = String(ch)
            if out.utf8.count + s.utf8.count > 255 { break }
            out += ch.isWhitespace ? "_" : s
        }
        return out
    }

    func withPointers<R>(_ body: (UnsafePointer<Int32>, UnsafePointer<Double>, UnsafePointer<Double>,
                                  UnsafePointer<Int32>, UnsafePointer<Double>, UnsafePointer<Double>,
                                  UnsafePointer<Int32>, UnsafePointer<Int32>, UnsafePointer<Int32>,
                                  UnsafePointer<Double>, UnsafePointer<UnsafePointer<CChar>?>,
                                  UnsafePointer<UnsafePointer<CChar>?>) throws -> R) throws -> R {
        let rowC = rowNames.map { strdup($0) }
        let colC = columnNames.map { strdup($0) }
        defer { (rowC + colC).forEach { free($0) } }
        let rowP = rowC.map { UnsafePointer($0) } + [nil]
        let colP = colC.map { UnsafePointer($0) } + [nil]
        // Empty arrays still need a valid pointer: append a sentinel.
        return try (rowType + [0]).withUnsafeBufferPointer { rt in
            try (rowLower + [0]).withUnsafeBufferPointer { rl in
                try (rowUpper + [0]).withUnsafeBufferPointer { ru in
                    try (columnType + [0]).withUnsafeBufferPointer { ct in
                        try (columnLower + [0]).withUnsafeBufferPointer { cl in
                            try (columnUpper + [0]).withUnsafeBufferPointer { cu in
                                try (columnKind + [0]).withUnsafeBufferPointer { ck in
                                    try ia.withUnsafeBufferPointer { i in
                                        try ja.withUnsafeBufferPointer { j in
                                            try ar.withUnsafeBufferPointer { a in
                                                try rowP.withUnsafeBufferPointer { rn in
                                                    try colP.withUnsafeBufferPointer { cn in
                                                        try body(rt.baseAddress!, rl.baseAddress!, ru.baseAddress!,
                                                                 ct.baseAddress!, cl.baseAddress!, cu.baseAddress!,
                                                                 ck.baseAddress!, i.baseAddress!, j.baseAddress!,
                                                                 a.baseAddress!, rn.baseAddress!, cn.baseAddress!)
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

import Foundation
