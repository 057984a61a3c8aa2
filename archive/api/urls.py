from django.urls import path

from archive.api import views

app_name = "api"
urlpatterns = [
    path("", views.index, name="index"),
    path("openapi.json", views.openapi_description, name="openapi"),
    path("articles/", views.article_list, name="articles"),
    path("articles/coverage/", views.coverage, name="coverage"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("authors/", views.author_list, name="authors"),
    path("speakers/", views.speaker_list, name="speakers"),
    path("districts/", views.district_list, name="districts"),
]
