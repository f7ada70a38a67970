"""Mutated copies of the real packs build, linearly, losing nothing silently and showing no source markup
(the harness is tests/fuzz.py; `python scripts/fuzz.py --cases 1000` runs it at length)."""
from __future__ import annotations

from fuzz import make_case, packs, run_case

CI_CASES = 160  # windows of 500 lines of each pack: about half a minute
SEED = 17


def test_mutated_packs_build_and_lose_nothing_silently():
    corpus = packs()
    assert len(corpus) >= 8  # the samples and the Kent texts
    outcomes = [run_case(make_case(number, SEED, corpus, window=500)) for number in range(CI_CASES)]
    problems = [f"case {o.case.number} ({o.case.pack}: {', '.join(o.case.mutations)}): {'; '.join(o.problems)}"
                for o in outcomes if o.problems]
    assert not problems, "\n".join(problems[:10])
    # The cases are what they say: every kind of mutation was tried.
    tried = {m for o in outcomes for m in o.case.mutations}
    assert {"delete", "duplicate", "swap", "truncate", "long_line", "joined", "controls", "markup", "dates",
            "many_items", "odd sidecar", "bad bytes", "two packs in one file"} <= tried, tried


def test_the_harness_catches_what_it_looks_for(tmp_path, monkeypatch):
    """A check that cannot fail proves nothing: a build that crashes, or publishes a source's markup, is caught."""
    import fuzz
    from papersite.render import filters
    sample = next(text for name, text in packs() if name.startswith("001_"))
    case = fuzz.Case(0, "001", ["markup"], {"pack.txt": sample.replace("SEND and Inclusion", "SEND and Inclusion "
                                                                         "<script>FUZZ-MARK()</script>").encode()})
    assert not fuzz.run_case(case).problems
    monkeypatch.setattr(filters, "inline", lambda text, spans=(), rel=None: filters.Markup(text))
    assert any("source markup" in p for p in fuzz.run_case(case).problems)
    monkeypatch.undo()

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")
    monkeypatch.setattr("papersite.pipeline.build_archive", broken)
    assert any(p.startswith("crashed: RuntimeError") for p in fuzz.run_case(case).problems)
