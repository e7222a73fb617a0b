from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Parallax archive"

    def ready(self) -> None:
        from archive import signals  # noqa: F401  (connects the search index's receivers)
        from archive.stories import signals as story_signals  # noqa: F401  (and the story index's)
