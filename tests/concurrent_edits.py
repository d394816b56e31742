"""Two editors press Save at the same moment, from forms of the same save.

`race()` runs it in this process (PostgreSQL: each thread has a connection
of its own). SQLite's in-memory test database cannot hold two writers at
once, so there `main()` runs it in a fresh process against a SQLite file,
as the site runs: it migrates the file, races, and prints the result as
JSON."""

import json
import threading

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse

from magazine.roles import EDITOR, setup_roles


def editor_client(username):
    user = get_user_model().objects.create_user(
        username=username, password=None, is_staff=True, first_name=username.title()
    )
    user.groups.add(setup_roles()[EDITOR])
    client = Client()
    client.force_login(user)
    return client


def race():
    """Both save a new title and standfirst; returns each one's status, what
    each sent, and what was stored."""
    from interviews.models import Interview

    from .admin_pages import read_form
    from .factories import make_interview

    piece = make_interview("Door", standfirst="The first standfirst.")
    url = reverse("admin:interviews_interview_change", args=[piece.pk])
    clients = {name: editor_client(name) for name in ("mina", "jun")}
    forms = {
        name: read_form(client.get(url), "interview_form")
        for name, client in clients.items()
    }
    for name, form in forms.items():
        form.update(title=f"{name}'s title", standfirst=f"{name}'s standfirst.")
    start = threading.Barrier(2)
    statuses = {}

    def save(name):
        start.wait()
        try:
            statuses[name] = clients[name].post(url, forms[name]).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(name,)) for name in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stored = Interview.objects.get(pk=piece.pk)
    return {
        "statuses": statuses,
        "sent": {name: [f["title"], f["standfirst"]] for name, f in forms.items()},
        "stored": [stored.title, stored.standfirst],
    }


def main():
    """The script: migrate the SQLite file in DATABASE_URL, race, print."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(json.dumps(race()))
