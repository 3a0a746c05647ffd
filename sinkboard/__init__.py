"""sinkboard: the analytics dashboard of Sichuan's forestry and grassland carbon-sink programme."""

from pathlib import Path

__version__ = "0.1.0"
# The shape of the warehouses (tables, marts, scope macros) the code reads; raised whenever that shape changes, so
# the dashboard asks for a new ingest instead of failing on an old warehouse.
WAREHOUSE_FORMAT = 12

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
SAMPLE_DIR = PROJECT_ROOT / "data" / "sample"
DEFAULT_WAREHOUSE_DIR = PROJECT_ROOT / "data" / "warehouse"
