import Testing
@testable import Reports

@Suite struct SVGWriterTests {
    @Test func escapesTextAndAttributes() {
        #expect(XMLEscape.text("a<b>&c") == "a&lt;b&gt;&amp;c")
        #expect(XMLEscape.text("say \"hi\"") == "say \"hi\"")
        #expect(XMLEscape.attribute("x\"y'z<") == "x&quot;y&#39;z&lt;")
        #expect(XMLEscape.text("bell\u{07}tab\t") == "belltab\t")
        #expect(XMLEscape.text("plain") == "plain")
    }

    @Test(arguments: [
        (12.34, 1, "12.3"), (12.36, 1, "12.4"), (12.0, 1, "12"), (-0.04, 1, "0"), (-0.06, 1, "-0.1"),
        (0.5, 0, "1"), (3.14159, 3, "3.142"), (1.05, 2, "1.05"), (100.0, 2, "100"), (-250.5, 1, "-250.5"),
        (0.007, 3, "0.007"), (Double.nan, 1, "0"), (1e300, 1, "1e+300"),
    ] as [(Double, Int, String)])
    func formatsNumbersCompactly(value: Double, decimals: Int, expected: String) {
        #expect(SVGNumber.format(value, decimals: decimals) == expected)
    }

    @Test func writerClosesEverythingAndEscapes() {
        var svg = SVGWriter(width: 100, height: 50, title: "<script>alert(1)</script>")
        svg.start("g", [("class", "a\"b")])
        svg.text("x < y & z", x: 1.25, y: 2)
        svg.line(x1: 0, y1: 0, x2: 10, y2: 10, [("stroke", "#000")])
        let out = svg.finish()
        let check = XMLCheck(out)
        #expect(check.isWellFormed, "\(check.error ?? "")")
        #expect(check.hasText("<script>alert(1)</script>"))
        #expect(check.hasText("x < y & z"))
        #expect(!out.contains("<script>"))
        #expect(check.has("svg", attribute: "viewBox", value: "0 0 100 50"))
        // 1.25 is exact in binary; rounding half away from zero gives 1.3.
        #expect(check.has("text", attribute: "x", value: "1.3"))
    }

    @Test func pathUsesCompactCommands() {
        var path = SVGPath()
        path.move(0, 10.04)
        path.line(5.56, -2)
        path.close()
        #expect(path.data == "M0 10L5.6 -2Z")
    }
}
