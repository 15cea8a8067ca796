import CZlib
import Foundation

/// A PNG file decoded independently of gnuplot (8-bit RGB or RGBA, not interlaced): enough to
/// check what a renderer wrote pixel by pixel.
struct PNGImage {
    let width: Int
    let height: Int
    /// Pixels row by row, top row first, as 0xRRGGBB.
    let pixels: [UInt32]

    enum DecodingError: Error { case notPNG, unsupported(String), corrupt(String) }

    init(bytes: [UInt8]) throws {
        let signature: [UInt8] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
        guard bytes.count > 33, Array(bytes[0..<8]) == signature else { throw DecodingError.notPNG }
        func bigEndian(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        var offset = 8
        var header: ArraySlice<UInt8> = []
        var compressed = [UInt8]()
        while offset + 12 <= bytes.count {
            let length = bigEndian(offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            guard offset + 12 + length <= bytes.count else { throw DecodingError.corrupt("chunk \(type) runs past the end") }
            let data = bytes[offset + 8..<offset + 8 + length]
            if type == "IHDR" { header = data }
            if type == "IDAT" { compressed += data }
            offset += 12 + length
            if type == "IEND" { break }
        }
        guard header.count == 13 else { throw DecodingError.corrupt("no IHDR") }
        let h = Array(header)
        width = h[0..<4].reduce(0) { $0 << 8 | Int($1) }
        height = h[4..<8].reduce(0) { $0 << 8 | Int($1) }
        let (depth, colorType, interlace) = (h[8], h[9], h[12])
        guard depth == 8, colorType == 2 || colorType == 6, interlace == 0 else {
            throw DecodingError.unsupported("bit depth \(depth), colour type \(colorType), interlace \(interlace)")
        }
        let channels = colorType == 2 ? 3 : 4
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        var rawCount = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { out in
            compressed.withUnsafeBufferPointer { uncompress(out.baseAddress, &rawCount, $0.baseAddress, uLong($0.count)) }
        }
        guard status == Z_OK, Int(rawCount) == raw.count else { throw DecodingError.corrupt("zlib status \(status)") }
        var image = [UInt8](repeating: 0, count: height * stride)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            for i in 0..<stride {
                let x = raw[row * (stride + 1) + 1 + i]
                let a = i >= channels ? Int(image[row * stride + i - channels]) : 0
                let b = row > 0 ? Int(image[(row - 1) * stride + i]) : 0
                let c = i >= channels && row > 0 ? Int(image[(row - 1) * stride + i - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                    predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw DecodingError.corrupt("filter \(filter) in row \(row)")
                }
                image[row * stride + i] = UInt8((Int(x) + predictor) & 0xff)
            }
        }
        pixels = (0..<width * height).map { k in
            UInt32(image[k * channels]) << 16 | UInt32(image[k * channels + 1]) << 8 | UInt32(image[k * channels + 2])
        }
    }

    /// The number of distinct colours.
    var colorCount: Int { Set(pixels).count }

    /// The image row (0 at the top) of every pixel within `tolerance` (per channel) of `color`
    /// (0xRRGGBB).
    func rows(near color: UInt32, tolerance: Int = 8) -> [Int] {
        pixels.indices.filter { k in
            [16, 8, 0].allSatisfy { shift in abs(Int(pixels[k] >> shift & 0xff) - Int(color >> shift & 0xff)) <= tolerance }
        }.map { $0 / width }
    }

    /// How many pixels are within `tolerance` (per channel) of `color` (0xRRGGBB).
    func count(near color: UInt32, tolerance: Int = 8) -> Int { rows(near: color, tolerance: tolerance).count }
}
