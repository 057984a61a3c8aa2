from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from archive.web import citation_views, views
from archive.web.feeds import ListingFeed
from archive.web.sitemaps import SITEMAPS

archive_patterns = [
    path("", views.home, name="home"),
    path("articles/", views.article_list, name="article_list"),
    path("search/", views.advanced_search, name="advanced_search"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path(
        "articles/<int:pk>/cite.<str:format>",
        citation_views.article_citation,
        name="article_citation",
    ),
    path("authors/", views.author_list, name="author_list"),
    path("authors/<str:slug>/", views.author_detail, name="author_detail"),
    path("speakers/", views.speaker_list, name="speaker_list"),
    path("speakers/<str:slug>/", views.speaker_detail, name="speaker_detail"),
    path("districts/", views.district_list, name="district_list"),
    path("districts/<slug:slug>/", views.district_detail, name="district_detail"),
    path("photos/", views.photo_list, name="photo_list"),
    path("dates/", views.date_index, name="date_index"),
    path("dates/<int:year>/", views.date_year, name="date_year"),
    path("dates/<int:year>/<int:month>/<int:day>/", views.date_day, name="date_day"),
    path(
        "dates/<int:year>/<int:month>/<int:day>/<str:publication>/",
        views.date_edition,
        name="date_edition",
    ),
    path("feed/", views.LatestArticlesFeed(), name="feed"),
    path("dates/undated/", views.date_undated, name="date_undated"),
]

# Every listing has its CSV and its Atom feed, with the page's own filter and the query's.
LISTINGS = [
    ("articles/", "article", {}),
    ("authors/<str:slug>/", "author", {"kind": "author"}),
    ("speakers/<str:slug>/", "speaker", {"kind": "speaker"}),
    ("districts/<slug:slug>/", "district", {"kind": "district"}),
    ("dates/undated/", "undated", {"kind": "undated"}),
]
for prefix, name, kwargs in LISTINGS:
    archive_patterns += [
        path(f"{prefix}export.csv", views.article_export, kwargs, name=f"{name}_export"),
        path(f"{prefix}coverage.csv", views.coverage_export, kwargs, name=f"{name}_coverage"),
        path(f"{prefix}coverage/", views.coverage_section, kwargs, name=f"{name}_coverage_section"),
        path(f"{prefix}feed.atom", ListingFeed(), kwargs, name=f"{name}_feed"),
        path(
            f"{prefix}citations.<str:format>",
            citation_views.citations_export,
            kwargs,
            name=f"{name}_citations",
        ),
    ]

urlpatterns = [
    path(settings.ARCHIVE_ADMIN_PREFIX, admin.site.urls),
    path("api/", include("archive.api.urls")),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("", include((archive_patterns, "archive"))),
]
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
