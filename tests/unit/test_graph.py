"""The network across tools: people per platform, overlap, and the ties that live on one tool only."""

from __future__ import annotations

from smn_tui.domain.graph import platform_graph


def test_the_graph_counts_people_per_platform_and_their_overlap():
    people = [
        ("a", "Ada", ["linkedin", "email", "github"]),
        ("g", "Grace", ["github", "mastodon"]),
        ("l", "Linus", ["x"]),
        ("m", "Marie", ["linkedin", "x", "email"]),
        ("k", "Katherine", ["phone"]),
        ("n", "Nobody", []),
        ("h", "Hedy", ["instagram"]),
    ]
    g = platform_graph(people, {"l": 7, "h": 2, "k": 9, "g": 1})
    assert g.people == 6 and g.on_two_or_more == 3 and round(g.share_on_two_or_more, 2) == 0.5
    assert g.per_platform == {"email": 2, "github": 2, "linkedin": 2, "x": 2, "instagram": 1, "mastodon": 1,
                              "phone": 1}
    assert g.pairs[0] == ("email", "linkedin", 2)
    # Linus (x) and Hedy (instagram) are known on one tool only; Katherine's phone is no tool.
    assert [(t.name, t.platform, t.interactions) for t in g.one_tool_ties] == [("Linus", "x", 7),
                                                                               ("Hedy", "instagram", 2)]
    assert g.to_json()["pairs"][0] == {"platforms": ["email", "linkedin"], "people": 2}


def test_an_empty_network():
    g = platform_graph([], {})
    assert (g.people, g.on_two_or_more, g.share_on_two_or_more, g.pairs, g.one_tool_ties) == (0, 0, 0.0, [], [])
