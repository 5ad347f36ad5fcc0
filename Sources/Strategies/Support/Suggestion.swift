/// "Did you mean" suggestions for misspelt keys and names.
package enum Suggestion {
    /// The candidate closest to `word` by edit distance, if close enough to be a likely typo
    /// (distance ≤ 2, or ≤ a third of the word's length for long words). Ties go to the
    /// earlier candidate, so the answer does not depend on hashing.
    package static func closest(to word: String, in candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let d = distance(word.lowercased(), candidate.lowercased())
            if d <= limit, d < (best?.distance ?? .max) { best = (candidate, d) }
        }
        return best?.name
    }

    /// Levenshtein distance between two strings (by characters).
    package static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// `; did you mean "x"?` or, with `listing`, `; expected one of a, b, c` (else nothing).
    package static func hint(for word: String, in candidates: [String], listing: Bool = true) -> String {
        if let close = closest(to: word, in: candidates) { return "; did you mean \"\(close)\"?" }
        return listing ? "; expected one of \(candidates.joined(separator: ", "))" : ""
    }
}
