from __future__ import annotations

from django.urls import path

from . import views

app_name = "deadlines"
urlpatterns = [
    path("deadlines/", views.mine, name="mine"),
    path("deadlines/supervision/", views.supervision, name="supervision"),
    path("deadlines/<int:pk>/", views.detail, name="detail"),
    path("deadlines/<int:pk>/meet/", views.meet, name="meet"),
    path("deadlines/<int:pk>/move/", views.move, name="move"),
    path("deadlines/<int:pk>/cancel/", views.cancel, name="cancel"),
    path(
        "deadlines/add/<int:content_type_id>/<str:object_id>/",
        views.add_follow_up,
        name="add",
    ),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification_read"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications_read_all"),
]
