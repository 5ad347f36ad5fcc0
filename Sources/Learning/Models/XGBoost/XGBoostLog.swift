import CXGBoost
import Foundation

/// XGBoost's log messages of one training, captured on the calling thread, so a parameter
/// XGBoost reports as unused (a misspelt name, with `validate_parameters`) becomes an error
/// instead of a line on stderr.
///
/// Semantics: XGBoost keeps its log callback per thread and logs the training's configuration
/// on the thread that trains; `capture` registers Crucible's callback on the calling thread and
/// collects what XGBoost logs there while `body` runs. Messages logged on a thread that is not
/// capturing go to stderr, as XGBoost would print them.
enum XGBoostLog {
    /// Messages by capturing thread.
    private final class Sinks: @unchecked Sendable {
        private let lock = NSLock()
        private var messages: [UInt: [String]] = [:]

        func open(_ thread: UInt) { lock.withLock { messages[thread] = [] } }
        func close(_ thread: UInt) -> [String] { lock.withLock { messages.removeValue(forKey: thread) ?? [] } }
        /// Appends to the thread's sink; false when the thread is not capturing.
        func add(_ thread: UInt, _ text: String) -> Bool {
            lock.withLock {
                guard messages[thread] != nil else { return false }
                messages[thread]!.append(text)
                return true
            }
        }
    }

    private static let sinks = Sinks()

    /// The calling thread's identity.
    private static var thread: UInt {
        #if canImport(Glibc) || canImport(Musl)
        return UInt(pthread_self())
        #else
        return UInt(bitPattern: pthread_self())
        #endif
    }

    /// `body`'s result and the messages XGBoost logged on this thread meanwhile.
    static func capture<T>(_ body: () throws(LearningError) -> T) throws(LearningError) -> (value: T, messages: [String]) {
        _ = XGBRegisterLogCallback { message in
            let text = message.map { String(cString: $0) } ?? ""
            if !XGBoostLog.sinks.add(XGBoostLog.thread, text) {
                FileHandle.standardError.write(Data((text + "\n").utf8))
            }
        }
        let me = thread
        sinks.open(me)
        let value: T
        do { value = try body() } catch {
            _ = sinks.close(me)
            throw error
        }
        return (value, sinks.close(me))
    }

    /// The parameter names of XGBoost's `Parameters: { "a", "b" } are not used.` reports.
    static func unusedParameters(_ messages: [String]) -> [String] {
        var names: [String] = []
        for message in messages where message.contains("are not used") {
            guard let open = message.firstIndex(of: "{"), let close = message[open...].firstIndex(of: "}") else { continue }
            for part in message[message.index(after: open)..<close].split(separator: ",") {
                let name = part.trimmingCharacters(in: CharacterSet(charactersIn: " \"\n"))
                if !name.isEmpty, !names.contains(name) { names.append(name) }
            }
        }
        return names
    }
}
