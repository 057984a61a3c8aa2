from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from archive.api import views

app_name = "api"
urlpatterns = [
    path("", views.Index.as_view(), name="index"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("articles/", views.ArticleList.as_view(), name="articles"),
    path("articles/coverage/", views.Coverage.as_view(), name="coverage"),
    path("articles/<int:pk>/", views.ArticleDetail.as_view(), name="article"),
    path("authors/", views.AuthorList.as_view(), name="authors"),
    path("speakers/", views.SpeakerList.as_view(), name="speakers"),
    path("districts/", views.DistrictList.as_view(), name="districts"),
    re_path(r"^.*$", views.not_found),  # the API answers in JSON even where it has nothing
]
