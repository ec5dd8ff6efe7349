"""The one list of mirror hosts and process words: what it catches and what it leaves alone."""

import pytest

from atlas.sources_policy import mirror_reason, process_words


@pytest.mark.parametrize(
    "url",
    [
        "https://wikimili.com/en/Battle_of_Kalbajar",
        "http://piglix.com/piglix/September_Days",
        "https://wikiclassic.com/wiki/Khojali_massacre",
        "https://everything.explained.today/March_Days/",
        "https://wikisum.wiki/wiki/Shusha_massacre",
        "https://gateway.ipfs.io/ipfs/Qm/wiki/Voskepar.html",
        "https://example.org/ipfs/Qm/wiki/Tegh.html",
        "https://kiwix.lema.org/wikipedia_en_all_mini_2024-02/A/Shusha_massacre",
        "https://perceptiopt.com/Kut",
        "https://www.liquisearch.com/andranik_ozanian/zangezur",
        "https://en-academic.com/dic.nsf/enwiki/5297821",
        "https://frwiki.academic.ru/dic.nsf/frwiki/178545",
        "https://pinocchiopedia.com/wiki/Tigranashen",
        "http://the-uncensored-wiki.com:20141/A/Khojaly.html",
        "https://news.example.org:8443/story",
        "https://en.m.wikipedia.org/wiki/Stepanakert",
    ],
)
def test_copies_are_recognised(url):
    assert mirror_reason(url)


@pytest.mark.parametrize(
    "url",
    [
        "",
        "https://en.wikipedia.org/wiki/Sumgait_pogrom",
        "https://www.hrw.org/report/1994/12/01/seven-years-conflict-nagorno-karabakh",
        "https://www.trtworld.com:443/article/18201999",  # the standard port of https
        "https://www.geonames.org/174875",
        "https://web.archive.org/web/2020/https://example.org/",
    ],
)
def test_publishers_pages_pass(url):
    assert mirror_reason(url) == ""


def test_process_words_in_three_languages():
    assert process_words("the seeds disagree") == ["seeds"]
    assert process_words("according to one seed document (Wikipedia)") == ["seed document", "(Wikipedia)"]
    assert process_words("un événement de contexte (Wikipédia)") == ["événement de contexte", "(Wikipédia)"]
    assert process_words("ըստ սերմնային փաստաթղթի") == ["սերմ"]
    assert process_words("A brief history of the Nagorno-Karabakh conflict, 1918-2023") == []
    assert process_words("Seedless grapes of Ararat; the Encyclopaedia Iranica") == []
