"""`mtcheck compare HYP --reference REF`: BLEU, chrF and TER against a reference."""

from __future__ import annotations

import json

import click

from mtcheck.cli.errors import ConfigError
from mtcheck.cli.options import id_field_option, text_field_option
from mtcheck.gate import ExitCode

SCHEMA = "mtcheck.compare/1"


@click.command()
@click.argument("hypothesis", metavar="HYP", type=click.Path(exists=True, dir_okay=False))
@click.option("--reference", required=True, metavar="REF", type=click.Path(exists=True, dir_okay=False),
              help="The original or a human translation of the same article.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@text_field_option
@id_field_option
@click.pass_context
def compare(ctx: click.Context, hypothesis: str, reference: str, output_format: str,
            text_field: str, id_field: str) -> None:
    """Score the article HYP against REF through sacrebleu: BLEU, chrF and
    TER per aligned paragraph and for the document (with sacrebleu's
    signatures), and flag the paragraphs furthest from the reference.
    Boilerplate and duplicate paragraphs are left out on both sides.
    """
    from mtcheck.compare import compare as compare_texts

    hyp, ref = (one_document(path, text_field, id_field) for path in (hypothesis, reference))
    hyp_paragraphs, ref_paragraphs = compared_paragraphs(hyp), compared_paragraphs(ref)
    for path, paragraphs in ((hypothesis, hyp_paragraphs), (reference, ref_paragraphs)):
        if not paragraphs:
            click.echo(f"mtcheck: {path}: no article text to compare (empty, or only boilerplate)", err=True)
            raise click.exceptions.Exit(ExitCode.INPUT_ERROR)
    result = compare_texts([hyp.paragraph_text(p) for p in hyp_paragraphs],
                           [ref.paragraph_text(p) for p in ref_paragraphs])
    for pair in result["paragraphs"]:  # positions -> the documents' paragraph indexes
        pair["hypothesis"] = hyp_paragraphs[pair["hypothesis"]].index
        pair["reference"] = ref_paragraphs[pair["reference"]].index
    result["unaligned"] = {"hypothesis": [hyp_paragraphs[i].index for i in result["unaligned"]["hypothesis"]],
                           "reference": [ref_paragraphs[j].index for j in result["unaligned"]["reference"]]}
    report = {"schema": SCHEMA, "hypothesis": hypothesis, "reference": reference, **result}
    if output_format == "json":
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        click.echo(text_report(report))
    ctx.exit(ExitCode.OK)


def one_document(path: str, text_field: str, id_field: str):
    from mtcheck.document import InputError
    from mtcheck.reading import read_file

    items = list(read_file(path, text_field=text_field, id_field=id_field))
    errors = [item for item in items if isinstance(item, InputError)]
    if errors:
        click.echo(f"mtcheck: {errors[0].describe()}", err=True)
        raise click.exceptions.Exit(ExitCode.INPUT_ERROR)
    if len(items) != 1:
        raise ConfigError(f"{path}: compare takes one article per file, found {len(items)}")
    return items[0]


def compared_paragraphs(document) -> list:
    return [p for p in document.paragraphs if p.skipped in (None, "too-short")]


def text_report(report: dict) -> str:
    document = report["document"]
    lines = [f"{report['hypothesis']} against {report['reference']}:",
             f"  document: BLEU {score(document['bleu'])}, chrF {score(document['chrf'])}, "
             f"TER {score(document['ter'])}"]
    for pair in report["paragraphs"]:
        mark = "  <- furthest from the reference" if pair["flagged"] else ""
        lines.append(f"  paragraph {pair['hypothesis'] + 1} ~ {pair['reference'] + 1}: BLEU {pair['bleu']:.1f}, "
                     f"chrF {pair['chrf']:.1f}, TER {pair['ter']:.1f}{mark}")
    for side in ("hypothesis", "reference"):
        if report["unaligned"][side]:
            shown = ", ".join(str(i + 1) for i in report["unaligned"][side])
            lines.append(f"  unaligned {side} paragraphs: {shown}")
    lines += [f"  {document[f'{name}_signature']}" for name in ("bleu", "chrf", "ter")]
    return "\n".join(lines)


def score(value) -> str:
    return "n/a" if value is None else f"{value:.1f}"
