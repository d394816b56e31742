"""How fast photos are processed and how much memory it takes, as figures.

Each run processes a generated photo of --megapixels in a fresh worker
process, so that its peak resident memory is the photo's alone; then the
bad files are timed as the upload checks refuse them.
"""

import io
import multiprocessing
import resource
import statistics
import time

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from PIL import Image

from photos.processing import process
from photos.uploads import inspect_upload


def camera_jpeg(megapixels):
    """A photo-like JPEG (noise over gradients compresses like a photo)."""
    width = int((megapixels * 1_000_000 * 3 / 2) ** 0.5)
    height = width * 2 // 3
    noise = Image.effect_noise((width, height), 40)
    gradient = Image.linear_gradient("L").resize((width, height))
    image = Image.merge(
        "RGB", (noise, gradient, gradient.transpose(Image.Transpose.ROTATE_180))
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue(), (width, height)


def upload(data, name):
    return SimpleUploadedFile(name, data)


def max_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def process_in_worker(data, results):
    start_rss = max_rss_mb()
    started = time.perf_counter()
    processed = process(inspect_upload(upload(data, "photo.jpg")))
    seconds = time.perf_counter() - started
    results.put((seconds, len(processed.renditions), max_rss_mb(), start_rss))


def bad_files():
    """The refusals worth timing: each is decided from the header or bytes."""
    png = io.BytesIO()
    Image.new("1", (8, 8)).save(png, "PNG")
    bomb = bytearray(png.getvalue())
    bomb[16:24] = (14000).to_bytes(4, "big") * 2
    return {
        "bomb 14000x14000": bytes(bomb),
        "polyglot PNG+HTML": png.getvalue() + b"<html><script>alert(1)</script>",
        "HTML named .jpg": b"<!DOCTYPE html><html><body>hi</body></html>",
    }


class Command(BaseCommand):
    help = "Time photo processing and the refusal of bad files; print figures."

    def add_arguments(self, parser):
        parser.add_argument("--megapixels", type=float, default=24)
        parser.add_argument("--runs", type=int, default=3)

    def handle(self, *args, megapixels, runs, **options):
        data, (width, height) = camera_jpeg(megapixels)
        self.stdout.write(
            f"Photo: {width} x {height} ({width * height / 1e6:.1f} MP) JPEG, "
            f"{len(data) / 1e6:.1f} MB"
        )
        context = multiprocessing.get_context("fork")
        timings = []
        for _ in range(runs):
            results = context.Queue()
            worker = context.Process(target=process_in_worker, args=(data, results))
            worker.start()
            seconds, renditions, peak, start = results.get()
            worker.join()
            timings.append((seconds, renditions, peak, start))
        seconds = statistics.median(t[0] for t in timings)
        renditions = timings[0][1]
        peak = max(t[2] for t in timings)
        above = max(t[2] - t[3] for t in timings)
        self.stdout.write(
            f"Processing (checks, clean original, {renditions} renditions): "
            f"median {seconds:.2f} s of {runs} runs, "
            f"{renditions / seconds:.1f} renditions/s"
        )
        self.stdout.write(
            f"Peak resident memory of the worker: {peak:.0f} MB "
            f"({above:.0f} MB above its start)"
        )
        for name, bad in bad_files().items():
            started = time.perf_counter()
            try:
                inspect_upload(upload(bad, "photo.jpg"))
                outcome = "ACCEPTED"
            except ValidationError:
                outcome = "refused"
            milliseconds = (time.perf_counter() - started) * 1000
            self.stdout.write(f"{name}: {outcome} in {milliseconds:.1f} ms")
