"""Real MT the benchmarks are measured on: the professional MQM annotations
(how they are imported, and the penalty a reader of the English can see)
and the post-edited translations the name benchmarks read."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_fluency_mqm import SETS, visible_penalty  # noqa: E402

HEADER = "system\tdoc\tdocSegId\tglobalSegId\trater\tsource\ttarget\tcategory\tseverity\tmetadata\n"
ROWS = [
    # Two raters of one translation: an awkward phrase (Major), a punctuation slip.
    "sysA\tnews_x:zh-en\t2\t7\trater1\t源\tThe <v>talks of peace</v> went on.\tStyle/Unnatural or awkward\tMajor\t{}\n",
    "sysA\tnews_x:zh-en\t2\t7\trater2\t源\tThe talks of peace went on<v>.</v>\tFluency/Punctuation\tMinor\t{}\n",
    # A mistranslation: not visible in the English alone.
    "sysA\tnews_x:zh-en\t2\t7\trater2\t源\tThe talks of <v>peace</v> went on.\tAccuracy/Mistranslation\tMajor\t{}\n",
    # An attention check planted in the text: never an error of the system.
    "sysA\tnews_x:zh-en\t2\t7\trater1\t源\tThe talks <v>banana</v> of peace went on.\tFound\tHOTW-test\t{}\n",
    "sysB\tnews_x:zh-en\t2\t7\trater3\t源\tPeace talks continued.\tNo-error\tNo-error\t{}\n",
    "ref\tnews_x:zh-en\t2\t7\trater3\t源\tPeace talks went on.\tNo-error\tNo-error\t{}\n",
]


def test_the_import_keeps_machine_translations_their_raters_and_error_spans(tmp_path: Path) -> None:
    tsv = tmp_path / "mqm_sample.tsv"
    tsv.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    subprocess.run([sys.executable, str(ROOT / "tools" / "import_mqm_spans.py"), str(tsv), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    records = [json.loads(line) for line in gzip.open(tmp_path / "mqm_sample.jsonl.gz", "rt", encoding="utf-8")]
    assert [(r["system"], r["seg"], r["raters"]) for r in records] == [("sysA", 2, ["rater1", "rater2"]),
                                                                        ("sysB", 2, ["rater3"])]
    a = records[0]
    assert a["target"] == "The talks of peace went on."
    assert a["errors"] == [[4, 18, "Style/Unnatural or awkward", "Major", "rater1"],
                           [26, 27, "Fluency/Punctuation", "Minor", "rater2"],
                           [13, 18, "Accuracy/Mistranslation", "Major", "rater2"]]
    assert a["target"][4:18] == "talks of peace"
    # Visible: the Major awkward phrase (5) and minor punctuation (0.1), over two raters.
    assert abs(visible_penalty(a) - 5.1 / 2) < 1e-9
    assert visible_penalty(records[1]) == 0.0


def test_both_sets_have_texts_raters_and_spans_inside_the_text() -> None:
    for path in SETS.values():
        records = [json.loads(line) for line in gzip.open(path, "rt", encoding="utf-8")]
        assert len(records) > 3000
        assert all(r["raters"] and 0 <= a <= b <= len(r["target"]) for r in records for a, b, *_ in r["errors"])


def test_the_feature_fit_ranks_by_the_feature_that_orders_the_penalties(tmp_path: Path) -> None:
    # Penalties follow word_nll within every segment; spike_rate is noise.
    from bench_fluency_features import fit, load
    lines = []
    for seg in range(6):
        for system, (word_nll, spike, penalty) in enumerate([(4.0, 0.09, 0.0), (4.5, 0.01, 1.0), (5.5, 0.05, 6.0)]):
            features = {"word_nll": word_nll + seg / 10, "spike_rate": (spike * (seg + system)) % 0.1}
            view = {"features": features, "words": 20}
            lines.append(json.dumps({"doc": f"talk.{seg % 2}", "seg": seg, "system": f"s{system}",
                                     "penalty": penalty, "alone": view, "after the previous segment": view}))
    (tmp_path / "features.jsonl").write_text("\n".join(lines) + "\n")
    groups = load(tmp_path / "features.jsonl")
    assert len(groups) == 12  # 6 segments x 2 views
    word_nll, spike_rate = fit(groups, list(groups), ["word_nll", "spike_rate"])
    assert word_nll > 0 and word_nll > 20 * spike_rate


def test_the_names_benchmark_reads_each_systems_document_as_one_article_in_segment_order() -> None:
    import bench_names_mqm
    path = bench_names_mqm.SETS["check"]
    articles = bench_names_mqm.articles(path)
    assert sum(map(len, articles)) == sum(1 for _ in gzip.open(path, "rt", encoding="utf-8"))
    for segments in articles:
        assert len({(s["system"], s["doc"]) for s in segments}) == 1
        assert [s["seg"] for s in segments] == sorted(s["seg"] for s in segments)


def test_a_marked_name_error_is_capitalised_words_not_opening_the_segment() -> None:
    from bench_names_mqm import name_errors
    target = "Prime Minister Funio Kishida met the envoy of Beijing Nanjiang Aerospace Technology in spring."
    segment = {"target": target, "errors": [
        [0, 14, "Accuracy/Mistranslation", "Major", "r1"],   # "Prime Minister": opens the segment
        [15, 20, "Accuracy/Mistranslation", "Major", "r1"],  # "Funio"
        [15, 20, "Fluency/Spelling", "Minor", "r2"],         # the same span, another rater
        [29, 32, "Style/Awkward", "Minor", "r2"],            # "met": no name
        [46, 83, "Accuracy/Mistranslation", "Minor", "r3"],  # four capitalised words: more than a name
        [46, 62, "Accuracy/Mistranslation", "Minor", "r3"],  # "Beijing Nanjiang"
    ]}
    assert [target[a:b] for a, b in name_errors(segment)] == ["Funio", "Beijing Nanjiang"]


def test_every_judged_name_finding_on_real_mt_says_which_of_three_it_is_and_why() -> None:
    from bench_names_mqm import VERDICTS, judged
    rows = [json.loads(line) for line in VERDICTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert rows and all(row["verdict"] in ("right", "damaged", "false") and row["why"] for row in rows)
    assert len({(row["set"], row["text"], row["suggestion"]) for row in rows}) == len(rows)
    found = [{"text": "Funio", "suggestion": "Fumio"}, {"text": "Modrow", "suggestion": "Moscow"},
             {"text": "Funio", "suggestion": "Fumiko"}]
    assert judged(found, "check") == {"right": 1, "damaged": 0, "false": 1, "unreviewed": 1}


def test_a_name_the_post_editor_corrected_is_a_damaged_mention_and_a_kept_one_is_clean() -> None:
    from bench_names_postedit import aligned
    mt = "Iran sent troops to Tskinvali 's hospital in Narvikul , Cloney said , and Market Arabs agreed ."
    pe = "Iran sent troops to Tskhinvali hospital in Narvik , Clooney said , and Square Arab agreed ."
    damaged, kept, edited = aligned(mt, pe)
    # Not "Market" -> Square (an ordinary English word) nor "Arabs" -> Arab (a plural).
    assert [(mt[start:end], original) for start, end, original in damaged] == [
        ("Tskinvali", "Tskhinvali"), ("Narvikul", "Narvik"), ("Cloney", "Clooney")]
    assert mt.index("Iran") in kept and mt.index("said") in kept
    assert mt.index("Market") in edited and mt.index("Market") not in kept


def test_a_finding_on_real_mt_is_judged_by_the_post_edit_where_it_corrects_a_name_else_by_its_verdict() -> None:
    from types import SimpleNamespace

    from bench_names_postedit import VERDICTS, aligned, load_verdicts, verdict
    rows = [json.loads(line) for line in VERDICTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert rows and all(row["verdict"] in ("right", "damaged", "false") and row["why"] for row in rows)
    assert len({(row["split"], row["text"], row["suggestion"]) for row in rows}) == len(rows)
    verdicts = load_verdicts("dev")
    mt = "Giovanni Cossin said that Cloney and Gheorghe Asachi met in Hamburavi ."
    pe = "Giovanni Cossin said that Clooney and Gheorghe Asachi met in Hamburavi ."
    damaged, _, _ = aligned(mt, pe)

    def judged(word: str, suggestion: str) -> str:
        start = mt.index(word)
        return verdict(SimpleNamespace(start=start, end=start + len(word), text=word, suggestions=(suggestion,)),
                       damaged, verdicts)
    # On a name the post-editor corrected, the post-edit decides.
    assert judged("Cloney", "Clooney") == "right" and judged("Cloney", "Colney") == "damaged"
    # Elsewhere the reviewed verdict: damage the editor left, a right name, a wrong suggestion, none.
    assert judged("Cossin", "Cassini") == "right"
    assert judged("Asachi", "Adachi") == "false"
    assert judged("Hamburavi", "Hamburg") == "damaged"
    assert judged("Hamburavi", "Hamburger") == "unreviewed"


def test_the_post_edits_are_the_five_directions_into_english_in_two_splits() -> None:
    rows = [json.loads(line) for line in gzip.open(ROOT / "fixtures" / "mlqe_pe" / "mt_pe.jsonl.gz", "rt",
                                                   encoding="utf-8")]
    counts = {(row["lang"], row["split"]) for row in rows}
    assert counts == {(lang, split) for lang in ("et", "ne", "ro", "ru", "si") for split in ("dev", "test20")}
    assert len(rows) == 10_000 and all(row["mt"] and row["pe"] for row in rows)
