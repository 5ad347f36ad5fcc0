/// The order of trials in every ranked output.
///
/// Semantics: `ok` trials first, then `infeasible`, then `failed`; within a status, trials with
/// an objective before those without (a NaN objective counts as none), best objective first
/// (largest when maximizing, smallest when minimizing); ties — equal objectives, or none — go
/// to the smaller trial id. Trial ids follow proposal order, which the spec's seed fixes, so the
/// ranking never depends on which thread finished first. `ResultsStore` applies the same rules
/// in SQL (`orderBy`); a test checks the two agree.
public struct TrialRanking: Sendable {
    public var direction: ObjectiveSpec.Direction

    public init(direction: ObjectiveSpec.Direction) { self.direction = direction }

    /// The sort key of a trial: smaller ranks higher.
    public struct Key: Sendable, Equatable {
        public var id: Int
        public var status: TrialStatus
        public var objective: Double?

        public init(id: Int, status: TrialStatus, objective: Double?) {
            self.id = id
            self.status = status
            self.objective = objective.flatMap { $0.isNaN ? nil : $0 }
        }

        public init(_ trial: TrialRecord) { self.init(id: trial.id, status: trial.status, objective: trial.objective) }
    }

    /// Whether `a` ranks strictly before `b`.
    public func precedes(_ a: Key, _ b: Key) -> Bool {
        let sa = Self.statusRank(a.status), sb = Self.statusRank(b.status)
        if sa != sb { return sa < sb }
        switch (a.objective, b.objective) {
        case let (x?, y?) where x != y: return direction == .maximize ? x > y : x < y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return a.id < b.id
        }
    }

    static func statusRank(_ status: TrialStatus) -> Int {
        switch status {
        case .ok: return 0
        case .infeasible: return 1
        case .failed: return 2
        }
    }

    /// The same order as an SQL `ORDER BY` over the `trial` table.
    var orderBy: String {
        """
        CASE status WHEN 'ok' THEN 0 WHEN 'infeasible' THEN 1 ELSE 2 END, objective IS NULL, \
        objective \(direction == .maximize ? "DESC" : "ASC"), id
        """
    }
}

/// The best K trials seen so far, to decide which trials keep their equity and trades.
///
/// Semantics: `offer` returns whether the trial enters the top K and which trial (if any) it
/// pushes out; the store then writes the newcomer's curves and deletes the evicted one's in the
/// same transaction. Membership depends only on the ranking, so it is the same whatever order
/// trials finish in.
public struct TopKTracker: Sendable {
    public let k: Int
    public let ranking: TrialRanking
    /// Members, best first.
    public private(set) var members: [TrialRanking.Key] = []

    public init(k: Int, ranking: TrialRanking) {
        self.k = k
        self.ranking = ranking
    }

    /// Offers a finished trial; returns whether it entered and which member it evicted.
    public mutating func offer(_ key: TrialRanking.Key) -> (entered: Bool, evicted: Int?) {
        guard k > 0 else { return (false, nil) }
        let position = members.firstIndex { ranking.precedes(key, $0) } ?? members.count
        guard position < k else { return (false, nil) }
        members.insert(key, at: position)
        return (true, members.count > k ? members.removeLast().id : nil)
    }
}
