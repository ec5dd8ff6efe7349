"""The public grading scale of the dataset's claims: what each `confidence` level means, in one plain sentence.

Pure module (no streamlit): the pages show it as a tooltip and a legend, the handouts print it, and the
exports can carry it next to each event's level.
"""

from __future__ import annotations

from atlas.i18n import translate
from atlas.schema import CONFIDENCE_LEVELS


def confidence_label(level: str, lang: str) -> str:
    """The level's short name in the reader's language ("Contested")."""
    return translate(f"confidence.{level}", lang)


def confidence_explanation(level: str, lang: str) -> str:
    """One plain sentence saying what the level means; an unknown level gets an empty string."""
    return translate(f"confidence_about.{level}", lang) if level in CONFIDENCE_LEVELS else ""


def grading_scale(lang: str) -> list[dict[str, str]]:
    """Every level in order from best attested to disputed: its id, name and meaning."""
    return [
        {"level": level, "label": confidence_label(level, lang), "explanation": confidence_explanation(level, lang)}
        for level in CONFIDENCE_LEVELS
    ]


def grading_help(lang: str) -> str:
    """The whole scale as a Markdown list, for a tooltip (Streamlit's `help=`)."""
    return "\n".join(f"- **{row['label']}**: {row['explanation']}" for row in grading_scale(lang))
