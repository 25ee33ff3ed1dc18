from __future__ import annotations

app_name = "courts"
urlpatterns: list = []
