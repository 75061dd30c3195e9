from django.core.exceptions import ValidationError
from django.core.management.base import CommandError


def as_command_error(error: ValidationError) -> CommandError:
    if hasattr(error, "message_dict"):
        text = " ".join(m for messages in error.message_dict.values() for m in messages)
    else:
        text = " ".join(error.messages)
    return CommandError(text)
