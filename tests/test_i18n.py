"""Every string shown to people is in both catalogues, every one of them is used somewhere, and the catalogues compile."""

from io import BytesIO

import pytest
from babel.messages.mofile import write_mo

from sinkboard.dev import translations
from sinkboard.text.catalogue import LANGUAGES, VALUE, catalogue_path, messages

CATALOGUES = {lang: translations.read(catalogue_path(lang), lang) for lang in LANGUAGES}


def ids(catalogue):
    return {(m.context, m.id) for m in catalogue if m.id}


def test_both_languages_and_the_template_have_the_same_ids():
    assert ids(CATALOGUES["zh"]) - ids(CATALOGUES["en"]) == set()
    assert ids(CATALOGUES["en"]) - ids(CATALOGUES["zh"]) == set()
    assert ids(translations.read(translations.TEMPLATE)) == ids(CATALOGUES["zh"])


def test_no_string_is_empty_or_untranslated_placeholder():
    zh, en = messages("zh"), messages("en")
    for key in zh:
        assert zh[key].strip() and en[key].strip(), key
        assert translations.placeholders(zh[key]) == translations.placeholders(en[key]), key


def test_data_values_keep_their_chinese_name_and_have_an_english_one():
    for lang, catalogue in CATALOGUES.items():
        for message in catalogue:
            if message.context == VALUE:
                assert message.string.strip(), message.id
                assert lang != "zh" or message.string == message.id, message.id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_text_with_placeholders_names_them_for_the_translator(lang):
    named = {m.id: set(" ".join(m.auto_comments).removeprefix("placeholders: ").split(", "))
             for m in CATALOGUES[lang] if m.context is None and m.auto_comments}
    assert named == {key: translations.placeholders(string) for key, string in messages(lang).items()
                     if translations.placeholders(string)}


def test_every_key_is_used():
    assert set(messages("zh")) - translations.used(set(messages("zh"))) == set()


def test_every_key_the_code_uses_is_in_the_catalogues():
    assert set(translations.extracted()) - set(messages("zh")) == set()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogues_compile_with_babel(lang):
    catalogue = CATALOGUES[lang]
    assert [(message.id, errors) for message, errors in catalogue.check()] == []
    compiled = BytesIO()
    write_mo(compiled, catalogue)
    assert len(compiled.getvalue()) > 10_000
