"""The real site, and under /naive/ the same pages built the naive way."""

from django.urls import path

from archive.benchmarks import naive
from archive.urls import urlpatterns as site

urlpatterns = [
    path("naive/articles/", naive.article_list, name="naive_article_list"),
    path("naive/articles/<int:pk>/", naive.article_detail, name="naive_article_detail"),
    path("naive/authors/", naive.author_list, name="naive_author_list"),
    path("naive/authors/<str:slug>/", naive.author_detail, name="naive_author_detail"),
    path("naive/speakers/", naive.speaker_list, name="naive_speaker_list"),
    path("naive/speakers/<str:slug>/", naive.speaker_detail, name="naive_speaker_detail"),
    path("naive/districts/", naive.district_list, name="naive_district_list"),
    path("naive/districts/<slug:slug>/", naive.district_detail, name="naive_district_detail"),
    path("naive/admin/", naive.admin_site.urls),
    *site,
]
