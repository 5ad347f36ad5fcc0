/// Module Optimization: search spaces and ask/tell optimizers (grid, random/Sobol, Bayesian),
/// walk-forward validation and Monte Carlo stress tests.
import Analytics
