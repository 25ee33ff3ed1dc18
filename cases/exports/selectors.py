"""Reads of the exports app: a user's own exports, and nobody else's."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import ExportJob


def exports_of_user(user) -> QuerySet[ExportJob]:
    """The user's exports, newest first (one query per page)."""
    return ExportJob.objects.of_user(user).order_by("-created_at", "-pk")


def export_get_for_user(user, pk) -> ExportJob:
    """The user's export ``pk``; 404 for anyone else's, whatever his scope or role: an export
    holds the rows of its owner's jurisdiction, not of the viewer's."""
    return get_object_or_404(exports_of_user(user), pk=pk)
