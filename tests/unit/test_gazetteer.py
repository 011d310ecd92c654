"""The shipped gazetteer: it loads, it is valid, and the names analysts type resolve."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from bot.config import ConfigError
from bot.kb.entities import GAZETTEER_DIR, TYPES, Gazetteer, default_gazetteer, fold


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def test_shipped_gazetteer_loads_every_type_with_hundreds_of_entries(gaz):
    counts = Counter(e.type for e in gaz.entities)
    assert set(counts) == set(TYPES)
    assert sum(counts.values()) >= 600
    assert counts["person"] >= 250
    assert counts["org"] >= 100
    for type_ in TYPES:
        assert gaz.by_type(type_), type_
        assert all(e.type == type_ for e in gaz.by_type(type_))


def test_every_entity_is_well_formed(gaz):
    countries = {e.name for e in gaz.by_type("country")}
    for e in gaz.entities:
        assert e.id.startswith(e.type + ":"), e.id
        assert e.name.strip() == e.name and e.name
        assert e.source == "gazetteer"
        assert e.country is None or e.country in countries, (e.id, e.country)
        assert gaz.get(e.id) is e


def test_no_alias_names_entities_of_two_types(gaz):
    # find() would have to guess between them; the shipped data never makes it guess.
    by_key: dict[str, set[str]] = {}
    for alias, ent in gaz.alias_table():
        if alias not in gaz.weak_aliases(ent.id):
            by_key.setdefault(fold(alias), set()).add(ent.type)
    assert {k: v for k, v in by_key.items() if len(v) > 1} == {}


def test_people_have_surnames_as_weak_aliases_and_japanese_order_both_ways(gaz):
    kihara = gaz.get("person:minoru-kihara")
    assert "Kihara Minoru" in kihara.aliases
    assert "Kihara" in gaz.weak_aliases(kihara.id)
    assert "Kishida" in gaz.weak_aliases("person:fumio-kishida")
    assert "Austin" in gaz.weak_aliases("person:lloyd-austin")
    # Weak aliases may be shared; strong ones may not.
    campbells = [e.id for a, e in gaz.alias_table() if a == "Campbell"]
    assert sorted(campbells) == ["person:angus-campbell", "person:kurt-campbell"]


@pytest.mark.parametrize(
    ("name", "type_", "expected"),
    [
        ("INDOPACOM", None, "org:indopacom"),
        ("indopacom", None, "org:indopacom"),
        ("U.S. Indo-Pacific Command", "org", "org:indopacom"),
        ("USINDOPACOM", None, "org:indopacom"),
        ("Paparo", None, "person:samuel-paparo"),
        ("Samuel Paparo", "person", "person:samuel-paparo"),
        ("Samuel Papparo", "person", "person:samuel-paparo"),  # a typo, fuzzy
        ("JASDF", None, "org:jasdf"),
        ("Japan Air Self-Defense Force", None, "org:jasdf"),
        ("Japan Air Self Defense Force", None, "org:jasdf"),
        ("Kihara Minoru", None, "person:minoru-kihara"),
        ("minoru kihara", None, "person:minoru-kihara"),
        ("Minoru Kiuchi", None, "person:minoru-kiuchi"),  # not Kihara
        ("2+2", None, "forum:security-consultative-committee"),
        ("US-Japan Security Consultative Committee", None, "forum:security-consultative-committee"),
        (
            "Japan–U.S. Security Consultative Committee",
            None,
            "forum:security-consultative-committee",
        ),
        ("Valiant Shield", "exercise", "exercise:valiant-shield"),
        ("Michibiki", None, "program:qzss"),
        ("ROK", None, "country:south-korea"),
        ("U.S.", None, "country:united-states"),
        ("Kim Seung Kyum", None, "person:kim-seung-kyum"),
        ("person:lloyd-austin", None, "person:lloyd-austin"),
        # A wire's "in the Japanese capital" is a place, not the country: a meeting there is
        # not one in Hawaii whose story names Japan as a party.
        ("Japanese capital", "place", "place:tokyo"),
        ("South Korean capital", "place", "place:seoul"),
    ],
)
def test_resolve(gaz, name, type_, expected):
    ent = gaz.resolve(name, type_)
    assert ent is not None and ent.id == expected


@pytest.mark.parametrize(
    ("name", "type_"),
    [
        ("Campbell", None),  # two people share the surname: no guess
        ("Japan", "place"),  # it is a country
        ("Zzyzx Qwerty", None),
        ("", None),
    ],
)
def test_resolve_refuses_to_guess(gaz, name, type_):
    assert gaz.resolve(name, type_) is None


def test_alias_table_covers_names_aliases_and_weak_aliases(gaz):
    table = {(a, e.id) for a, e in gaz.alias_table()}
    assert ("JASDF", "org:jasdf") in table
    assert ("Japan Air Self-Defense Force", "org:jasdf") in table
    assert ("Paparo", "person:samuel-paparo") in table
    assert ("INDOPACOM", "org:indopacom") in table


def test_default_gazetteer_is_loaded_once():
    assert default_gazetteer() is default_gazetteer()


# --- a broken copy fails, naming the file and the key ----------------------------------


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "gazetteer"
    shutil.copytree(GAZETTEER_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _append(path: Path, entry: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + entry, encoding="utf-8")


BROKEN = [
    (
        "aliases not a list",
        lambda d: _edit(d / "people.yaml", "aliases: [Abe Shinzo, 安倍晋三, 安倍]", "aliases: Abe Shinzo"),
        "people.yaml",
        "entries[0].aliases",
        "expected a list of strings",
    ),
    (
        "duplicate id",
        lambda d: _append(d / "places.yaml", "  - id: place:tokyo\n    name: Tokyo Bay\n"),
        "places.yaml",
        "].id",
        "duplicate id",
    ),
    (
        "one alias for two organizations",
        lambda d: _append(
            d / "organizations.yaml", "  - id: org:other\n    name: Other\n    aliases: [JASDF]\n"
        ),
        "organizations.yaml",
        "].aliases",
        "already names org:jasdf",
    ),
    (
        "unknown country",
        lambda d: _append(
            d / "places.yaml", "  - id: place:atlantis\n    name: Atlantis\n    country: Atlantis\n"
        ),
        "places.yaml",
        "].country",
        "unknown country",
    ),
    (
        "unknown key",
        lambda d: _append(
            d / "forums.yaml", "  - id: forum:x\n    name: X Forum\n    alias: [XF]\n"
        ),
        "forums.yaml",
        "].alias",
        "unknown key",
    ),
    (
        "id of the wrong type",
        lambda d: _append(
            d / "exercises.yaml", "  - id: person:iron-fist-two\n    name: Iron Fist Two\n"
        ),
        "exercises.yaml",
        "].id",
        "expected 'exercise:",
    ),
    (
        "unknown type",
        lambda d: _edit(d / "programs.yaml", "type: program", "type: programme"),
        "programs.yaml",
        "type",
        "expected one of",
    ),
    (
        "within an unknown place",
        lambda d: _append(d / "places.yaml", "  - id: place:fort-x\n    name: Fort X\n    within: Atlantis\n"),
        "places.yaml",
        "].within",
        "unknown place 'Atlantis'",
    ),
    (
        "within a country, not a place",
        lambda d: _append(d / "places.yaml", "  - id: place:fort-x\n    name: Fort X\n    within: Japan\n"),
        "places.yaml",
        "].within",
        "unknown place 'Japan'",
    ),
    (
        "a place within itself",
        lambda d: _append(d / "places.yaml", "  - id: place:fort-x\n    name: Fort X\n    within: place:fort-y\n"
                                             "  - id: place:fort-y\n    name: Fort Y\n    within: Fort X\n"),
        "places.yaml",
        "].within",
        "within itself",
    ),
    (
        "a person within a place",
        lambda d: _append(d / "people.yaml", "  - id: person:x-y\n    name: X Y\n    within: Tokyo\n"),
        "people.yaml",
        "].within",
        "only places and venues",
    ),
    (
        "a partial calendar without editions",
        lambda d: _append(d / "exercises.yaml", "  - id: exercise:x-y\n    name: X Y\n    partial: true\n"),
        "exercises.yaml",
        "].partial",
        "only a series with editions",
    ),
    (
        "partial not a yes or no",
        lambda d: _append(d / "exercises.yaml", "  - id: exercise:x-y\n    name: X Y\n    partial: some\n"),
        "exercises.yaml",
        "].partial",
        "expected true or false",
    ),
    (
        "not YAML",
        lambda d: _append(d / "countries.yaml", "  - id: [unclosed\n"),
        "countries.yaml",
        None,
        "not valid YAML",
    ),
]


@pytest.mark.parametrize(
    ("case", "breakage", "file", "key", "message"), BROKEN, ids=[b[0] for b in BROKEN]
)
def test_broken_copy_fails_naming_file_and_key(tmp_path, case, breakage, file, key, message):
    directory = _copy(tmp_path)
    breakage(directory)
    with pytest.raises(ConfigError) as err:
        Gazetteer.load(directory)
    assert err.value.path.endswith(file)
    if key is None:
        assert err.value.key is None
    else:
        assert key in (err.value.key or "")
    assert message in str(err.value)
    assert file in str(err.value)


@pytest.mark.parametrize(
    ("entity_id", "expected"),
    [
        ("org:white-house", ["Washington, D.C.", "United States"]),
        ("place:yokota", ["Tokyo", "Japan"]),
        ("place:peterson-sfb", ["Colorado Springs", "Colorado", "United States"]),
        ("place:shoalwater-bay", ["Queensland", "Australia"]),
        ("place:tokyo", ["Japan"]),
        ("place:indo-pacific", []),
    ],
)
def test_within_lists_the_places_a_place_lies_in_then_its_country(gaz, entity_id, expected):
    assert [e.name for e in gaz.within(gaz.get(entity_id))] == expected


def test_an_empty_directory_fails(tmp_path):
    with pytest.raises(ConfigError, match="no gazetteer files"):
        Gazetteer.load(tmp_path)


def test_a_small_valid_copy_loads_and_matches(tmp_path):
    (tmp_path / "countries.yaml").write_text(
        "type: country\nentries:\n  - id: country:ruritania\n    name: Ruritania\n    aliases: [Ruritanian]\n"
    )
    (tmp_path / "people.yaml").write_text(
        "type: person\nentries:\n"
        "  - id: person:rudolf-rassendyll\n    name: Rudolf Rassendyll\n"
        "    weak_aliases: [Rassendyll]\n    country: Ruritania\n    roles: [King (acting)]\n"
    )
    gaz = Gazetteer.load(tmp_path)
    text = "The Ruritanian envoy met Rudolf Rassendyll. Rassendyll said little."
    found = [(m.text, m.entity.id, m.via) for m in gaz.find(text)]
    assert found == [
        ("Ruritanian", "country:ruritania", "alias"),
        ("Rudolf Rassendyll", "person:rudolf-rassendyll", "alias"),
        ("Rassendyll", "person:rudolf-rassendyll", "coref"),
    ]
