import Linalg
import LuaHost

/// The `linalg` Lua module: dense matrices (column-major, OpenBLAS and LAPACK underneath).
enum LinalgModule {
    static var module: LuaModule {
        LuaModule(
        name: "linalg",
        doc: """
            linalg: dense matrices on OpenBLAS and LAPACK.

            Build matrices with linalg.matrix{{1, 2}, {3, 4}}, zeros, ones, eye, rand, ...; combine
            them with + - * / (a number on either side; * between matrices is the matrix product;
            row and column vectors broadcast) and methods (A:t(), A:solve(b), A:svd(), ...; see
            help(linalg.zeros(1)) for all). Indices are 1-based; slices are copies. Files: load
            and save (.npy, .npz, .csv), read_md, read_gnuplot.
            """,
        functions: LinalgConstruction.functions + LinalgDecompositions.functions + LinalgFiles.functions
            + MatrixDisplay.functions + [gemm, MatrixReductions.norm, MatrixReductions.dot],
        types: [matrixType, randomType, MatrixDisplay.optionsType])
    }

    static let gemm = MatrixArithmetic.gemmInPlace.renamed(
        "gemm",
        doc: """
            linalg.gemm(C, A, B [, {alpha = 1, beta = 0, trans_a = false, trans_b = false}]) -> C

            C = alpha op(A) op(B) + beta C in place (see C:gemm_).
            """)
}
