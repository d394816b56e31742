from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from .models import Credit, Interview


class LiveInterviewsMixin:
    """Readers see live interviews only, with what their cards show."""

    def get_queryset(self):
        return Interview.objects.live().prefetch_related(
            "featured_artists",
            Prefetch("credits", Credit.objects.select_related("contributor")),
        )


class HomeView(LiveInterviewsMixin, ListView):
    template_name = "home.html"
    context_object_name = "interviews"
    paginate_by = 12


class InterviewListView(LiveInterviewsMixin, ListView):
    context_object_name = "interviews"
    paginate_by = 20


class InterviewDetailView(LiveInterviewsMixin, DetailView):
    context_object_name = "interview"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("qa_items", "tags")
