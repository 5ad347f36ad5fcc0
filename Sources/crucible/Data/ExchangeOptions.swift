import ArgumentParser
import Exchanges
import Foundation
import MarketData

/// The exchanges `crucible data download` and `crucible data stream` speak.
enum ExchangeName: String, ExpressibleByArgument, CaseIterable {
    case binance, alpaca
}

/// Parses a symbol option (`BTCUSDT`, `BTC/USD`).
func parseInstrument(_ text: String, option: String) throws(ExchangeError) -> Instrument {
    guard let instrument = Instrument(symbol: text.trimmingCharacters(in: .whitespaces)) else {
        throw .invalidArgument("\(option): cannot read the symbol \"\(text)\"; expected e.g. BTCUSDT or BTC/USD")
    }
    return instrument
}

/// Runs `body`; an `ExchangeError` is printed to stderr as `error: …` and exits with status 1.
func reportingExchangeErrors<T>(_ body: () async throws(ExchangeError) -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
        throw ExitCode.failure
    }
}

/// A line on stderr rewritten in place, only when stderr is a terminal (quiet otherwise).
final class StatusLine: @unchecked Sendable {
    private let terminal = isatty(2) == 1
    private let lock = NSLock()
    private var wrote = false

    func show(_ line: String) {
        guard terminal else { return }
        lock.lock(); defer { lock.unlock() }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        wrote = true
    }

    /// A message on its own line (the status line, if any, is redrawn by the next `show`).
    func log(_ message: String) {
        lock.lock(); defer { lock.unlock() }
        FileHandle.standardError.write(Data(((terminal && wrote ? "\r\u{1B}[K" : "") + message + "\n").utf8))
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if terminal && wrote { FileHandle.standardError.write(Data("\n".utf8)); wrote = false }
    }
}
