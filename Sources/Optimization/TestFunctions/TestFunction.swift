import Foundation

/// Standard optimization test problems (all minimized), selectable by name, with their
/// search spaces, known global minima and the evaluation budgets of the anchors' benchmark
/// (`Tests/Fixtures/bo/README.md`: 50 evaluations up to 4 dimensions, 100 for 5–6).
public enum TestFunction: String, CaseIterable, Sendable {
    case branin
    case hartmann3
    case hartmann6
    case rosenbrock
    case ackley
    case levy
    case styblinskiTang = "styblinski_tang"
    case mixedSweep = "mixed_sweep"

    /// Parameters in declaration order (x1, x2, ... or fast, slow, thr).
    public var space: SearchSpace {
        func box(_ d: Int, _ low: Double, _ high: Double) -> [Parameter] {
            (1...d).map { Parameter("x\($0)", .doubleRange(lower: low, upper: high)) }
        }
        let parameters: [Parameter]
        switch self {
        case .branin:
            parameters = [Parameter("x1", .doubleRange(lower: -5, upper: 10)), Parameter("x2", .doubleRange(lower: 0, upper: 15))]
        case .hartmann3: parameters = box(3, 0, 1)
        case .hartmann6: parameters = box(6, 0, 1)
        case .rosenbrock: parameters = box(4, -5, 10)
        case .ackley: parameters = box(5, -32.768, 32.768)
        case .levy: parameters = box(4, -10, 10)
        case .styblinskiTang: parameters = box(4, -5, 5)
        case .mixedSweep:
            parameters = [Parameter("fast", .intRange(lower: 2, upper: 50)), Parameter("slow", .intRange(lower: 10, upper: 200)),
                          Parameter("thr", .doubleRange(lower: 0, upper: 0.05))]
        }
        return try! SearchSpace(parameters)           // literal, valid spaces
    }

    /// Global minimum value.
    public var minimum: Double {
        switch self {
        case .branin: return 0.397887357729738
        case .hartmann3: return -3.86278214782076
        case .hartmann6: return -3.32236801141551
        case .rosenbrock, .ackley, .levy: return 0
        case .styblinskiTang: return -39.16616570377142 * 4
        case .mixedSweep: return -0.9897382976263532
        }
    }

    /// Evaluations per run in the anchors' benchmark.
    public var budget: Int { space.parameters.count <= 4 ? 50 : 100 }

    /// The objective at a point of `space` (values in declaration order).
    public func evaluate(_ values: [ParameterValue]) -> Double {
        let x = values.map { $0.number! }
        switch self {
        case .branin: return Self.branin(x)
        case .hartmann3: return Self.hartmann(x, a: Self.hartmann3A, p: Self.hartmann3P)
        case .hartmann6: return Self.hartmann(x, a: Self.hartmann6A, p: Self.hartmann6P)
        case .rosenbrock: return Self.rosenbrock(x)
        case .ackley: return Self.ackley(x)
        case .levy: return Self.levy(x)
        case .styblinskiTang: return x.reduce(0) { $0 + 0.5 * ($1 * $1 * $1 * $1 - 16 * $1 * $1 + 5 * $1) }
        case .mixedSweep: return Self.mixedSweep(fast: x[0], slow: x[1], thr: x[2])
        }
    }
}

extension TestFunction {
    static func branin(_ x: [Double]) -> Double {
        let b = 5.1 / (4 * Double.pi * Double.pi), c = 5 / Double.pi, t = 1 / (8 * Double.pi)
        let u = x[1] - b * x[0] * x[0] + c * x[0] - 6
        return u * u + 10 * (1 - t) * cos(x[0]) + 10
    }

    static let hartmannAlpha = [1.0, 1.2, 3.0, 3.2]
    static let hartmann3A: [[Double]] = [[3, 10, 30], [0.1, 10, 35], [3, 10, 30], [0.1, 10, 35]]
    static let hartmann3P: [[Double]] = [[3689, 1170, 2673], [4699, 4387, 7470], [1091, 8732, 5547], [381, 5743, 8828]]
        .map { $0.map { $0 * 1e-4 } }
    static let hartmann6A: [[Double]] = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14],
                                         [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
    static let hartmann6P: [[Double]] = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
                                         [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]
        .map { $0.map { $0 * 1e-4 } }

    static func hartmann(_ x: [Double], a: [[Double]], p: [[Double]]) -> Double {
        var sum = 0.0
        for i in 0..<4 {
            var inner = 0.0
            for j in x.indices { inner += a[i][j] * (x[j] - p[i][j]) * (x[j] - p[i][j]) }
            sum += hartmannAlpha[i] * exp(-inner)
        }
        return -sum
    }

    static func rosenbrock(_ x: [Double]) -> Double {
        var sum = 0.0
        for i in 0..<(x.count - 1) {
            sum += 100 * (x[i + 1] - x[i] * x[i]) * (x[i + 1] - x[i] * x[i]) + (1 - x[i]) * (1 - x[i])
        }
        return sum
    }

    static func ackley(_ x: [Double]) -> Double {
        let d = Double(x.count)
        let squares = x.reduce(0) { $0 + $1 * $1 } / d
        let cosines = x.reduce(0) { $0 + cos(2 * Double.pi * $1) } / d
        return -20 * exp(-0.2 * squares.squareRoot()) - exp(cosines) + 20 + exp(1)
    }

    static func levy(_ x: [Double]) -> Double {
        let w = x.map { 1 + ($0 - 1) / 4 }
        let d = w.count
        var sum = pow(sin(Double.pi * w[0]), 2)
        for i in 0..<(d - 1) {
            sum += (w[i] - 1) * (w[i] - 1) * (1 + 10 * pow(sin(Double.pi * w[i] + 1), 2))
        }
        return sum + (w[d - 1] - 1) * (w[d - 1] - 1) * (1 + pow(sin(2 * Double.pi * w[d - 1]), 2))
    }

    /// The "strategy-like" mixed-integer problem of `Tests/Fixtures/bo/README.md`: a main
    /// basin near (12, 60, 0.012), a decoy near (34, 150, 0.031), ripples, and a penalty when
    /// slow is not at least 1.5 times fast.
    static func mixedSweep(fast: Double, slow: Double, thr: Double) -> Double {
        let u = log(fast), v = log(slow)
        func sq(_ t: Double) -> Double { t * t }
        let g1 = exp(-sq((u - log(12)) / 0.35) - sq((v - log(60)) / 0.30) - sq((thr - 0.012) / 0.009))
        let g2 = exp(-sq((u - log(34)) / 0.25) - sq((v - log(150)) / 0.20) - sq((thr - 0.031) / 0.0075))
        return -1.00 * g1 - 0.85 * g2
            + 0.06 * cos(2 * Double.pi * fast / 7) * cos(2 * Double.pi * slow / 23)
            + 0.04 * cos(2 * Double.pi * thr / 0.01)
            + 0.5 * sq(max(0, log(1.5) - (v - u)))
    }
}
