"""Django's own strings that its Vietnamese catalog lacks; locale/vi translates them.

Django 6.1 labels empty choices "- Select an option -" and its vi catalog has no entry yet.
Listing the msgid here keeps it in our catalogs when `makemessages` runs.
"""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = [gettext_noop("- Select an option -")]
