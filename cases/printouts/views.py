"""The printable case file: a PDF of a case for a court or a panel, in Arabic or English."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cases.audit.models import AccessLogEntry
from cases.audit.services import access_log_record
from cases.security.access import require_perms

from .document import language_of, render_case_file
from .selectors import case_file, case_for_print


@require_perms(
    "casefiles.view_case",
    "legal.view_charge",
    "courts.view_verdict",
    "printouts.print_case",
)
def case_file_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The case file as a PDF (``?lang=ar|en``, the user's language by default): identity,
    intake, custody, charges, hearings, verdict, sentence and commutation. 404 outside the
    user's jurisdiction; every print is in the access log (EXPORT, the case number only)."""
    case = case_for_print(request.user, pk)
    language = language_of(request.GET.get("lang"), get_language())
    pdf = render_case_file(
        case_file(request.user, case),
        language=language,
        printed_by=request.user.get_username(),
    )
    access_log_record(
        action=AccessLogEntry.Action.EXPORT,
        request=request,
        obj=case,
        reason=_("printed case file (%(language)s)") % {"language": language},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = re.sub(r"[^A-Za-z0-9_-]", "_", case.number) or "case-file"
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response
