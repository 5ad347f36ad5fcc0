import ArgumentParser
import Exchanges
import MarketData

/// `--feed` of `crucible paper`: `replay:FILE`, or `EXCHANGE:SYMBOL:INTERVAL` with the
/// exchange, symbol and timeframe read as `crucible data stream` reads `--exchange`,
/// `--symbols` and `--timeframe`.
enum PaperFeedOption: Equatable {
    case replay(path: String)
    case exchange(ExchangeName, Instrument, Timeframe)

    static func parse(_ text: String) throws -> PaperFeedOption {
        if text.hasPrefix("replay:") {
            let path = String(text.dropFirst("replay:".count))
            guard !path.isEmpty else { throw ValidationError("--feed \(text): expected replay:FILE") }
            return .replay(path: path)
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let kinds = (["replay:FILE"] + ExchangeName.allCases.map { "\($0.rawValue):SYMBOL:INTERVAL" }).joined(separator: ", ")
        guard let name = parts.first.flatMap(ExchangeName.init(rawValue:)) else {
            throw ValidationError("--feed \(text): expected one of \(kinds)")
        }
        guard parts.count == 3, !parts[1].isEmpty, !parts[2].isEmpty else {
            throw ValidationError("--feed \(text): expected \(name.rawValue):SYMBOL:INTERVAL, e.g. \(name.example)")
        }
        do throws(ExchangeError) {
            let instrument = try parseInstrument(parts[1], option: "--feed")
            let frame: Timeframe
            do throws(DataError) { frame = try Timeframe.parse(parts[2]) } catch { throw .invalidArgument("--feed: \(error.description)") }
            return .exchange(name, instrument, frame)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

extension ExchangeName {
    /// A `--feed` example of this exchange.
    var example: String {
        switch self {
        case .binance: return "binance:BTCUSDT:1h"
        case .alpaca: return "alpaca:BTC/USD:1m"
        }
    }
}
