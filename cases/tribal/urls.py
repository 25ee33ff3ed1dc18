from __future__ import annotations

app_name = "tribal"
urlpatterns: list = []
