from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation"

    def ready(self):
        # Inside ready(): services import models, which exist only once apps are loaded.
        from communities import screening
        from moderation import selectors, services

        screening.register(
            screen=services.content_screen,
            after_stored=services.post_screened,
            author_note=selectors.held_note_for,
        )
