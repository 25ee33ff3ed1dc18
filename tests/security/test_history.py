"""Change history by database triggers: who, what, why; bulk updates included."""

from __future__ import annotations

import pghistory
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from cases.accounts.models import Unit
from cases.accounts.services import user_deactivate
from cases.security.history import history_for, history_reason
from tests.factories import UserFactory
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db


def test_a_service_change_is_recorded_with_user_and_reason(officer, supervisor):
    user_deactivate(user=officer, by=supervisor, reason="left the police")
    last = history_for(officer)[-1]
    assert last["user"] == supervisor
    assert last["reason"] == "left the police"
    # A flag reads as yes/no in the reader's language, not as Python's True/False.
    assert {"field": "active", "old": "yes", "new": "no", "sealed": False} in last["changes"]


def test_bulk_updates_are_recorded_too(anbar_unit):
    with pghistory.context(reason="units renamed by decree"):
        Unit.objects.filter(pk=anbar_unit.pk).update(name_en="Ramadi Central Station")
    last = history_for(anbar_unit)[-1]
    assert last["reason"] == "units renamed by decree"
    assert last["changes"][0]["new"] == "Ramadi Central Station"


def test_a_change_made_through_a_request_records_the_acting_user(client, anbar_unit):
    admin = UserFactory(roles=["administrator"], is_staff=True)
    sign_in(client, admin)
    url = reverse("admin:accounts_unit_change", args=[anbar_unit.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(name_en="Renamed Station", governorate=anbar_unit.governorate_id)
    data.pop("parent", None)
    data.pop("district", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert history_for(anbar_unit)[-1]["user"] == admin
    page = client.get(reverse("admin:accounts_unit_history", args=[anbar_unit.pk]))
    assert "Renamed Station" in page.content.decode()


def test_a_sealed_value_appears_in_the_history_only_as_changed():
    from tests.sealedapp.models import Informant

    informant = Informant.objects.create(name="Abu Khalid", code_name="K-7")
    informant.name = "Abu Omar"
    informant.save()
    change = next(c for c in history_for(informant)[-1]["changes"] if c["sealed"])
    assert change["old"] is None and change["new"] is None


def test_the_outer_reason_of_an_act_is_kept_when_services_nest(officer):
    from tests.factories import make_case

    case = make_case(by=officer)
    assert history_for(case)[0]["reason"] == "Intake recorded"


def test_a_choice_is_shown_by_its_label_in_the_readers_language(officer):
    with pghistory.context(reason="language set"):
        type(officer).objects.filter(pk=officer.pk).update(language="ar")
    for code in ("ar", "en"):
        with translation.override(code):
            change = next(c for c in history_for(officer)[-1]["changes"] if c["new"])
            field = type(officer)._meta.get_field("language")
            expected = {str(k): str(v) for k, v in field.flatchoices}
            assert str(change["new"]) == expected["ar"] != "ar"
            assert str(change["old"]) == expected["en"] != "en"


def test_a_lazy_reason_is_shown_in_the_readers_language_whoever_wrote_it(officer, supervisor):
    with translation.override("en"), history_reason(gettext_lazy("Intake recorded"), supervisor):
        officer.first_name = "Changed"
        officer.save()
    with translation.override("ar"):
        assert history_for(officer)[-1]["reason"] == "سُجِّل الاستلام"
    with translation.override("en"):
        assert history_for(officer)[-1]["reason"] == "Intake recorded"


def test_a_stored_english_message_is_translated_and_free_text_kept(officer, anbar_unit):
    with pghistory.context(reason="Intake recorded"):
        type(officer).objects.filter(pk=officer.pk).update(first_name="A")
    with pghistory.context(reason="units renamed by decree"):
        Unit.objects.filter(pk=anbar_unit.pk).update(name_en="B")
    with translation.override("ar"):
        assert history_for(officer)[-1]["reason"] == "سُجِّل الاستلام"
        assert history_for(anbar_unit)[-1]["reason"] == "units renamed by decree"
