/// Module Experiments: JSON experiment specs, the runner and the SQLite results store.
import Optimization
