"""Static files storage for production: whitenoise's compressed manifest storage, with the URL
of each file remembered per process.

Every page asks for the same dozen static URLs (fonts, CSS, JS, logo); the manifest storage
resolves each one on every call (hashed-name lookup, ``urljoin``, quoting), about 50 µs a
call. The manifest cannot change while a process runs (``collectstatic`` runs before the app
servers start), so the answer for a name is the same until the process ends.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class RememberingManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force=True)
        try:
            return self._urls[name]
        except KeyError:
            # A missing file raises here (manifest_strict), and is not remembered.
            url = self._urls[name] = super().url(name)
            return url
