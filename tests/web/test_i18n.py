"""The Ukrainian interface: a complete catalogue, compiled, and pages that follow the language.

The catalogue checks read the committed ``django.po`` and ``django.mo`` directly (no gettext
tools needed); the page checks render real views with ``django.test.Client`` on a real store.
"""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path
from typing import Any

import pytest

WEB = Path(__file__).resolve().parents[2] / "carewatch" / "web"
LOCALE = WEB / "locale" / "uk" / "LC_MESSAGES"
TEMPLATES = WEB / "templates"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
QUOTED = r"(u'(?:[^'\\]|\\.)*')"


def _unquote(text: str) -> str:
    return "".join(ast.literal_eval(part) for part in re.findall(r'"(?:[^"\\]|\\.)*"', text))


def parse_po(path: Path) -> list[dict[str, Any]]:
    """Entries of a .po file: msgid, msgid_plural, msgstr (a list), flags; the header skipped."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [ln for ln in block.strip().splitlines() if ln and not ln.startswith("#~")]
        flags = {f.strip() for ln in lines if ln.startswith("#,") for f in ln[2:].split(",")}
        fields: dict[str, str] = {}
        key = ""
        for ln in lines:
            if ln.startswith("#"):
                continue
            match = re.match(r"(msgid_plural|msgid|msgstr(?:\[\d\])?) (.*)", ln)
            if match:
                key = match.group(1)
                fields[key] = match.group(2)
            else:
                fields[key] += ln
        if "msgid" not in fields or not _unquote(fields["msgid"]):
            continue
        strs = [_unquote(v) for k, v in sorted(fields.items()) if k.startswith("msgstr")]
        entries.append({"msgid": _unquote(fields["msgid"]), "msgid_plural": _unquote(fields.get("msgid_plural", "")),
                        "msgstr": strs, "flags": flags})
    return entries


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    return parse_po(LOCALE / "django.po")


@pytest.fixture(scope="module")
def catalog() -> gettext.GNUTranslations:
    with (LOCALE / "django.mo").open("rb") as fh:
        return gettext.GNUTranslations(fh)


def test_po_has_no_untranslated_or_fuzzy_entries(entries: list[dict[str, Any]]) -> None:
    assert len(entries) > 300
    assert not [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert not [e["msgid"] for e in entries if not e["msgstr"] or not all(s.strip() for s in e["msgstr"])]


def test_plural_entries_fill_every_ukrainian_form(entries: list[dict[str, Any]]) -> None:
    header = (LOCALE / "django.po").read_text(encoding="utf-8").split("\n\n")[0]
    forms = int(re.search(r"nplurals=(\d+)", header).group(1))  # type: ignore[union-attr]
    plurals = [e for e in entries if e["msgid_plural"]]
    assert forms >= 3 and plurals
    assert all(len(e["msgstr"]) == forms for e in plurals)


def test_translations_keep_their_placeholders(entries: list[dict[str, Any]]) -> None:
    for e in entries:
        wanted = set(PLACEHOLDER.findall(e["msgid"] + e["msgid_plural"]))
        for text in e["msgstr"]:
            assert set(PLACEHOLDER.findall(text)) <= wanted, e["msgid"]
        if not e["msgid_plural"]:
            assert set(PLACEHOLDER.findall(e["msgstr"][0])) == wanted, e["msgid"]


def test_compiled_catalogue_matches_the_po(entries: list[dict[str, Any]], catalog: gettext.GNUTranslations) -> None:
    """The .mo ships with the code (users may lack gettext): it must not lag behind the .po."""
    for e in entries:
        if e["msgid_plural"]:
            assert catalog.ngettext(e["msgid"], e["msgid_plural"], 5) == e["msgstr"][2], e["msgid"]
        else:
            assert catalog.gettext(e["msgid"]) == e["msgstr"][0], e["msgid"]


def _template_strings() -> list[tuple[str, str, str]]:
    """(template, singular, plural) for every translatable string, as makemessages reads them."""
    import django

    django.setup()  # conftest points DJANGO_SETTINGS_MODULE at carewatch.settings
    from django.utils.translation.template import templatize

    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        name = str(path.relative_to(TEMPLATES))
        found += [(name, ast.literal_eval(m), "") for m in re.findall(r"(?<![nNp])gettext\(" + QUOTED + r"\)", code)]
        found += [(name, ast.literal_eval(a), ast.literal_eval(b))
                  for a, b in re.findall(r"ngettext\(" + QUOTED + r",\s*" + QUOTED, code)]
    return found


def test_every_template_string_has_a_ukrainian_translation(catalog: gettext.GNUTranslations) -> None:
    strings = _template_strings()
    assert len(strings) > 300
    missing = [(name, s) for name, s, plural in strings
               if (catalog.ngettext(s, plural, 5) if plural else catalog.gettext(s)) in (s, plural)
               and s not in {"API", "SVG", "PNG"}]
    assert not missing


def test_ukrainian_plurals_choose_the_right_form(catalog: gettext.GNUTranslations) -> None:
    forms = {n: catalog.ngettext("%(n)s report", "%(n)s reports", n) % {"n": n} for n in (1, 3, 5, 11, 21, 22)}
    assert forms == {1: "1 повідомлення", 3: "3 повідомлення", 5: "5 повідомлень", 11: "11 повідомлень",
                     21: "21 повідомлення", 22: "22 повідомлення"}
    assert catalog.ngettext("%(n)s origin", "%(n)s origins", 2) % {"n": 2} == "2 першоджерела"
    assert catalog.ngettext("%(n)s origin", "%(n)s origins", 25) % {"n": 25} == "25 першоджерел"


def test_certainty_levels_shown_as_data_are_translated(catalog: gettext.GNUTranslations) -> None:
    """Templates translate the stored level names at render time (``{% translate l %}``)."""
    from carewatch.incidents.independence import CERTAINTY_LEVELS

    assert [catalog.gettext(level) for level in CERTAINTY_LEVELS] == ["чутка", "можливо", "ймовірно", "підтверджено"]


# --- pages ------------------------------------------------------------------------------------


@pytest.fixture
def analyst(store: Path) -> Any:
    from django.contrib.auth.models import Group, User

    User.objects.filter(username="i18n-analyst").delete()
    user = User(username="i18n-analyst")
    user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get_or_create(name="analyst")[0])
    return user


def _client(user: Any = None, **headers: Any) -> Any:
    from django.test import Client

    client = Client(**headers)
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.mark.parametrize(("accept", "lang", "words", "absent"), [
    ("uk,en;q=0.5", "uk", ("Увійти", "Ім’я користувача", "Пароль"), "Sign in"),
    ("en-GB,en;q=0.9", "en", ("Sign in", "Username", "Password"), "Увійти"),
    ("ru,uk;q=0.8", "uk", ("Увійти",), "Sign in"),
])
def test_login_page_follows_accept_language(store: Path, accept: str, lang: str,
                                            words: tuple[str, ...], absent: str) -> None:
    body = _client(HTTP_ACCEPT_LANGUAGE=accept).get("/accounts/login/").content.decode()
    assert f'<html lang="{lang}">' in body
    assert all(w in body for w in words)
    assert absent not in body


def test_language_cookie_wins_over_the_browser(analyst: Any) -> None:
    from django.conf import settings

    client = _client(analyst, HTTP_ACCEPT_LANGUAGE="en")
    english = client.get("/incidents/").content.decode()
    assert '<html lang="en">' in english and ">Incidents<" in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "uk"
    ukrainian = client.get("/incidents/").content.decode()
    assert '<html lang="uk">' in ukrainian
    assert ">Інциденти<" in ukrainian and "Ступінь достовірності" in ukrainian
    assert ">Incidents<" not in ukrainian


def test_switcher_posts_to_set_language_and_returns_to_the_page(analyst: Any) -> None:
    client = _client(analyst, HTTP_ACCEPT_LANGUAGE="uk")
    page = client.get("/incidents/?certainty=probable").content.decode()
    assert 'action="/i18n/setlang/"' in page and 'value="en"' in page and 'value="uk"' in page
    answer = client.post("/i18n/setlang/", {"language": "en", "next": "/incidents/?certainty=probable"})
    assert answer.status_code == 302 and answer["Location"] == "/incidents/?certainty=probable"
    assert ">Incidents<" in client.get(answer["Location"]).content.decode()
    hostile = client.post("/i18n/setlang/", {"language": "xx", "next": "https://evil.example/"})
    assert hostile.status_code == 302 and "evil.example" not in hostile["Location"]
    assert ">Incidents<" in client.get("/incidents/").content.decode()  # the bad code changed nothing
