"""Pages of the people app: the candidate search behind the forms, a person's record, and the
supervisors' duplicates queue with merge and undo."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.accounts.jurisdiction import get_for_user
from cases.audit.models import AccessLogEntry
from cases.audit.services import access_log_record
from cases.security.access import require_perms
from cases.security.listing import paginate

from .models import DuplicateCandidate, Person, PersonMerge
from .names import MATCH_THRESHOLD, NameParts
from .reasons import readable
from .selectors import parts_from_text, person_candidates, person_name_parts, person_sections
from .services import MergeError, duplicate_mark_not_same, person_merge, person_merge_undo

A = AccessLogEntry.Action
#: How far the best candidate must stand above the next to be flagged as likely him.
LIKELY_MARGIN = 0.05
#: The intake form's fields the candidate search reads (prefix "person-").
NAME_FIELDS = {
    "given": "given_name_ar",
    "father": "father_name_ar",
    "grandfather": "grandfather_name_ar",
    "family": "family_name_ar",
    "mother": "mother_name_ar",
    "kunya": "kunya",
    "tribe": "tribe",
}


def _parts_from_post(post) -> NameParts:
    if post.get("name"):
        return parts_from_text(post["name"])
    get = lambda field: (post.get(f"person-{field}") or "").strip()  # noqa: E731
    latin = " ".join(
        get(f)
        for f in ("given_name_lat", "father_name_lat", "grandfather_name_lat", "family_name_lat")
        if get(f)
    )
    values = {part: get(field) for part, field in NAME_FIELDS.items()}
    if not any(values[p] for p in ("given", "father", "family")) and latin:
        return parts_from_text(latin)
    year = get("birth_year_estimated") or get("date_of_birth")[:4]
    return NameParts(
        **values,
        aliases=tuple(a for a in [latin, *get("aliases").splitlines()] if a.strip()),
        birth_year=int(year) if year.isdigit() else None,
    )


@require_POST
@require_perms("people.view_person")
def candidates(request: HttpRequest) -> JsonResponse:
    """The likely matches of the names being typed, best first, with why. POST only (names stay
    out of URLs and server logs); within the user's jurisdiction; access-logged without names."""
    parts = _parts_from_post(request.POST)
    found = person_candidates(request.user, parts, limit=5)
    # A match is flagged "likely" only when it also stands clear of the next one: at a million
    # records, namesakes who agree on every name given score as high as the man himself.
    runner_up = found[1][1].score if len(found) > 1 else 0.0
    access_log_record(action=A.SEARCH, request=request, reason="name candidates")
    return JsonResponse(
        {
            "threshold": MATCH_THRESHOLD,
            "candidates": [
                {
                    "id": person.pk,
                    "name_ar": person.name_ar,
                    "name_lat": person.name_lat,
                    "kunya": person.kunya,
                    "birth_year": person.birth_year,
                    "governorate": str(person.governorate),
                    "score": round(match.score, 2),
                    "likely": index == 0
                    and match.score >= MATCH_THRESHOLD
                    and match.score - runner_up >= LIKELY_MARGIN,
                    "url": person.get_absolute_url(),
                    # In the reader's language, as the duplicate review shows them.
                    "reasons": readable(
                        {"part": r.part, "verdict": r.verdict, "detail": r.detail}
                        for r in match.reasons
                        if r.verdict != "missing"
                    ),
                }
                for index, (person, match) in enumerate(found)
            ],
        }
    )


@require_perms("people.view_person")
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's record: names in both scripts, his cases, his merges."""
    person = get_for_user(
        Person.objects.select_related("governorate", "merged_into"), request.user, pk=pk
    )
    access_log_record(action=A.VIEW, request=request, obj=person)
    section_templates, sections = person_sections(request.user, person)
    return render(
        request,
        "people/detail.html",
        {
            "person_sections": section_templates,
            **sections,
            "person": person,
            "aliases": person.aliases.all(),
            "cases": person.cases.select_related("governorate").order_by("-opened_at"),
            "merges": PersonMerge.objects.filter(kept=person).select_related("merged", "merged_by"),
            "merged_from": PersonMerge.objects.filter(
                merged=person, undone_at__isnull=True
            ).first(),
        },
    )


@require_perms("people.merge_person")
def duplicates(request: HttpRequest) -> HttpResponse:
    """The supervisor's queue of records that may be one man."""
    qs = (
        DuplicateCandidate.objects.in_jurisdiction(request.user)
        .filter(status=DuplicateCandidate.Status.PENDING)
        .select_related("person_a", "person_b", "governorate")
    )
    page, query = paginate(request, qs, 25)
    return render(request, "people/duplicates.html", {"page": page, "query": query})


@require_perms("people.merge_person")
def duplicate_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The two records side by side, with why the matcher proposed them."""
    candidate = get_for_user(
        DuplicateCandidate.objects.select_related("person_a", "person_b"), request.user, pk=pk
    )
    for person in (candidate.person_a, candidate.person_b):
        access_log_record(action=A.VIEW, request=request, obj=person)
    return render(
        request,
        "people/review.html",
        {
            "candidate": candidate,
            "sides": [
                {"person": p, "parts": person_name_parts(p), "cases": p.cases.all()}
                for p in (candidate.person_a, candidate.person_b)
            ],
        },
    )


@require_POST
@require_perms("people.merge_person")
def duplicate_decide(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = get_for_user(DuplicateCandidate.objects.all(), request.user, pk=pk)
    decision, reason = request.POST.get("decision"), request.POST.get("reason", "").strip()
    try:
        if decision == "not_same":
            duplicate_mark_not_same(candidate=candidate, by=request.user, note=reason)
            messages.success(
                request, _("Recorded: two different men. This pair will not be proposed again.")
            )
            return redirect("people:duplicates")
        keep_id = int(request.POST.get("keep", 0))
        if keep_id not in (candidate.person_a_id, candidate.person_b_id):
            raise MergeError(_("Choose the record to keep."))
        keep = candidate.person_a if keep_id == candidate.person_a_id else candidate.person_b
        other = candidate.person_b if keep is candidate.person_a else candidate.person_a
        person_merge(keep=keep, merge=other, by=request.user, reason=reason, candidate=candidate)
    except MergeError as error:
        messages.error(request, str(error))
        return redirect("people:review", pk=candidate.pk)
    messages.success(request, _("Merged. The merge can be undone from the record's page."))
    return redirect(keep)


@require_POST
@require_perms("people.merge_person")
def merge_undo(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(PersonMerge, pk=pk)
    get_for_user(Person.objects.all(), request.user, pk=record.kept_id)  # jurisdiction
    try:
        person_merge_undo(record=record, by=request.user, reason=request.POST.get("reason", ""))
    except MergeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The merge was undone; both records stand on their own."))
    return redirect("people:detail", pk=record.kept_id)
