import Strategies

/// How the state file writes the engine's enums: the words of trades.csv and events.csv.
enum StateText {
    static func side(_ side: Side) -> String { side == .buy ? "buy" : "sell" }

    static func liquidity(_ liquidity: Liquidity) -> String { liquidity == .maker ? "maker" : "taker" }

    static func status(_ status: OrderStatus) -> String {
        switch status {
        case .accepted: return "accepted"
        case let .partiallyFilled(remaining): return "partially_filled:\(remaining)"
        case .filled: return "filled"
        case .cancelled: return "cancelled"
        case .expired: return "expired"
        case let .rejected(reason): return "rejected:\(reason)"
        case .replaced: return "replaced"
        case .triggered: return "triggered"
        }
    }

    static func timeInForce(_ tif: TimeInForce) -> String {
        switch tif {
        case .gtc: return "gtc"
        case .ioc: return "ioc"
        case .fok: return "fok"
        case let .goodForBars(n): return "good_for_bars:\(n)"
        }
    }

    /// Kind, limit price, trigger price (a trailing stop's current level) and trail distance.
    static func kind(_ kind: OrderKind, trailLevel: Double) -> (String, Double?, Double?, String?) {
        switch kind {
        case .market: return ("market", nil, nil, nil)
        case let .limit(price): return ("limit", price, nil, nil)
        case let .stop(trigger): return ("stop", nil, trigger, nil)
        case let .stopLimit(trigger, limit): return ("stop_limit", limit, trigger, nil)
        case let .trailingStop(.amount(a)): return ("trailing_stop", nil, trailLevel, "amount:\(a)")
        case let .trailingStop(.percent(p)): return ("trailing_stop", nil, trailLevel, "percent:\(p)")
        }
    }

    /// Size kind and amount (quantity, equity fraction, or none to close the position).
    static func size(_ size: OrderSize) -> (String, Double?) {
        switch size {
        case let .quantity(q): return ("quantity", q)
        case let .equityFraction(f): return ("equity_fraction", f)
        case .closePosition: return ("close_position", nil)
        }
    }
}
