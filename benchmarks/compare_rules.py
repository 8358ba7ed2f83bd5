"""Compare-and-rules time on a saved collect of a corpus (extraction left out).

    python benchmarks/compare_rules.py [CORPUS_DIR] [--stages] [--refresh]

CORPUS_DIR defaults to /tmp/corpora/reuters21578. The first run collects the corpus
(no cache) and pickles the files to /tmp/factlint-bench/<name>.collect.pkl; later runs
load that pickle and time only `factlint.check.check_files`, by wall clock and by process
CPU time (steadier on a shared machine), and print the findings per rule. ``--stages``
also times the context (claim keys) and each rule on its own.
"""

from __future__ import annotations

import argparse
import gc
import pickle
import time
from collections import Counter
from pathlib import Path

DEFAULT_CORPUS = Path("/tmp/corpora/reuters21578")
PICKLES = Path("/tmp/factlint-bench")


def load_files(corpus: Path, config, refresh: bool) -> list:
    PICKLES.mkdir(parents=True, exist_ok=True)
    saved = PICKLES / f"{corpus.name}.collect.pkl"
    if refresh or not saved.exists():
        from factlint.pipeline import collect

        start = time.perf_counter()
        files = collect([corpus], use_cache=False, quiet=True, root=config.corpus).files
        print(f"collect: {time.perf_counter() - start:.1f} s (saved to {saved})")
        with open(saved, "wb") as fh:
            pickle.dump(files, fh, protocol=pickle.HIGHEST_PROTOCOL)
        return files
    with open(saved, "rb") as fh:
        gc.disable()  # millions of small objects: the collector would walk them again and again
        try:
            return pickle.load(fh)
        finally:
            gc.enable()


def time_stages(files: list, config, ruleset) -> None:
    from factlint.check import load_facts, load_rate_table
    from factlint.compare.matching import Matcher
    from factlint.rules.base import Context
    from factlint.rules.registry import RULE_TYPES

    gc.disable()
    start = time.process_time()
    ctx = Context(files=sorted(files, key=lambda f: f.meta.path), matcher=Matcher(config.alias_files),
                  rates=load_rate_table(config), facts=load_facts(config))
    print(f"  context (claim keys): {time.process_time() - start:.2f} s cpu")
    for rule in sorted(ruleset.rules, key=lambda r: (r.type not in ("reference", "derived"), r.id)):
        start = time.process_time()
        found = RULE_TYPES[rule.type].check(rule, ctx)
        print(f"  {rule.id} {rule.type}: {time.process_time() - start:.2f} s cpu, {len(found)} findings")
    gc.enable()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--stages", action="store_true", help="time the context and each rule too")
    parser.add_argument("--refresh", action="store_true", help="collect the corpus again")
    args = parser.parse_args()

    from factlint.check import check_files
    from factlint.config import load_config
    from factlint.rules.ruleset import configured_ruleset

    config = load_config([args.corpus], None)
    ruleset = configured_ruleset(config)
    files = load_files(args.corpus, config, args.refresh)
    print(f"{len(files)} files, {sum(len(f.claims) for f in files)} claims")
    wall, cpu = time.perf_counter(), time.process_time()
    result = check_files(files, config, ruleset)
    print(f"check_files: {time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s cpu")
    print("findings per rule:", dict(sorted(Counter(f.rule for f in result.findings).items())))
    if args.stages:
        time_stages(files, config, ruleset)


if __name__ == "__main__":
    main()
