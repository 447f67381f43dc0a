"""One pipeline of stages: every command runs it, so every command agrees with `compare run`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from compare.report.tables import read_table
from compare.stages import STAGE_NAMES, STAGES, check_contracts, plan
from conftest import run_cli


def test_every_stage_requires_only_what_an_earlier_stage_provides():
    assert check_contracts() == []
    assert STAGE_NAMES == ("ingest", "annotate", "events", "align", "ter", "artifacts", "framing", "provenance", "mt")


def test_a_goal_runs_only_the_stages_it_depends_on():
    assert [s.name for s in plan("artifacts")] == ["ingest", "annotate", "events", "artifacts"]
    assert [s.name for s in plan("ter")] == ["ingest", "annotate", "events", "align", "ter"]
    assert [s.name for s in plan("ingest")] == ["ingest"]
    assert [s.name for s in plan("framing")] == ["ingest", "annotate", "events", "framing"]
    assert [s.name for s in plan("provenance")] == ["ingest", "annotate", "events", "align", "artifacts", "provenance"]
    assert [s.name for s in plan("mt")] == ["ingest", "annotate", "events", "align", "artifacts", "provenance", "mt"]
    assert plan(None) == STAGES
    with pytest.raises(ValueError, match="unknown stage"):
        plan("nonsense")


def test_a_stage_list_with_a_missing_input_is_reported():
    broken = tuple(s for s in STAGES if s.name != "events")
    assert any("requires events" in p for p in check_contracts(broken))


def test_every_signature_names_its_stage_version_and_settings():
    from compare.settings import EventSettings, RunSettings

    settings = RunSettings()
    for stage in STAGES:
        assert stage.signature(settings).startswith(f"stage:{stage.name}|version:")
    changed = RunSettings(events=EventSettings(link_threshold=0.6))
    events = next(s for s in STAGES if s.name == "events")
    assert events.signature(changed) != events.signature(settings)
    assert "link_threshold:0.6" in events.signature(changed)


def _cli_json(*args: str):
    done = run_cli(*args, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_events_command_agrees_with_the_report(seed_report):
    summary = json.loads((seed_report / "summary.json").read_text(encoding="utf-8"))
    events = _cli_json("events", "seeds")["events"]
    assert [(e["id"], e["sources"]) for e in events] == [(e["id"], e["sources"]) for e in summary["events"]]


def test_artifacts_command_agrees_with_the_report(seed_report):
    summary = json.loads((seed_report / "summary.json").read_text(encoding="utf-8"))
    from_command = {}
    for source in _cli_json("artifacts", "seeds"):
        from_command[source["id"]] = sorted((a["start"], a["end"], a["detector"]) for a in source["artifacts"])
    from_report = {}
    for event in summary["events"]:
        table = read_table(seed_report / event["folder"] / "artifacts.csv")
        for sid in event["sources"]:
            rows = table[table["source"] == sid]
            from_report[sid] = sorted(zip(rows["start"].tolist(), rows["end"].tolist(), rows["detector"].tolist(),
                                          strict=True))
    assert from_command == from_report
    assert any(from_command.values())


def test_align_command_agrees_with_the_report(seed_report):
    summary = json.loads((seed_report / "summary.json").read_text(encoding="utf-8"))
    payload = _cli_json("align", "seeds")
    links = sorted((lk["event"], lk["source_a"], lk["sentence_a"], lk["source_b"], lk["sentence_b"])
                   for lk in payload["links"])
    expected = []
    for event in summary["events"]:
        table = read_table(seed_report / event["folder"] / "links.csv")
        expected += list(zip(table["event"], table["source_a"], table["sentence_a"].tolist(), table["source_b"],
                             table["sentence_b"].tolist(), strict=True))
    assert links == sorted(expected)
    pairs = {(p["event"], p["source_a"], p["source_b"]): round(p["ter"], 4) for p in payload["pairs"]}
    reported = {(p["event"], p["source_a"], p["source_b"]): round(p["ter"], 4)
                for event in summary["events"] for p in event["pairs"]}
    assert pairs == reported


def test_framing_and_provenance_commands_agree_with_the_report(seed_report):
    summary = json.loads((seed_report / "summary.json").read_text(encoding="utf-8"))
    terms = sorted((row["event"], row["source"], row["start"], row["text"]) for row in _cli_json("framing", "seeds"))
    edges = sorted((g["event"], e["from"] or "", e["to"], e["relation"])
                   for g in _cli_json("provenance", "seeds") for e in g["edges"])
    reported_terms, reported_edges = [], []
    for event in summary["events"]:
        table = read_table(seed_report / event["folder"] / "framing.csv")
        reported_terms += zip(table["event"], table["source"], table["start"].tolist(), table["text"], strict=True)
        table = read_table(seed_report / event["folder"] / "provenance.csv")
        reported_edges += zip(table["event"], table["from"].fillna(""), table["to"], table["relation"], strict=True)
    assert terms == sorted(reported_terms) and terms
    assert edges == sorted(reported_edges) and edges


def test_ingest_command_agrees_with_the_report(seed_report):
    summary = json.loads((seed_report / "summary.json").read_text(encoding="utf-8"))
    rows = _cli_json("ingest", "seeds")
    for event in summary["events"]:
        table = read_table(seed_report / event["folder"] / "sentences.csv")
        for sid in event["sources"]:
            source = next(r for r in rows if r["id"] == sid)
            assert [s["text"] for s in source["sentences"]] == table[table["source"] == sid]["text"].tolist()


def test_every_csv_a_command_prints_defuses_formula_cells(tmp_path):
    """A page titled like a spreadsheet formula must not become a live formula in any CSV compare prints."""
    page = ("<html><head><title>=HYPERLINK(\"http://example.com\",\"x\")</title></head><body><article>"
            "<p>The ministers met in Tokyo on Thursday and spoke about trade for two hours.</p>"
            "<p>They agreed to meet again next year in Moscow, officials said after the talks.</p>"
            "</article></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    done = run_cli("ingest", str(tmp_path), "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert '=HYPERLINK' in done.stdout
    assert ",=HYPERLINK" not in done.stdout and '\n=HYPERLINK' not in done.stdout
    assert "'=HYPERLINK" in done.stdout


def test_public_api_runs_to_a_stage_and_writes_a_report(tmp_path):
    import compare

    sources = compare.load_source_set("seeds")
    assert [s.id for s in sources] == ["000", "001", "002", "003", "004"]
    grouped = compare.run_pipeline("seeds", until="events")
    assert grouped.stages == ("ingest", "annotate", "events")
    assert all(item.alignment is None for item in grouped.events)
    index = compare.write_report(compare.run_pipeline("seeds", until="ter"), tmp_path / "out", ["csv"])
    assert (index / "2019-05-30-japan-lavrov" / "links.csv").is_file()


def test_a_second_run_reports_each_result_once_and_reuses_it(tmp_path):
    """The stages that embed ahead look into the cache first; that look must not count as a hit or a miss, so the
    summary a user reads ("align 2/2") says how many results there are, and a second run reuses all of them."""
    import re

    from conftest import run_cli

    out = tmp_path / "report"
    first = run_cli("run", "seeds", "-o", str(out))
    second = run_cli("run", "seeds", "-o", str(out))
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    said = second.stdout + second.stderr
    counts = dict(re.findall(r"(\w+) (\d+/\d+)", said.split("results (")[1]))
    assert counts["align"] == "2/2" and counts["mt"] == "2/2" and counts["provenance"] == "2/2", said


def test_settings_hold_values_and_load_no_stage():
    """Issue 23's house rule: compare.settings imports no stage's registry, even to sign itself; the stages add
    what their code contributes (sacrebleu's signatures, detector names, the MT coefficients)."""
    probe = ("import sys, compare.settings as s; r = s.RunSettings(); r.signatures(); "
             "[getattr(r, g).signature() for g in ('scores', 'artifacts', 'mt', 'align')]; "
             "print(sorted(m for m in sys.modules if m.startswith(('compare.align', 'compare.artifacts', "
             "'compare.score', 'compare.stages', 'sacrebleu'))))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_report_prints_the_signatures_the_stages_sign_with():
    from compare.run_signatures import run_signatures
    from compare.settings import RunSettings

    signatures = run_signatures(RunSettings())
    assert signatures["scores"].startswith("bleu:nrefs:1") and "|ter:" in signatures["scores"]
    assert signatures["artifacts"].startswith("detectors:") and "calque" in signatures["artifacts"]
    assert "|coefficients:" in signatures["mt"]


def test_each_report_is_handed_on_as_soon_as_it_is_cleaned_and_unchanged():
    """``Context.cleaned`` sees every report cleaned in this process, one by one, while the set is read (the
    pipeline starts embedding its title and passage there), and the reports are those of a run without it."""
    from compare.cache import Cache
    from compare.executors import LocalExecutor
    from compare.settings import RunSettings
    from compare.stages import State
    from compare.stages.base import Context
    from compare.stages.early_embedding import report_texts
    from compare.stages.ingest import IngestStage
    from conftest import REPO

    def ingest(cleaned):
        state = State((REPO / "seeds",))
        IngestStage().run(state, Context(RunSettings(), LocalExecutor(), Cache(None), cleaned=cleaned))
        return state.sources

    seen = []
    plain, announced = ingest(None), ingest(seen.append)
    assert [s.id for s in seen] == [s.id for s in plain] == ["000", "001", "002", "003", "004"]
    assert announced == plain and seen == plain
    texts = report_texts(plain[0], RunSettings())
    assert len(texts) == 2 and texts[1].startswith(texts[0][:20])  # the title, then the passage it opens
