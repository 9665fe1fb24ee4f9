"""The verdict scale's commands: show a database's scale, and change it with a mapping."""

from __future__ import annotations

import click

from workbench.cli.options import Settings, db_option, pass_settings, reviewer_option
from workbench.core.scale import Scale, load_scale, parse_mapping
from workbench.core.store import ScaleChange, Store
from workbench.core.text.safe import json_text, printable


@click.group("scale")
def scale_command() -> None:
    """The verdict labels of a database: show them, or change to another scale.

    Every database has a scale: ours (supported, mixed, disputed, unverifiable)
    until another is set. Presets: ours, politifact (True ... Pants on Fire),
    meedan (Verified, False, Inconclusive); a TOML file defines any other. The
    app's keys, filters, stats, agreement and every export follow it.

    Example:

        workbench scale set politifact --map supported=true --map disputed=false
    """


def _table(scale: Scale) -> None:
    echo = click.echo
    echo(f"scale: {printable(scale.name)}")
    echo(f"{'key':<4}{'label':<16}{'title':<18}{'order':<7}ClaimReview")
    for label in scale.labels:
        order = "-" if label.order is None else str(label.order)
        rating = "no ratingValue" if label.rating is None else f"ratingValue {label.rating}"
        echo(
            f"{label.key:<4}{printable(label.name):<16}{printable(label.title):<18}{order:<7}"
            f"{printable(label.claimreview_name)} / {rating}"
        )
    echo(f"ClaimReview worstRating {scale.worst_rating}, bestRating {scale.best_rating}")
    ordinal = " < ".join(s.value for s in scale.ordinal) or "none"
    echo(f"ordinal order (worst first): {ordinal}")
    echo("x clears a verdict (unreviewed); conflict is a state, never a verdict")


@scale_command.command("show")
@db_option
@click.argument("name_or_file", required=False, metavar="[NAME|FILE]")
@click.option(
    "--format", "fmt", default="table", type=click.Choice(["table", "json"]), show_default=True
)
@pass_settings
def scale_show(settings: Settings, name_or_file: str | None, fmt: str) -> None:
    """Print the database's scale: labels, keys, order, ClaimReview mapping.

    With NAME (a preset) or FILE (a .toml scale), print that scale instead,
    without touching the database: a way to check a file before `scale set`.

    Example:

        workbench scale show
        workbench scale show politifact --format json
    """
    in_use: tuple[str, ...] = ()
    changes: tuple[ScaleChange, ...] = ()
    if name_or_file is not None:
        scale = load_scale(name_or_file)
    else:
        with Store(settings.database()) as store:
            scale = store.scale()
            in_use = tuple(s.value for s in store.labels_in_use())
            changes = store.scale_changes()
    if fmt == "json":
        click.echo(json_text(scale.as_dict(), indent=2))
        return
    _table(scale)
    if name_or_file is None:
        click.echo(f"labels in use: {', '.join(in_use) or 'none yet'}")
        for change in changes:
            mapped = ", ".join(f"{a.value}={b.value}" for a, b in change.mapping) or "no mapping"
            click.echo(
                f"changed from {printable(change.old.name)} on {change.changed_at[:10]}"
                f" by {printable(change.changed_by)}: {mapped}"
            )


@scale_command.command("set")
@db_option
@reviewer_option
@click.argument("name_or_file", metavar="NAME|FILE")
@click.option(
    "--map",
    "pairs",
    multiple=True,
    metavar="OLD=NEW",
    help="What a label in use becomes (repeatable); each one the new scale lacks must be mapped.",
)
@pass_settings
def scale_set(settings: Settings, name_or_file: str, pairs: tuple[str, ...]) -> None:
    """Give the database another scale: a preset (ours, politifact, meedan) or a .toml file.

    A database that has verdicts needs --map OLD=NEW for every label in use
    that the new scale lacks (nothing is guessed); NEW is a label of the new
    scale, by name or title. In one transaction the history, the claims and
    the undo journal are relabelled and the change is journaled with the old
    labels of every row, so `workbench scale show` tells what changed. A bad
    file or mapping writes nothing.

    Example:

        workbench scale set politifact --map supported=true --map mixed=half-true \\
            --map disputed=false --map unverifiable=half-true
        workbench scale set desk-scale.toml
    """
    scale = load_scale(name_or_file)
    mapping = parse_mapping(pairs)
    with Store(settings.database()) as store:
        change = store.set_scale(scale, mapping, settings.who())
    was = f" (was {printable(change.old.name)})" if change.old.name != scale.name else ""
    click.echo(
        f"scale: {printable(scale.name)}{was}; keys: "
        + ", ".join(f"{label.key} {printable(label.name)}" for label in scale.labels)
    )
    if change.mapping:
        mapped = ", ".join(f"{a.value} -> {b.value}" for a, b in change.mapping)
        click.echo(
            f"relabelled {change.verdict_rows} history rows and {change.claims} claims: {mapped}"
        )
