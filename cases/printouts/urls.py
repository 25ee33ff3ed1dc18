from __future__ import annotations

app_name = "printouts"

urlpatterns: list = []
