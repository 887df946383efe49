from django.urls import path

from cms_pages.wages import views

urlpatterns = [
    path("", views.highlights_latest, name="wage_highlights_latest"),
    path("<int:year>/q<int:quarter>/", views.highlights, name="wage_highlights"),
    path(
        "<int:year>/q<int:quarter>/wages.xlsx", views.highlights_xlsx, name="wage_highlights_xlsx"
    ),
]
