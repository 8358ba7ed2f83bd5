import sys
from pathlib import Path

# The hand-built claims of tests/compare/claimkit.py serve the rule tests too.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "compare"))
