"""Signals of the legal app, for the apps above it (amnesty re-reads a case's charges).

``charges_changed(sender=Charge, case=..., by=...)`` is sent inside the transaction that added or
withdrew a charge or changed its facts. Receivers refresh what they derived from the charges
(side effects only): the rules themselves stay in the services that call them.
"""

from __future__ import annotations

from django.dispatch import Signal

charges_changed = Signal()
