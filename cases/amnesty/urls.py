from __future__ import annotations

app_name = "amnesty"
urlpatterns: list = []
