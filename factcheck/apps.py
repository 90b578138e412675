from django.apps import AppConfig


class FactcheckConfig(AppConfig):
    name = "factcheck"
    verbose_name = "Fact-checking workbench"

    def ready(self):
        from factcheck.services import signin  # noqa: F401 - registers the limiter's deploy check
