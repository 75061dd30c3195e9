"""Every canbo command prints its help (in Vietnamese) instead of crashing on `--help`."""

import pytest
from django.core.management import get_commands, load_command_class

CANBO_COMMANDS = sorted(name for name, app in get_commands().items() if app.startswith("canbo"))


def test_canbo_has_its_commands():
    assert {"demo", "generate", "units", "user", "grant", "token", "backup", "restore"} <= set(
        CANBO_COMMANDS
    )


@pytest.mark.parametrize("name", CANBO_COMMANDS)
def test_help_is_printed(name):
    command = load_command_class(get_commands()[name], name)
    text = command.create_parser("canbo", name).format_help()
    assert text.startswith("usage: canbo " + name)
    assert "--help" in text
