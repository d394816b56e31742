from django.urls import path

from .views import PostCommentView

app_name = "comments"
urlpatterns = [
    path("<slug:slug>/comments/", PostCommentView.as_view(), name="post"),
]
