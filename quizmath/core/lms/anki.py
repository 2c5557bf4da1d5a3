"""An Anki package (genanki): one note per instance. Front: the prompt (and the options of a
multiple choice); back: the answer, the hints and the worked solution. Tagged with the topic
(``linear-algebra::vectors``) and the template id; the note's guid comes from ``id@seed``, so
importing a new export updates the notes instead of duplicating them."""

from __future__ import annotations

import html
import zlib
from collections.abc import Iterable
from pathlib import Path

from quizmath.core.lms.items import Item, to_html

MODEL_ID = 1_607_392_319  # fixed: Anki recognises the note type across exports
CSS = ".card { font-family: sans-serif; font-size: 18px; text-align: left; }"


def write_anki(items: Iterable[Item], out: Path, deck_name: str = "quizmath") -> int:
    import genanki

    model = genanki.Model(
        MODEL_ID,
        "quizmath problem",
        fields=[{"name": "Ref"}, {"name": "Front"}, {"name": "Back"}],
        templates=[
            {
                "name": "Problem",
                "qfmt": "{{Front}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Back}}<p><small>{{Ref}}</small></p>',
            }
        ],
        css=CSS,
    )
    deck = genanki.Deck((1 << 31) + zlib.crc32(deck_name.encode()), deck_name)
    n = 0
    for item in items:
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[html.escape(item.ref), _front(item), _back(item)],
                tags=[item.topic.replace("/", "::"), item.template_id],
                guid=genanki.guid_for(item.ref),
            )
        )
        n += 1
    genanki.Package(deck).write_to_file(str(out))
    return n


def _front(item: Item) -> str:
    text = item.prompt
    if item.choices:
        text += "\n\n" + "\n".join(f"{chr(65 + i)}) {c}" for i, c in enumerate(item.choices))
    return to_html(text)


def _back(item: Item) -> str:
    parts = [f"<p><b>Answer:</b></p>{to_html(item.answer_block)}"]
    if item.hints:
        hints = "\n".join(f"• {h}" for h in item.hints)
        parts.append(f"<p><b>Hints:</b></p>{to_html(hints)}")
    parts.append(f"<p><b>Solution:</b></p>{to_html(item.solution)}")
    return "".join(parts)
