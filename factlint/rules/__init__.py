"""Rules stage: the YAML rule set decides which comparisons and claims are findings."""
