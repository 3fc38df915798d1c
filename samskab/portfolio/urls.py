from .views import assessment, roadmap, sparring, tasks

app_name = "portfolio"

# Each concern keeps its own addresses next to its views.
urlpatterns = [
    *assessment.urlpatterns,
    *sparring.urlpatterns,
    *tasks.urlpatterns,
    *roadmap.urlpatterns,
]
