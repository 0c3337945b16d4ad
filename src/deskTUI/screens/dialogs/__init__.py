"""Small modal dialogs for the case's actions: status, assign, comment, log time.

Each asks for what the rule needs, calls one service in a worker, and either
closes (the caller reloads) or shows the domain's sentence and stays open
with what the operator typed. One dialog per module; the shared base is in
``base``.
"""

from __future__ import annotations

from .assign import AssignDialog
from .base import ActionDialog
from .bulk import BULK_OPERATIONS, BulkDialog
from .comment import CommentDialog
from .confirm_leave import ConfirmLeave
from .contact_picker import ContactPicker
from .decide_quote import DecideQuoteDialog
from .delete_time import DeleteTimeDialog
from .edit_time import EditTimeDialog
from .log_time import TimeDialog
from .lookup import LookupDialog
from .payment import PaymentDialog
from .plan import PlanDialog
from .quote import QuoteDialog
from .save_view import SaveViewDialog
from .status import StatusDialog
from .stop_timer import StopTimerDialog
from .survey import SurveyDialog
from .whose_agenda import WhoseAgendaDialog

__all__ = [
    "BULK_OPERATIONS",
    "ActionDialog",
    "AssignDialog",
    "BulkDialog",
    "CommentDialog",
    "ConfirmLeave",
    "ContactPicker",
    "DecideQuoteDialog",
    "DeleteTimeDialog",
    "EditTimeDialog",
    "LookupDialog",
    "PaymentDialog",
    "PlanDialog",
    "QuoteDialog",
    "SaveViewDialog",
    "StatusDialog",
    "StopTimerDialog",
    "SurveyDialog",
    "TimeDialog",
    "WhoseAgendaDialog",
]
