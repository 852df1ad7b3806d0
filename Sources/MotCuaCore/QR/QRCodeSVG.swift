extension QRCode {
    /// The symbol as a standalone SVG: one path of horizontal runs of dark modules, a white
    /// background and the 4-module quiet zone the standard requires. Scales to any size.
    public func svg(quietZone: Int = 4, title: String? = nil) -> String {
        let side = size + 2 * quietZone
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else { x += 1; continue }
                var end = x
                while end < size, isDark(x: end, y: y) { end += 1 }
                path += "M\(x + quietZone) \(y + quietZone)h\(end - x)v1h-\(end - x)z"
                x = end
            }
        }
        let label = title.map { "<title>\(XMLText.escape($0))</title>" } ?? ""
        return """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges" role="img">\
        \(label)<rect width="\(side)" height="\(side)" fill="#fff"/><path d="\(path)" fill="#000"/></svg>
        """
    }

    /// The symbol as a 1-bit greyscale PNG, `scale` pixels per module, for print.
    public func png(scale: Int = 8, quietZone: Int = 4) -> [UInt8] {
        let side = (size + 2 * quietZone) * scale
        var image = PNGImage(width: side, height: side)
        for py in 0..<side {
            for px in 0..<side where isDark(x: px / scale - quietZone, y: py / scale - quietZone) {
                image.setBlack(x: px, y: py)
            }
        }
        return image.encoded()
    }
}
