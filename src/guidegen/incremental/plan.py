"""Which output files a build must produce, take unchanged, or delete, given what the last builds left.

The staging folder starts either empty or as the previous output (`.<out>.previous`,
the tree the last build swapped out). A file whose key the staging folder already
holds stays; one whose key the live output holds is hard-linked from it; any other is
rendered or copied. What the cache says about a folder is trusted only while the
folder's marker carries the token of the build the cache describes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from guidegen.checks.links import PageLinks
from guidegen.incremental.cache import OutputState


@dataclass
class OutputPlan:
    from_previous: bool  # start the staging folder from the previous output
    produce: set[str] = field(default_factory=set)  # files to render or copy
    take: list[str] = field(default_factory=list)  # files to hard-link from the live output
    remove: list[str] = field(default_factory=list)  # files of the previous output the new one lacks
    live: Mapping[str, bytes] = field(default_factory=dict)  # what the live output holds, when known

    def up_to_date(self, wanted: Mapping[str, bytes]) -> bool:
        """The live output is already exactly what this build would write."""
        return not self.produce and wanted == self.live


def plan_output(
    wanted: Mapping[str, bytes],
    state: OutputState | None,
    folder: str,
    live_token: str | None,
    previous_token: str | None,
) -> OutputPlan:
    """wanted maps each output file to its key; the tokens are those read from the two folders' markers."""
    known = live_state(state, folder, live_token)
    live = known.live if known is not None else {}
    previous = None
    if known is not None and known.previous is not None and previous_token is not None:
        previous = known.previous if previous_token == known.previous_token else None
    plan = OutputPlan(from_previous=previous is not None, live=live)
    for file, key in wanted.items():
        if previous is not None and previous.get(file) == key:
            continue
        if live.get(file) == key:
            plan.take.append(file)
        else:
            plan.produce.add(file)
    if previous is not None:
        plan.remove = sorted(file for file in previous if file not in wanted)
    return plan


def next_state(
    wanted: Mapping[str, bytes], state: OutputState | None, folder: str, live_token: str | None, token: str
) -> OutputState:
    """What the cache knows after a successful swap: the new output, and the replaced one as the previous."""
    known = live_state(state, folder, live_token)
    if known is not None:
        return OutputState(folder, token, dict(wanted), known.live, known.token)
    return OutputState(folder, token, dict(wanted))


def live_state(state: OutputState | None, folder: str, live_token: str | None) -> OutputState | None:
    """What the cache says of the output folder, if it describes that folder as it is (its marker's token)."""
    if state is None or state.folder != folder or live_token is None or live_token != state.token:
        return None
    return state


def pages_to_check(
    wanted: Mapping[str, bytes],
    changed: Mapping[str, str],
    state: OutputState | None,
    scans: Mapping[bytes, PageLinks | None],
    base_url: str,
) -> set[str] | None:
    """The pages whose links must be checked, or None for all of them.

    The last written output passed the link check. If this build has the same files and base URL, and
    every re-rendered page offers the same ids as before, a link resolves as it did then: only the
    re-rendered pages whose links changed need checking. A template edit re-renders every page and
    mostly leaves their links as they were. changed maps the output file of each page whose key
    differs from the last output to its site path.
    """
    if state is None or state.base_url != base_url or wanted.keys() != state.live.keys():
        return None
    check: set[str] = set()
    for file, path in changed.items():
        before, after = scans.get(state.live[file]), scans.get(wanted[file])
        if before is None or after is None:
            if before is not after:
                return None
            continue
        if before.ids != after.ids:
            return None
        if before.links != after.links or before.images != after.images:
            check.add(path)
    return check
