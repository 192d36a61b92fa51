"""Source texts cut into sentences: abbreviations, decimals, run-together sentences, lists, headings."""

from __future__ import annotations

from pathlib import Path

from viewer.record.sentences import split_sentences

REPO = Path(__file__).parents[2]
MDA5 = REPO / "casedata" / "anti-mda5-ivig-abstract.txt"
PL7 = REPO / "casedata" / "anti-pl7-antisynthetase-abstract.txt"
AWKWARD = REPO / "tests" / "data" / "sources" / "awkward.txt"


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def test_mda5_abstract_run_together_sentences() -> None:
    text = _read(MDA5)
    sentences = [s for s in split_sentences(text) if not s.furniture]
    assert len(sentences) == 21
    assert all(s.line == 9 for s in sentences)
    assert sentences[1].text.endswith("as a maintenance therapy for this rare entity.")
    assert sentences[2].text.startswith("A 71-year-old male presented")
    assert sentences[12].text == "He is currently under consideration for adding rituximab onto his clinical regimen."
    assert sentences[13].text.startswith("Anti-MDA5 dermatomyositis can be a diagnostic challenge")
    assert sentences[16].text.endswith("associated ILD.")
    assert sentences[17].text.startswith("treated with IVIG when compared")


def test_mda5_headings_and_furniture() -> None:
    furniture = [(s.line, s.text) for s in split_sentences(_read(MDA5)) if s.furniture]
    assert (3, "Publication/Presentation Date") in furniture
    assert (5, "8-5-2020") in furniture
    assert (7, "Abstract") in furniture
    assert (23, "This document is currently not available here.") in furniture
    assert (27, "COinS") in furniture
    assert furniture[0][0] == 1
    assert furniture[0][1].startswith("The Utility of Intravenous Immunoglobulin")


def test_pl7_abstract_with_run_in_headings_and_initials() -> None:
    parts = [(s.line, s.furniture, s.text) for s in split_sentences(_read(PL7))]
    assert (2, False, "De Langhe E, Lenaerts J, Bossuyt X, Westhovens R, Wuyts WA.") in parts
    assert (2, False, "Journal of Medical Case Reports (2015) 9:82.") in parts
    assert (2, True, "DOI 10.1186/s13256-015-0571-2 (open access, CC BY)") in parts
    assert (5, True, "Introduction:") in parts
    assert (6, True, "Case presentation:") in parts
    sentences = [text for line, furniture, text in parts if not furniture and line >= 5]
    assert len(sentences) == 11
    assert sentences[0] == (
        "Interstitial lung disease can be idiopathic or occur in the setting of connective tissue diseases."
    )
    assert sentences[4].startswith("A 44-year-old Caucasian woman presented")
    assert sentences[-1].startswith("A diagnosis of antisynthetase syndrome was made")


def test_awkward_source() -> None:
    text = _read(AWKWARD)
    parts = [(s.line, s.furniture, s.text) for s in split_sentences(text)]
    assert parts == [
        (1, True, "Fièvre prolongée chez une patiente – a case of adult-onset Still’s disease"),
        (2, True, "Case report"),
        (
            4,
            False,
            "A 34-year-old woman was referred by Dr. Müller to our clinic, e.g. for fever of 39.5 °C for two weeks.",
        ),
        (
            4,
            False,
            "She had been treated with 1.5 mg/kg prednisolone vs. placebo in a prior trial (Smith et al. 2019).",
        ),
        (6, True, "On examination:"),
        (7, False, "a salmon-coloured rash"),
        (8, False, "arthralgia of both knees"),
        (9, False, "ferritin 12,000 µg/L, i.e. very high"),
        (10, False, "sore throat?"),
        (11, False, "The diagnosis was made."),
        (11, False, '"Is this Still’s disease?" the team asked.'),
        (11, False, "Treatment was started!"),
        (13, True, "Share"),
    ]


def test_offsets_point_at_the_sentence_in_the_source() -> None:
    text = _read(AWKWARD)
    for sentence in split_sentences(text):
        piece = text[sentence.start : sentence.end]
        assert piece == piece.strip()
        assert " ".join(piece.split()) == sentence.text
        assert text.count("\n", 0, sentence.start) + 1 == sentence.line


def test_line_breaks_of_every_kind_count_as_lines() -> None:
    sentences = split_sentences("First line.\r\nSecond line here.\rThird one now.\n\nlast")
    assert [(s.line, s.text) for s in sentences] == [
        (1, "First line."),
        (2, "Second line here."),
        (3, "Third one now."),
        (5, "last"),
    ]


def test_abbreviations_and_numbers_do_not_end_sentences() -> None:
    text = "Seen by Dr. Lee, i.e. twice, vs. once. The dose was 1.5 mg, cf. Fig. 2 of Smith et al. today."
    assert [s.text for s in split_sentences(text)] == [
        "Seen by Dr. Lee, i.e. twice, vs. once.",
        "The dose was 1.5 mg, cf. Fig. 2 of Smith et al. today.",
    ]


def test_empty_and_blank_texts_have_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\t\n") == []
