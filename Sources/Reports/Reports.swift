/// Module Reports: self-contained HTML reports with inline SVG charts.
import Experiments
