"""Run as a script: two threads, each one editor's save (a transaction that
reads, thinks, then writes), against the SQLite file in DATABASE_URL.
Prints what each got: "saved", or the error."""

import threading
import time

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE standfirst (n integer)")
    cursor.execute("INSERT INTO standfirst VALUES (0)")
start = threading.Barrier(2)
results = []


def save():
    start.wait()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT n FROM standfirst")
            (n,) = cursor.fetchone()
            time.sleep(0.3)
            cursor.execute("UPDATE standfirst SET n = %s", [n + 1])
        results.append("saved")
    except Exception as error:  # noqa: BLE001 - the error is the finding
        results.append(f"{type(error).__name__}: {error}")
    finally:
        connection.close()


threads = [threading.Thread(target=save) for _ in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT n FROM standfirst")
    results.append(f"n={cursor.fetchone()[0]}")
print("\n".join(sorted(results)))
