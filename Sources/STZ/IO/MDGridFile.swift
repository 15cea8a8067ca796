import Foundation
import Linalg

/// Reader for the MD grid text files of `CuZr_Ref` (`pe.MD.N`, `Exy.MD.N`, ...), the input the
/// reference's `read_chi_from_file` takes.
///
/// Format: a header line `mm nn a b` (grid size, then two numbers: base and scale for the
/// energy files, min and range for the strain files), then mm·nn values, i (x) fastest, row j
/// being y index j from the bottom. Whitespace of any kind separates numbers, so CRLF line
/// endings are fine. Kept private to STZ until Linalg's general readers take over.
public enum MDGridFile {
    /// The values of the MD grid file at `path` as an nn × mm matrix (rows = y, columns = x).
    ///
    /// - Throws: ``STZError/readFailed(path:reason:)`` when the file is missing, the header is
    ///   malformed, a value does not parse, or the count of values is not mm·nn.
    public static func read(path: String) throws(STZError) -> Matrix {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .readFailed(path: path, reason: error.localizedDescription)
        }
        return try parse(text, path: path)
    }

    /// Parses the text of an MD grid file; `path` only names the source in errors.
    static func parse(_ text: String, path: String) throws(STZError) -> Matrix {
        // Character-wise whitespace: "\r\n" is one Character, and it is whitespace.
        let tokens = text.split(whereSeparator: \.isWhitespace)
        guard tokens.count >= 4, let mm = Int(tokens[0]), let nn = Int(tokens[1]), mm > 0, nn > 0,
              Double(tokens[2]) != nil, Double(tokens[3]) != nil
        else {
            throw .readFailed(path: path, reason: "expected a header 'mm nn base scale'")
        }
        let values = tokens.dropFirst(4)
        guard values.count == mm * nn else {
            throw .readFailed(path: path, reason: "expected \(mm * nn) values after the header, found \(values.count)")
        }
        var rowMajor = [Double]()
        rowMajor.reserveCapacity(mm * nn)
        for (k, token) in values.enumerated() {
            guard let x = Double(token) else {
                throw .readFailed(path: path, reason: "value \(k + 1) '\(token)' is not a number")
            }
            rowMajor.append(x)
        }
        return Matrix(rows: nn, cols: mm, rowMajor: rowMajor)
    }
}
