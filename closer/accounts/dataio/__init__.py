"""Your data as a whole: export it, import it into an empty account, back the database up.

The tables are found generically (tables.py), so a new app's rows come along without a
change here. Importing is in importing.py; what is not imported, and why, is said there.
"""

from closer.accounts.dataio.backup import backup_sqlite
from closer.accounts.dataio.export import (
    FORMAT,
    VERSION,
    columns,
    export_csv_zip,
    export_data,
    export_json,
)
from closer.accounts.dataio.importing import (
    BATCH,
    NOT_IMPORTED,
    UPGRADES,
    ImportProblem,
    has_data,
    import_data,
)
from closer.accounts.dataio.tables import owned_models, owned_row_count, owner_field, table_labels

__all__ = [
    "BATCH",
    "FORMAT",
    "NOT_IMPORTED",
    "UPGRADES",
    "VERSION",
    "ImportProblem",
    "backup_sqlite",
    "columns",
    "export_csv_zip",
    "export_data",
    "export_json",
    "has_data",
    "import_data",
    "owned_models",
    "owned_row_count",
    "owner_field",
    "table_labels",
]
