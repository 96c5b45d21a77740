"""Incidents across documents, and the knowledge base of actors and people.

* :func:`merge_incidents` groups reports (events, one per document) into incidents,
  incrementally, with blocking by date and place (never quadratic);
* :func:`split_incident`, :func:`merge_incidents_manual`, :func:`move_report` and
  :func:`undo_operation` are analysts' reversible decisions, respected by re-runs;
* :func:`get_incident` / :func:`list_incidents` give figures per source and a
  headline by the rule in :data:`HEADLINE_RULE`;
* :class:`KnowledgeBase` holds organisations (aliases over time, branches,
  relations) and people (names, kunyas, roles, fates); :func:`find_people` finds
  named people in a text for ``Event.people``.
"""

from watchfloor.resolve.figures import HEADLINE_RULE, Headline, SourceFigure, headline_of
from watchfloor.resolve.incidents import ResolveSummary, merge_incidents
from watchfloor.resolve.kb import (
    KnowledgeBase,
    ensure_seeded,
    export_kb,
    fold_key,
    import_kb,
    pending_proposals,
    review_proposal,
)
from watchfloor.resolve.manual import (
    merge_incidents_manual,
    move_report,
    split_incident,
    undo_operation,
)
from watchfloor.resolve.people import find_people
from watchfloor.resolve.views import (
    ActorView,
    IncidentView,
    PersonView,
    get_incident,
    incident_history,
    incident_of_event,
    list_incidents,
    show_actor,
    show_person,
)

__all__ = [
    "HEADLINE_RULE",
    "ActorView",
    "Headline",
    "IncidentView",
    "KnowledgeBase",
    "PersonView",
    "ResolveSummary",
    "SourceFigure",
    "ensure_seeded",
    "export_kb",
    "find_people",
    "fold_key",
    "get_incident",
    "headline_of",
    "import_kb",
    "incident_history",
    "incident_of_event",
    "list_incidents",
    "merge_incidents",
    "merge_incidents_manual",
    "move_report",
    "pending_proposals",
    "review_proposal",
    "show_actor",
    "show_person",
    "split_incident",
    "undo_operation",
]
