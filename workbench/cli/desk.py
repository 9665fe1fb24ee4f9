"""The desk's commands: its settings and roster, and adjudicating a claim in conflict."""

from __future__ import annotations

import attrs
import click

from workbench.cli.options import (
    Settings,
    claim_filter,
    db_option,
    filter_options,
    pass_settings,
    reviewer_option,
)
from workbench.core.agreement import agreement
from workbench.core.desk import ClaimReviewView
from workbench.core.errors import WorkbenchError
from workbench.core.export.common import figure_text
from workbench.core.models import Status
from workbench.core.review import parse_verdict
from workbench.core.store import Store
from workbench.core.text.safe import json_text, one_line, printable

YES = ("yes", "y", "true", "1", "on")
NO = ("no", "n", "false", "0", "off")


@click.group("desk")
def desk_command() -> None:
    """A desk of reviewers: how many independent verdicts a claim needs, who adjudicates.

    With one verdict per claim (the default) the latest verdict is the claim's
    status. With two or more, reviewers judge blind: each sees only their own
    verdicts, notes and citations on a claim until it has enough; verdicts that
    agree settle it, verdicts that differ put it in conflict until someone
    adjudicates (`workbench adjudicate`).

    Example:

        workbench desk set --required 2
    """


@desk_command.command("show")
@db_option
@pass_settings
def desk_show(settings: Settings) -> None:
    """Print the desk's settings and the reviewers it knows.

    Known reviewers are the roster (`workbench desk add`) and everyone who has
    given a verdict.

    Example:

        workbench desk show
    """
    with Store(settings.database()) as store:
        desk = store.desk_settings()
        known = store.known_reviewers()
    click.echo(f"independent verdicts per claim: {desk.required_verdicts}")
    may = "yes" if desk.adjudicator_may_review else "no"
    click.echo(f"an adjudicator may be one of the claim's reviewers: {may}")
    click.echo("reviewers: " + (", ".join(printable(n) for n in known) or "none yet"))


def _yes_no(value: str | None) -> bool | None:
    if value is None:
        return None
    word = value.strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise WorkbenchError(f"--adjudicator-may-review takes yes or no, not {value!r}")


@desk_command.command("set")
@db_option
@click.option(
    "--required",
    type=int,
    default=None,
    help="Independent verdicts a claim needs before it settles (1 to 9; 1: the latest wins).",
)
@click.option(
    "--adjudicator-may-review",
    "may_review",
    default=None,
    metavar="yes|no",
    help="Whether someone who gave one of a claim's verdicts may adjudicate it (default no).",
)
@pass_settings
def desk_set(settings: Settings, required: int | None, may_review: str | None) -> None:
    """Change how the desk reviews. Claims already reviewed settle again under the new rule.

    Example:

        workbench desk set --required 2 --adjudicator-may-review no
    """
    allowed = _yes_no(may_review)
    if required is None and allowed is None:
        raise click.UsageError("give --required N or --adjudicator-may-review yes|no")
    with Store(settings.database()) as store:
        if required is not None:
            changed = store.set_required_verdicts(required)
            click.echo(
                f"claims need {required} independent verdict{'s' if required > 1 else ''};"
                f" {changed} claim{'s' if changed != 1 else ''} changed status"
            )
        if allowed is not None:
            store.set_adjudicator_may_review(allowed)
            click.echo(
                "a reviewer of a claim may adjudicate it"
                if allowed
                else "a claim's adjudicator must not be one of its reviewers"
            )


@desk_command.command("add")
@db_option
@click.argument("names", nargs=-1, required=True)
@pass_settings
def desk_add(settings: Settings, names: tuple[str, ...]) -> None:
    """Put reviewers on the roster, so assignments can name them before their first verdict.

    Example:

        workbench desk add ann bob
    """
    with Store(settings.database()) as store:
        roster = store.add_to_roster(list(names))
    click.echo("roster: " + ", ".join(printable(n) for n in roster))


@click.command("adjudicate")
@db_option
@reviewer_option
@click.argument("claim_id", type=int)
@click.argument("verdict")
@click.option("--note", default="", help="Why: the adjudicator's reasoning (recorded with it).")
@pass_settings
def adjudicate_command(settings: Settings, claim_id: int, verdict: str, note: str) -> None:
    """Give the final verdict on a claim whose reviewers disagree.

    The verdict is recorded as an adjudication (who, when, why) and becomes the
    claim's status; `workbench claims --status conflict` lists the claims that
    wait for one, `workbench show ID` their verdicts side by side. `workbench
    undo` (or z in the app) takes it back like any other action of yours.

    Example:

        workbench adjudicate 12 mixed --reviewer eve --note "right number, wrong year"
    """
    who = settings.who()
    with Store(settings.database()) as store:
        status = parse_verdict(verdict, store.scale())
        row = store.adjudicate(claim_id, status, who, note)
    click.echo(f"claim {claim_id}: {row.verdict.value}, adjudicated by {printable(who)}")


def show_desk(view: ClaimReviewView) -> None:
    """For `show`: the independent verdicts side by side, or what the blind hides."""
    echo = click.echo
    if view.required <= 1:
        return
    if view.blind:
        others = f"{view.hidden} other verdict{'s' if view.hidden != 1 else ''}"
        echo(
            f"Blind: {others} hidden until the claim has {view.required} independent verdicts"
            f" ({len(view.verdicts) + view.hidden} so far)"
        )
    else:
        echo(f"Independent verdicts ({len(view.verdicts)} of {view.required} needed):")
        for verdict in view.verdicts:
            note = f" — {one_line(verdict.note)}" if verdict.note else ""
            echo(f"  {printable(verdict.reviewer)}: {verdict.verdict.value}{note}")
        if view.adjudication is not None:
            final = view.adjudication
            why = f" — {one_line(final.note)}" if final.note else ""
            echo(
                f"Adjudicated {final.verdict.value} by {printable(final.adjudicator)}"
                f" on {final.created_at[:10]}{why}"
            )
        elif view.status is Status.CONFLICT:
            echo("In conflict: waiting for an adjudicator (workbench adjudicate)")
    echo("")


@click.command("assign")
@db_option
@reviewer_option
@filter_options
@click.option(
    "--group", "groups", multiple=True, type=int, help="Only claims of this group (repeatable)."
)
@click.option("--to", "to", default=None, metavar="NAME", help="Give every selected claim to NAME.")
@click.option(
    "--split",
    default=None,
    metavar="NAME,NAME,...",
    help="Deal the selected claims between these reviewers, a whole group to one person.",
)
@pass_settings
def assign_command(
    settings: Settings,
    statuses: tuple[str, ...],
    kinds: tuple[str, ...],
    documents: tuple[int, ...],
    groups: tuple[int, ...],
    to: str | None,
    split: str | None,
) -> None:
    """Give claims to reviewers; `workbench claims --mine` lists a reviewer's share.

    --split deals whole groups (every version of a claim goes to one person),
    balancing the number of claims, and passes over whoever holds a group
    already, so a second split gives each claim to a second reviewer. Names must
    be known: on the roster (`workbench desk add`) or the author of a verdict.

    Example:

        workbench assign --status unreviewed --kind statistic --split ann,bob
    """
    if (to is None) == (split is None):
        raise click.UsageError("give either --to NAME or --split NAME,NAME,...")
    names = [to] if to is not None else [n.strip() for n in (split or "").split(",")]
    with Store(settings.database()) as store:
        where = attrs.evolve(
            claim_filter(statuses, kinds, documents, scale=store.scale()), group_ids=groups
        )
        dealt = store.assign(where, names, settings.who(), split=split is not None)
    for name, count in dealt.items():
        click.echo(f"{printable(name)}: {count} claim{'s' if count != 1 else ''}")


@click.command("unassign")
@db_option
@filter_options
@click.option(
    "--group", "groups", multiple=True, type=int, help="Only claims of this group (repeatable)."
)
@click.option(
    "--from",
    "holders",
    default=None,
    metavar="NAME,NAME,...",
    help="Take the claims back from these reviewers only (default: from everyone).",
)
@pass_settings
def unassign_command(
    settings: Settings,
    statuses: tuple[str, ...],
    kinds: tuple[str, ...],
    documents: tuple[int, ...],
    groups: tuple[int, ...],
    holders: str | None,
) -> None:
    """Take claims back from reviewers; their verdicts stay.

    Without filters every selected claim is taken back; --from names whose
    share shrinks.

    Example:

        workbench unassign --status unreviewed --from bob
    """
    names = [n.strip() for n in holders.split(",")] if holders is not None else []
    where = attrs.evolve(claim_filter(statuses, kinds, documents), group_ids=groups)
    with Store(settings.database()) as store:
        removed = store.unassign(where, names)
    whom = f" from {', '.join(printable(n) for n in names)}" if names else ""
    click.echo(f"{removed} assignment{'s' if removed != 1 else ''} removed{whom}")


def _undo_or_redo(settings: Settings, redo: bool) -> None:
    who = settings.who()
    with Store(settings.database()) as store:
        result = store.redo(who) if redo else store.undo(who)
    word = "redo" if redo else "undo"
    if result is None:
        click.echo(f"nothing to {word} for {printable(who)}")
        return
    claim_id, what = result
    click.echo(f"{'redone' if redo else 'undone'}: {what} on claim {claim_id}")


@click.command("undo")
@db_option
@reviewer_option
@pass_settings
def undo_command(settings: Settings) -> None:
    """Undo your latest action: a verdict, note, citation, group verdict or adjudication.

    The same journal as the app's z key: each reviewer undoes their own
    actions, latest first; the undo is recorded in the history, never a delete.

    Example:

        workbench undo --reviewer eve
    """
    _undo_or_redo(settings, redo=False)


@click.command("redo")
@db_option
@reviewer_option
@pass_settings
def redo_command(settings: Settings) -> None:
    """Redo the action you undid last, unless you did something since.

    Example:

        workbench redo --reviewer eve
    """
    _undo_or_redo(settings, redo=True)


@click.command("agreement")
@db_option
@click.option(
    "--reviewer", "only", default=None, metavar="NAME", help="Only NAME's claims and pairs."
)
@click.option(
    "--format", "fmt", default="table", type=click.Choice(["table", "json"]), show_default=True
)
@pass_settings
def agreement_command(settings: Settings, only: str | None, fmt: str) -> None:
    """How far reviewers agree, over claims with two or more independent verdicts.

    Percent agreement, Cohen's kappa for each pair of reviewers, Krippendorff's
    alpha for all (nominal, and ordinal along the scale's order: for ours
    disputed < mixed < supported, leaving unverifiable out; see `workbench
    scale show`), each with the claims and verdicts behind it.
    "n/a" means too few verdicts, or one verdict throughout.

    Example:

        workbench agreement --format json
    """
    with Store(settings.database()) as store:
        report = agreement(
            store.independent_verdict_table(), reviewer=only, order=store.scale().ordinal
        )
    if fmt == "json":
        click.echo(json_text(attrs.asdict(report), indent=2))
        return
    echo = click.echo
    if not report.claims:
        echo("no claim has two or more independent verdicts yet")
        return
    rows = [
        ("percent agreement", figure_text(report.percent.value, percent=True), report.percent),
        (
            "Krippendorff's alpha, nominal",
            figure_text(report.alpha_nominal.value),
            report.alpha_nominal,
        ),
        (
            "Krippendorff's alpha, ordinal",
            figure_text(report.alpha_ordinal.value),
            report.alpha_ordinal,
        ),
    ]
    for title, value, figure in rows:
        echo(f"{title:<31}{value:>7}   ({figure.claims} claims, {figure.verdicts} verdicts)")
    if report.pairs:
        echo("")
        echo(f"{'REVIEWERS':<30}{'CLAIMS':>7}{'AGREE':>8}{'KAPPA':>8}")
        for pair in report.pairs:
            names = one_line(f"{pair.first} & {pair.second}", 29)
            echo(
                f"{names:<30}{pair.claims:>7}{figure_text(pair.agreement, percent=True):>8}"
                f"{figure_text(pair.kappa):>8}"
            )
    echo("")
    echo(f"{'REVIEWER':<30}{'CLAIMS':>7}{'AGREES':>8}")
    for person in report.reviewers:
        echo(
            f"{one_line(person.reviewer, 29):<30}{person.claims:>7}"
            f"{figure_text(person.agreement, percent=True):>8}"
        )
