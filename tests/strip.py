"""Presenting mode's strip in AppTest: what it shows and what its controls send.

The strip is one Streamlit component (static/present_strip.js), which AppTest cannot click.
These helpers send what its JavaScript sends, as the browser does: a "go" with a slide
number (a step button, the slide box or a key) or an "action" ("choose", "leave").
tests/browser/test_present.py drives the real controls and keys in Chromium.
"""

from __future__ import annotations

import html
import json
import re

from streamlit.components.v2.bidi_component.main import _make_trigger_id


def strip(at):
    return next(e for e in at.get("bidi_component") if e.proto.component_name == "countylines_present_strip")


def shows(at) -> dict:
    """What the strip was drawn with: {"at": position, "total": slides}."""
    return json.loads(strip(at).proto.json)


def where(at) -> str:
    """The one slide number, as the strip's slide box reads."""
    drawn = shows(at)
    return f"Slide {drawn['at']} of {drawn['total']}"


def send(at, event: str, value):
    """What the strip's JavaScript sends (setTriggerValue), then the rerun it starts."""
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = _make_trigger_id(strip(at).proto.id, "events")
    state.json_trigger_value = json.dumps([{"event": event, "value": value}])
    return at._run(states)


def can(at, step: str) -> bool:
    """Whether the strip's button for ``step`` is enabled (as static/present_strip.js draws it)."""
    drawn = shows(at)
    back = step in ("first", "previous")
    return drawn["total"] >= 1 and (drawn["at"] > 1 if back else drawn["at"] < drawn["total"])


def press(at, step: str):
    """A step button or its key: first, previous, next, last (nothing happens when disabled)."""
    drawn = shows(at)
    to = {"first": 1, "previous": drawn["at"] - 1, "next": drawn["at"] + 1, "last": drawn["total"]}[step]
    if not can(at, step):
        return at
    return send(at, "go", to)


def slide_title(at) -> str:
    """The slide's title, as the audience reads it (its <h1>, unescaped)."""
    for element in at.get("html"):
        found = re.search(r"<h1>(.*?)</h1>", element.proto.body, flags=re.S)
        if found:
            return html.unescape(found.group(1))
    raise AssertionError("no slide title shown")
