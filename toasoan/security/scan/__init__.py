"""Support for scripts/security.sh (settings for the scanned test server)."""
