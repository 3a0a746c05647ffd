"""sinkboard: the analytics dashboard of Sichuan's forestry and grassland carbon-sink programme."""

from pathlib import Path

__version__ = "0.1.0"

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
SAMPLE_DIR = PROJECT_ROOT / "data" / "sample"
DEFAULT_WAREHOUSE_DIR = PROJECT_ROOT / "data" / "warehouse"
