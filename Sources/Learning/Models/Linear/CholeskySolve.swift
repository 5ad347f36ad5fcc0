import CLAPACK

/// Solves `A·x = b` for a symmetric positive-definite `n × n` matrix `A` (row-major, upper
/// triangle read) with LAPACK's Cholesky driver `dposv`; `b` is overwritten with `x`.
func choleskySolve(_ a: inout [Double], _ b: inout [Double], n: Int) throws(LearningError) {
    precondition(a.count == n * n && b.count == n, "choleskySolve: shapes")
    let dim = Int32(n)
    let info = a.withUnsafeMutableBufferPointer { a in
        b.withUnsafeMutableBufferPointer { b in
            LAPACKE_dposv(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "U")), dim, 1, a.baseAddress, dim, b.baseAddress, 1)
        }
    }
    guard info == 0 else { throw .lapack(function: "dposv", info: info) }
}
