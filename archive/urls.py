from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from archive import views

archive_patterns = [
    path("", views.home, name="home"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("authors/<str:slug>/", views.author_detail, name="author_detail"),
    path("speakers/<str:slug>/", views.speaker_detail, name="speaker_detail"),
    path("districts/<slug:slug>/", views.district_detail, name="district_detail"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include((archive_patterns, "archive"))),
]
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
