from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "canbo.core"
    verbose_name = _("Chung")

    def ready(self):
        from django.core.management import base

        class HelpFormatter(base.DjangoHelpFormatter):
            """Commands write their help as lazy translations (read in the language of the
            moment); argparse wants plain strings, so they are rendered just before use."""

            def _split_lines(self, text, width):
                return super()._split_lines(str(text), width)

            def _fill_text(self, text, width, indent):
                return super()._fill_text(str(text), width, indent)

            def _get_help_string(self, action):
                return str(super()._get_help_string(action))

        # create_parser() looks the formatter up by this name at call time
        base.DjangoHelpFormatter = HelpFormatter
