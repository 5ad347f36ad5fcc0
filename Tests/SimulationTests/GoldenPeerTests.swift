import Testing
import Simulation
import Strategies
import TestSupport

/// Whole backtests against the peer engines' reference (Tests/Fixtures/peers).
@Suite struct GoldenPeerTests {
    @Test(arguments: PeerFixture.cases)
    func vectorizedEngineReproducesPeers(_ file: String) throws {
        let fixture = try PeerFixture(file)
        let engine = VectorizedEngine(config: fixture.config, slippage: NoSlippage())
        fixture.check(try engine.run(try fixture.strategy(), bars: BTC.hourly))
    }

    @Test(arguments: PeerFixture.cases)
    func eventEngineReproducesPeers(_ file: String) throws {
        let fixture = try PeerFixture(file)
        let engine = EventEngine(config: fixture.config, slippage: NoSlippage())
        fixture.check(try engine.run(try fixture.strategy(), bars: BTC.hourly))
    }
}
