"""The map builders (flows in maps, areas in choropleths), checked on fig.data and fig.layout."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from countylines.draw import palette
from countylines.draw.maps import arrows, base, choropleths, flow_panel, lettering
from countylines.draw.maps.boundaries import ATTRIBUTION, load_force_areas

MET, CITY, NORFOLK, KENT = "E23000001", "E23000034", "E23000024", "E23000032"
MERSEYSIDE, CUMBRIA, ESSEX = "E23000004", "E23000002", "E23000028"

# Trace types that fetch a base map or tiles from a CDN and so draw nothing offline.
NETWORK_TRACES = {
    "choropleth",
    "scattergeo",
    "choroplethmap",
    "scattermap",
    "densitymap",
    "choroplethmapbox",
    "scattermapbox",
    "densitymapbox",
}


@pytest.fixture(scope="module")
def areas():
    return load_force_areas()


def _flows(rows):
    frame = pd.DataFrame(rows, columns=["year", "exporter_code", "exporter", "importer_code", "importer", "lines"])
    frame["lines"] = frame["lines"].astype("Int64")
    return frame


@pytest.fixture
def flows():
    return _flows(
        [
            (2017, MET, "Metropolitan Police", NORFOLK, "Norfolk", 12),
            (2017, MET, "Metropolitan Police", KENT, "Kent", None),
            (2017, MERSEYSIDE, "Merseyside", CUMBRIA, "Cumbria", 3),
            (2017, CITY, "City of London", ESSEX, "Essex", 1),
        ]
    )


def _flow_traces(fig):
    """The flow lines on the map: traces whose hover text has an arrow in it (the London inset's
    copies, named 'London: ...', left out)."""
    return [
        trace
        for trace in fig.data
        if trace.type == "scatter"
        and isinstance(trace.hovertext, str)
        and "→" in trace.hovertext
        and not (trace.name or "").startswith("London: ")
    ]


def _legend_names(fig):
    return [trace.name for trace in fig.data if trace.showlegend]


def _all_figures(areas, flows):
    answers = pd.DataFrame(
        {
            "code": [MET, NORFOLK, KENT],
            "name": ["Metropolitan Police", "Norfolk", "Kent"],
            "answer": ["yes", "possible", "not_known"],
        }
    )
    counts = pd.DataFrame({"code": areas["code"], "name": areas["name"], "exporters": range(43)})
    before = counts.assign(exporters=[n % 5 for n in range(43)])
    changes = choropleths.difference_counts(before, counts, "exporters")
    return {
        "flow": arrows.flow_map(areas, flows),
        "focus": arrows.flow_map(areas, flows, focus=MET, direction="out"),
        "answer": choropleths.answer_choropleth(areas, answers, "Answers"),
        "count": choropleths.count_choropleth(areas, counts, "exporters", "Counts", "Exporting forces"),
        "change": choropleths.change_choropleth(areas, changes, "Change", "Exporting forces"),
    }


# --- every figure ----------------------------------------------------------------


def test_no_figure_uses_a_trace_that_needs_the_network(areas, flows):
    for name, fig in _all_figures(areas, flows).items():
        types = {trace.type for trace in fig.data}
        assert not types & NETWORK_TRACES, name
        assert types <= {"scatter", "bar"}, (name, types)
        assert not fig.layout.geo.to_plotly_json() or fig.layout.geo.to_plotly_json() == {}, name


def test_every_figure_carries_attribution_alt_text_and_a_hidden_equal_aspect_map(areas, flows):
    for name, fig in _all_figures(areas, flows).items():
        texts = [(annotation.text or "").replace("<br>", " ") for annotation in fig.layout.annotations]
        assert ATTRIBUTION in texts, name
        alt = fig.layout.meta["alt"]
        assert isinstance(alt, str) and alt.endswith(".") and len(alt) > 30, name
        assert fig.layout.yaxis.scaleanchor == "x", name
        assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False, name


def test_every_figure_is_well_under_a_megabyte(areas, flows):
    for name, fig in _all_figures(areas, flows).items():
        assert len(fig.to_json()) < 500_000, name


def test_a_busy_year_of_flows_stays_under_a_megabyte(areas):
    codes = list(areas["code"])
    names = dict(zip(areas["code"], areas["name"], strict=True))
    rows = [
        (2017, exporter, names[exporter], importer, names[importer], (i * 7 + j) % 15 + 1)
        for i, exporter in enumerate(codes[:20])
        for j, importer in enumerate(codes[20:35])
    ]
    fig = arrows.flow_map(areas, _flows(rows))
    assert len(_flow_traces(fig)) == 300
    assert len(fig.to_json()) < 1_000_000


# --- flow map --------------------------------------------------------------------


def test_flow_hover_text_is_exact(areas, flows):
    texts = {trace.hovertext for trace in _flow_traces(arrows.flow_map(areas, flows))}
    assert "Metropolitan Police → Norfolk, 2017: 12 lines" in texts
    assert "Metropolitan Police → Kent, 2017: lines not given" in texts
    assert "Merseyside → Cumbria, 2017: 3 lines" in texts
    assert "City of London → Essex, 2017: 1 line" in texts


def test_largest_flow_is_drawn_last_and_widest(areas, flows):
    lines = _flow_traces(arrows.flow_map(areas, flows))
    assert lines[-1].hovertext == "Metropolitan Police → Norfolk, 2017: 12 lines"
    widths = [trace.line.width for trace in lines]
    assert widths[-1] == max(widths)
    merseyside = next(t for t in lines if t.hovertext.startswith("Merseyside"))
    assert merseyside.line.width < lines[-1].line.width
    unknown = next(t for t in lines if "not given" in t.hovertext)
    assert unknown.line.dash == "dot"


def test_flow_runs_from_exporter_anchor_towards_importer_and_curves(areas, flows):
    anchors = areas.set_index("code")
    lines = _flow_traces(arrows.flow_map(areas, flows))
    norfolk_flow = lines[-1]
    start = (norfolk_flow.x[0], norfolk_flow.y[0])
    assert start == (anchors.loc[MET, "anchor_x"], anchors.loc[MET, "anchor_y"])
    end = (norfolk_flow.x[-1], norfolk_flow.y[-1])
    target = (anchors.loc[NORFOLK, "anchor_x"], anchors.loc[NORFOLK, "anchor_y"])
    # The line stops short of the anchor where the arrowhead takes over.
    assert 2_000 < ((end[0] - target[0]) ** 2 + (end[1] - target[1]) ** 2) ** 0.5 < 30_000
    assert len(norfolk_flow.x) == 20
    # Not straight: the middle point is well off the chord.
    mid = (norfolk_flow.x[10], norfolk_flow.y[10])
    chord_mid = ((start[0] + target[0]) / 2, (start[1] + target[1]) / 2)
    assert ((mid[0] - chord_mid[0]) ** 2 + (mid[1] - chord_mid[1]) ** 2) ** 0.5 > 10_000


def test_every_flow_has_an_arrowhead(areas, flows):
    fig = arrows.flow_map(areas, flows)
    heads = [trace for trace in fig.data if trace.name == "arrowheads"]
    triangles = sum(list(trace.x).count(None) for trace in heads)
    assert triangles == len(flows)
    assert all(trace.fill == "toself" for trace in heads)


def test_focus_out_keeps_only_flows_out_of_the_force(areas, flows):
    fig = arrows.flow_map(areas, flows, focus=MET, direction="out")
    texts = sorted(trace.hovertext for trace in _flow_traces(fig))
    assert texts == [
        "Metropolitan Police → Kent, 2017: lines not given",
        "Metropolitan Police → Norfolk, 2017: 12 lines",
    ]
    assert "Metropolitan Police" in {trace.name for trace in fig.data}  # highlighted area
    assert "out of Metropolitan Police" in fig.layout.title.text


def test_focus_into_and_both(areas, flows):
    into = arrows.flow_map(areas, flows, focus=CUMBRIA, direction="into")
    assert [t.hovertext for t in _flow_traces(into)] == ["Merseyside → Cumbria, 2017: 3 lines"]
    assert _flow_traces(into)[0].line.color == palette.ORANGE
    both = arrows.flow_map(areas, flows, focus=NORFOLK, direction="both")
    assert [t.hovertext for t in _flow_traces(both)] == ["Metropolitan Police → Norfolk, 2017: 12 lines"]
    nothing = arrows.flow_map(areas, flows, focus=NORFOLK, direction="out")
    assert _flow_traces(nothing) == []
    assert "no county lines flows" in nothing.layout.meta["alt"]
    with pytest.raises(ValueError):
        arrows.flow_map(areas, flows, focus=NORFOLK, direction="sideways")


def test_city_of_london_and_met_are_marked_apart(areas, flows):
    fig = arrows.flow_map(areas, flows)
    city = next(trace for trace in fig.data if trace.name == "City of London" and trace.mode == "markers")
    others = next(trace for trace in fig.data if trace.name == "forces")
    met_at = others.hovertext.index("Metropolitan Police")
    met = (others.x[met_at], others.y[met_at])
    city_at = (city.x[0], city.y[0])
    assert city.marker.symbol != others.marker.symbol
    distance = ((met[0] - city_at[0]) ** 2 + (met[1] - city_at[1]) ** 2) ** 0.5
    assert distance > 5_000


def _inside(box, xs, ys):
    points = [(x, y) for x, y in zip(xs, ys, strict=True) if x is not None]
    return all(box[0] - 1 <= x <= box[2] + 1 and box[1] - 1 <= y <= box[3] + 1 for x, y in points)


def test_london_is_enlarged_with_the_met_the_city_and_their_arrows(areas, flows):
    fig = arrows.flow_map(areas, flows)
    box = flow_panel.inset_box(areas)
    met = next(t for t in fig.data if t.name == "Metropolitan Police (London enlarged)")
    city = next(t for t in fig.data if t.name == "City of London (London enlarged)")
    # 10 km apart on the ground (7 px on the map), about 38 km (25 px) apart in the inset.
    apart = ((met.x[0] - city.x[0]) ** 2 + (met.y[0] - city.y[0]) ** 2) ** 0.5
    assert apart > 22 * base.METRES_PER_PIXEL
    assert _inside(box, met.x, met.y) and _inside(box, city.x, city.y)
    # Every flow of the Met or the City has its arrow in the inset, as wide as on the map,
    # and the City's own area is drawn there in its own colour.
    inset = {t.hovertext: t for t in fig.data if (t.name or "").startswith("London: ")}
    assert set(inset) == {
        "Metropolitan Police → Norfolk, 2017: 12 lines",
        "Metropolitan Police → Kent, 2017: lines not given",
        "City of London → Essex, 2017: 1 line",
    }
    main = {t.hovertext: t for t in _flow_traces(fig)}
    for hover, trace in inset.items():
        assert trace.line.width == main[hover].line.width and trace.line.color == main[hover].line.color
        assert _inside(box, trace.x, trace.y)
    area = next(t for t in fig.data if t.name == "City of London (London enlarged)" and t.fill == "toself")
    assert area.fillcolor == flow_panel.CITY_FILL
    names = {a.text for a in fig.layout.annotations if a.name == "London names"}
    assert names == {"<b>Metropolitan Police</b>", "<b>City of London</b>"}


def test_no_london_inset_without_a_london_flow(areas, flows):
    fig = arrows.flow_map(areas, flows, focus=CUMBRIA, direction="into")
    assert not [t for t in fig.data if "London enlarged" in (t.name or "")]


def test_every_force_is_named_on_hover_anywhere_in_its_area(areas, flows):
    fig = arrows.flow_map(areas, flows)
    land = [
        t for t in fig.data if t.fill == "toself" and t.hoveron == "fills" and "(London enlarged)" not in t.name
    ]
    assert sorted(t.name for t in land) == sorted(areas["name"])
    assert all(t.hoverinfo == "name" for t in land)


def _named(fig) -> set[str]:
    labels = next((t for t in fig.data if t.name == "labels"), None)
    on_lines = {a.text for a in fig.layout.annotations if a.name == "labels"}
    return set(labels.text if labels else ()) | on_lines


def test_every_force_with_a_flow_is_named_without_overlapping(areas, flows):
    fig = arrows.flow_map(areas, flows)
    # The City is named in the London inset, every other force with a flow on the map.
    assert _named(fig) == {"Metropolitan Police", "Norfolk", "Kent", "Merseyside", "Cumbria", "Essex"}
    labels = next(trace for trace in fig.data if trace.name == "labels")
    boxes = [
        lettering.text_box(x, y, text, position, lettering.LABEL_FONT_SIZE)
        for x, y, text, position in zip(labels.x, labels.y, labels.text, labels.textposition, strict=True)
    ]
    for i, first in enumerate(boxes):
        for second in boxes[i + 1 :]:
            assert not lettering.overlap(first, second)


def test_the_largest_flows_carry_their_number_of_lines(areas):
    codes = list(areas["code"])
    names = dict(zip(areas["code"], areas["name"], strict=True))
    # 12 flows of 1 to 12 lines from four exporters: the ten largest are 3 to 12.
    rows = [
        (2017, codes[i % 4], names[codes[i % 4]], codes[20 + i], names[codes[20 + i]], i + 1) for i in range(12)
    ]
    fig = arrows.flow_map(areas, _flows(rows))
    numbers = [a for a in fig.layout.annotations if a.name == "flow number"]
    shown = sorted(int(a.text.removeprefix("<b>").removesuffix("</b>")) for a in numbers)
    # The three largest are placed before any name, the others where they fit among the names.
    assert set(shown) <= set(range(3, 13)) and {10, 11, 12} <= set(shown) and len(shown) >= 5
    plain = [a.text.removeprefix("<b>").removesuffix("</b>") for a in numbers]
    boxes = [
        lettering.text_box(a.x, a.y, text, "middle center", 11) for a, text in zip(numbers, plain, strict=True)
    ]
    for i, first in enumerate(boxes):
        for second in boxes[i + 1 :]:
            assert not lettering.overlap(first, second)


def test_width_classes_can_be_told_apart_and_the_key_says_them(areas, flows):
    assert arrows.width_class(14)[0] == "10 to 14 lines"
    assert arrows.width_class(16)[0] == arrows.width_class(17)[0] == "15 to 19 lines"
    assert arrows.width_class(None)[0] == "Number not given"
    widths = [width for _, _, width, _ in arrows.WIDTH_CLASSES]
    assert all(later >= 1.4 * earlier for earlier, later in itertools.pairwise(widths))
    fig = arrows.flow_map(areas, flows)
    assert fig.layout.showlegend is False  # the key is drawn in the panel, like the marks
    key = [a.text for a in fig.layout.annotations if a.name == "key"]
    assert "1 to 4 lines" in key and "10 to 14 lines" in key and "Number of lines not given" in key
    assert "5 to 9 lines" not in key  # only classes drawn
    swatches = {t.line.width for t in fig.data if t.name == "key" and t.mode == "lines"}
    assert swatches == {1.5, 5.0}  # 1 to 4 lines, 10 to 14 (the dotted one is 1.5 too)


def test_key_swatches_take_the_colour_of_the_arrows(areas, flows):
    into = arrows.flow_map(areas, flows, focus=CUMBRIA, direction="into")
    key = [t for t in into.data if t.name == "key" and t.mode == "lines"]
    assert key and {t.line.color for t in key} == {palette.ORANGE}
    assert "Lines into Cumbria" in [a.text for a in into.layout.annotations if a.name == "key"]
    both = arrows.flow_map(areas, flows, focus=MET, direction="out")
    assert {t.line.color for t in both.data if t.name == "key" and t.mode == "lines"} == {palette.DARK_BLUE}


def test_flow_title_states_the_year_and_the_map_is_drawn_to_be_filled(areas, flows):
    fig = arrows.flow_map(areas, flows)
    assert "2017" in fig.layout.title.text
    # Laid out about 1,050 m a pixel: an image of it fills its width in proportion.
    x0, x1 = fig.layout.xaxis.range
    assert fig.layout.meta["image_css_width"] == round((x1 - x0) / base.METRES_PER_PIXEL) + 16


# --- choropleths -----------------------------------------------------------------


def test_answer_map_has_one_legend_entry_per_class_present(areas):
    answers = pd.DataFrame(
        {
            "code": [MET, NORFOLK, KENT],
            "name": ["Metropolitan Police", "Norfolk", "Kent"],
            "answer": ["yes", "possible", "yes"],
        }
    )
    fig = choropleths.answer_choropleth(areas, answers, "Forces seeing county lines")
    # The other 40 forces made no return.
    assert _legend_names(fig) == ["Yes", "Possible (unconfirmed)", "No return"]
    fills = {t.name: t for t in fig.data if t.type == "scatter" and t.fill == "toself"}
    assert fills["Possible (unconfirmed)"].fillpattern.shape == "/"
    assert fills["No return"].fillpattern.shape == "x"
    assert not fills["Yes"].fillpattern.shape
    values = next(trace for trace in fig.data if trace.name == "values")
    assert "Norfolk: Possible (unconfirmed)" in values.hovertext
    assert "Cumbria: No return" in values.hovertext


def test_answer_map_refuses_an_unknown_answer(areas):
    answers = pd.DataFrame({"code": [MET], "name": ["Metropolitan Police"], "answer": ["maybe"]})
    with pytest.raises(ValueError, match="maybe"):
        choropleths.answer_choropleth(areas, answers, "Answers")


def test_count_bands_are_stated_in_the_legend_and_hover(areas):
    values = {NORFOLK: 4, KENT: 1, MET: 0, CUMBRIA: 9, MERSEYSIDE: 2, ESSEX: 6}
    counts = pd.DataFrame({"code": list(values), "name": ["?"] * len(values), "exporters": list(values.values())})
    fig = choropleths.count_choropleth(
        areas,
        counts,
        "exporters",
        "Counts",
        "Exporting forces",
        unit="exporting forces",
        missing_value=0,
    )
    names = _legend_names(fig)
    assert names[0] == "0"
    # Every positive value falls in exactly one stated band.
    bands = choropleths.count_bands([0, 4, 1, 9, 2, 6] + [0] * 37)
    assert [choropleths.band_label(band) for band in bands] == names
    for value in (1, 2, 4, 6, 9):
        assert sum(low <= value <= high for low, high in bands) == 1
    values_trace = next(trace for trace in fig.data if trace.name == "values")
    assert "Norfolk: 4 exporting forces" in values_trace.hovertext
    assert "Kent: 1 exporting force" in values_trace.hovertext
    assert "4" in values_trace.text  # the value is written on the map too


def test_count_map_without_a_row_shows_no_data(areas):
    counts = pd.DataFrame({"code": [NORFOLK], "name": ["Norfolk"], "exporters": [3]})
    fig = choropleths.count_choropleth(areas, counts, "exporters", "Counts", "Exporting forces")
    assert _legend_names(fig) == ["3", "No data"]


def test_count_bands_for_small_and_large_ranges():
    assert choropleths.count_bands([0, 1, 2, 2]) == [(0, 0), (1, 1), (2, 2)]
    bands = choropleths.count_bands(list(range(0, 30)))
    assert bands[0] == (0, 0) and bands[-1][1] == 29 and len(bands) <= 5
    assert all(bands[i][1] + 1 == bands[i + 1][0] for i in range(len(bands) - 1))


def test_difference_counts_and_change_map(areas):
    before = pd.DataFrame(
        {"code": [NORFOLK, KENT, MET], "name": ["Norfolk", "Kent", "Met"], "exporters": [2, 5, 1]}
    )
    after = pd.DataFrame(
        {"code": [NORFOLK, KENT, MET], "name": ["Norfolk", "Kent", "Met"], "exporters": [6, 4, 1]}
    )
    changes = choropleths.difference_counts(before, after, "exporters")
    assert dict(zip(changes["code"], changes["change"], strict=True)) == {NORFOLK: 4, KENT: -1, MET: 0}
    fig = choropleths.change_choropleth(areas, changes, "Change", "Exporting forces", "2016", "2017")
    assert _legend_names(fig) == ["1 to 2 fewer", "No change", "3 to 4 more", "No data"]
    values = next(trace for trace in fig.data if trace.name == "values")
    assert "Norfolk: +4 (2016: 2, 2017: 6)" in values.hovertext
    assert "−1" in values.text


def test_city_of_london_gets_an_enlarged_inset_on_choropleths(areas):
    answers = pd.DataFrame({"code": [CITY], "name": ["City of London"], "answer": ["yes"]})
    fig = choropleths.answer_choropleth(areas, answers, "Answers")
    yes = next(t for t in fig.data if t.name == "Yes" and t.type == "scatter")
    x0, _, x1, _ = base.CITY_INSET
    assert x0 in yes.x and x1 in yes.x
    assert any("City of London" in (a.text or "") for a in fig.layout.annotations)


def test_top_keeps_only_the_largest_flows(areas, flows):
    fig = arrows.flow_map(areas, flows, top=2)
    assert [t.hovertext for t in _flow_traces(fig)] == [
        "Merseyside → Cumbria, 2017: 3 lines",
        "Metropolitan Police → Norfolk, 2017: 12 lines",
    ]


def test_an_empty_flow_map_says_so_on_the_map(areas, flows):
    fig = arrows.flow_map(areas, flows, focus=NORFOLK, direction="out")
    texts = [annotation.text for annotation in fig.layout.annotations]
    assert "No county lines flows out of Norfolk to show for 2017." in texts


def test_choropleths_stay_importable_from_maps():
    # Callers written before the split keep working.
    assert choropleths.count_choropleth is choropleths.count_choropleth
    assert choropleths.answer_choropleth is choropleths.answer_choropleth
    assert choropleths.change_choropleth is choropleths.change_choropleth
    assert choropleths.difference_counts is choropleths.difference_counts


def test_two_count_maps_on_shared_bands_give_a_value_the_same_colour(areas):
    before = pd.DataFrame({"code": [NORFOLK, KENT], "name": ["Norfolk", "Kent"], "exporters": [1, 2]})
    after = pd.DataFrame({"code": [NORFOLK, KENT], "name": ["Norfolk", "Kent"], "exporters": [2, 9]})
    # 1, 2 and 9 are three distinct values, so each is its own band.
    bands = choropleths.count_bands([1, 2, 2, 9])
    assert bands == [(1, 1), (2, 2), (9, 9)]
    left = choropleths.count_choropleth(areas, before, "exporters", "2016", "Exporters", bands=bands)
    right = choropleths.count_choropleth(areas, after, "exporters", "2017", "Exporters", bands=bands)

    def fills(fig):
        return {t.name: t.fillcolor for t in fig.data if t.type == "scatter" and t.fill == "toself"}

    assert fills(left)["2"] == fills(right)["2"]
    assert fills(left)["1"] != fills(right)["9"]
    # Without shared bands, 2 is the darkest class on the left map but not on the right.
    alone = choropleths.count_choropleth(areas, before, "exporters", "2016", "Exporters")
    assert fills(alone)["2"] != fills(right)["2"]
