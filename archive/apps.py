from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Parallax archive"

    def ready(self) -> None:
        from archive import signals  # noqa: F401  (connects the index-on-commit handlers)
