from __future__ import annotations

from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("people/candidates/", views.candidates, name="candidates"),
    path("people/<int:pk>/", views.person_detail, name="detail"),
    path("people/duplicates/", views.duplicates, name="duplicates"),
    path("people/duplicates/<int:pk>/", views.duplicate_review, name="review"),
    path("people/duplicates/<int:pk>/decide/", views.duplicate_decide, name="decide"),
    path("people/merges/<int:pk>/undo/", views.merge_undo, name="merge_undo"),
]
