"""The `toasoan` console command: a friendly front for the management commands operators use.

`toasoan import …` runs `legacy_import`, `toasoan serve` runs `ops_serve`, and any other
word is passed to Django's management commands unchanged (`toasoan migrate`,
`toasoan createsuperuser`).
"""

import os
import sys

# Operator-facing names for app-prefixed management commands.
ALIASES = {
    "import": "legacy_import",
    "serve": "ops_serve",
    "backup": "ops_backup",
    "restore": "ops_restore",
    "demo": "news_load_demo",
    "load-demo": "news_load_demo",
}


def main(argv=None):
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.dev")
    if len(argv) > 1 and argv[1] in ALIASES:
        argv[1] = ALIASES[argv[1]]
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # Load the settings before the command does: a missing production setting is an
        # operator's mistake, so they get its one-line message rather than a traceback.
        settings.INSTALLED_APPS  # noqa: B018 - forces the settings module to load
    except ImproperlyConfigured as error:
        sys.stderr.write(f"toasoan: configuration error: {error}\n")
        sys.exit(2)
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
