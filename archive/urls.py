from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from archive import views

archive_patterns = [
    path("", views.home, name="home"),
    path("articles/", views.article_list, name="article_list"),
    path("articles/export.csv", views.article_export, name="article_export"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("authors/", views.author_list, name="author_list"),
    path("authors/<str:slug>/", views.author_detail, name="author_detail"),
    path("speakers/", views.speaker_list, name="speaker_list"),
    path("speakers/<str:slug>/", views.speaker_detail, name="speaker_detail"),
    path("districts/", views.district_list, name="district_list"),
    path("districts/<slug:slug>/", views.district_detail, name="district_detail"),
    path("photos/", views.photo_list, name="photo_list"),
    path("feed/", views.LatestArticlesFeed(), name="feed"),
]

urlpatterns = [
    path(settings.ARCHIVE_ADMIN_PREFIX, admin.site.urls),
    path("", include((archive_patterns, "archive"))),
]
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
