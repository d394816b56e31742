"""Rules that apps above a model add to its validation.

A photo must keep its alt text and credit while a published interview shows
it: a rule of interviews, which knows both, about a model of photos, which
knows nothing of interviews. The model keeps a `Rules` registry and runs it
in `clean()`; the higher app registers its checks in `AppConfig.ready()`.
"""


class Rules:
    def __init__(self):
        self.checks = []

    def register(self, check):
        """`check(instance)` raises ValidationError when the instance breaks
        the rule."""
        if check not in self.checks:
            self.checks.append(check)
        return check

    def check(self, instance):
        for check in self.checks:
            check(instance)
