"""The `canbo` command: Django's management commands with canbo's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    from django.core.management import execute_from_command_line

    from canbo.audit.context import audit_context, os_username

    # changes made by a command are logged as "cli", under the operating-system account
    with audit_context(source="cli", username=os_username()):
        execute_from_command_line(["canbo", *sys.argv[1:]])


if __name__ == "__main__":
    main()
