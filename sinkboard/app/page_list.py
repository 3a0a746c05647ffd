"""The one list of the dashboard's pages: app.py builds the navigation from it, the public process registers only the
public ones, the internal one shows each person the pages of their role, and the tests run every page it names and fail
on a page file or query that is not in it."""

from dataclasses import dataclass
from pathlib import PurePosixPath

from sinkboard.access import roles

SECTIONS = ("leadership", "staff", "open", "data")
AUDIENCES = ("public", "internal")


@dataclass(frozen=True)
class Page:
    file: str  # relative to the project root, e.g. pages/overview.py
    title_key: str  # i18n key of its title in the navigation
    section: str  # one of SECTIONS
    audience: str  # "public": shown to anyone; "internal": never registered in public mode
    icon: str
    queries: tuple  # the queries/*.sql it runs
    default: bool = False
    role: str = "leadership"  # the least role (sinkboard.access.roles.ROLES) that sees it in the internal process

    @property
    def url_path(self):
        # the file's stem, so a deep link means the same page with and without Streamlit's pages-folder fallback
        return PurePosixPath(self.file).stem


PAGES = (
    Page("pages/overview.py", "page_overview", "leadership", "public", ":material/dashboard:",
         ("target_progress", "headline", "scale_trend", "merged_cells"), default=True),
    Page("pages/zones.py", "page_zones", "leadership", "public", ":material/layers:",
         ("scale_by_type", "region_ranking", "area_projects")),
    Page("pages/map.py", "page_map", "leadership", "public", ":material/map:", ("region_ranking",)),
    # reads the history of builds (sinkboard.figures.changes), not a query
    Page("pages/changes.py", "page_changes", "leadership", "internal", ":material/difference:", ()),
    Page("pages/pipeline.py", "page_pipeline", "staff", "public", ":material/timeline:",
         ("pipeline_status", "duration_summary", "stalled_projects", "developer_mix")),
    Page("pages/trading.py", "page_trading", "staff", "internal", ":material/currency_exchange:",
         ("trades_headline", "trades_by_month", "trades_by_year", "trades_by_dimension", "trades_price_spread",
          "trades_top_buyers", "trades_micro")),
    Page("pages/subsidies.py", "page_subsidies", "staff", "internal", ":material/account_balance:",
         ("subsidy_totals", "subsidy_categories", "subsidy_years", "subsidy_breaches", "subsidy_budget",
          "subsidy_regions", "subsidy_category_years", "subsidy_category_zones", "subsidy_category_projects")),
    Page("pages/pools.py", "page_pools", "staff", "public", ":material/forest:",
         ("carbon_latest", "carbon_trend", "carbon_coverage", "carbon_by_county")),
    Page("pages/potential.py", "page_potential", "staff", "public", ":material/trending_up:",
         ("potential_summary", "untapped_key_types", "potential_by_county")),
    Page("pages/registry.py", "page_registry", "staff", "internal", ":material/list_alt:",
         ("registry_filter_values", "registry_projects", "project_detail", "project_issuances", "project_trades",
          "project_payments")),
    Page("pages/briefing.py", "page_briefing", "staff", "internal", ":material/slideshow:",
         ("build_info", "target_progress", "headline", "scale_trend", "pipeline_status", "stalled_projects",
          "trades_headline", "trades_by_month", "trades_top_buyers", "subsidy_totals", "subsidy_budget",
          "subsidy_breaches", "carbon_latest", "carbon_trend"), role="staff"),
    Page("pages/open_trading.py", "page_open_trading", "open", "public", ":material/show_chart:",
         ("open_trades_by_month", "freshness", "merged_cells")),
    Page("pages/open_subsidies.py", "page_open_subsidies", "open", "public", ":material/payments:",
         ("open_subsidies_by_year", "freshness", "merged_cells")),
    Page("pages/open_registry.py", "page_open_registry", "open", "public", ":material/list_alt:",
         ("open_registry_count", "open_registry_by_type", "open_registry_projects", "freshness")),
    Page("pages/open_changes.py", "page_open_changes", "open", "public", ":material/update:",
         ("open_changes_ready", "open_changes_info", "open_changes_figures", "open_changes_registered", "merged_cells",
          "freshness")),
    Page("pages/embed.py", "page_embed", "open", "internal", ":material/code:", (), role="staff"),
    Page("pages/data_quality.py", "page_data_quality", "data", "internal", ":material/fact_check:",
         ("build_info", "ingest_files", "warnings", "reject_groups", "reject_reasons", "rejects")),
    Page("pages/intake.py", "page_intake", "data", "internal", ":material/upload_file:",
         ("build_info", "ingest_files", "rejects"), role="data_officer"),
    Page("pages/audit.py", "page_audit", "data", "internal", ":material/policy:", (), role="administrator"),
)

# queries the shared sidebar runs on every page
SHELL_QUERIES = ("data_dates", "zones", "prefectures", "synthetic", "plan")


def pages_for(mode):
    """The pages a process in this mode registers: every page internally, the public ones in public mode."""
    return [page for page in PAGES if mode == "internal" or page.audience == "public"]


def allowed(page, role):
    """Whether a person of this role sees the page in the internal process."""
    return roles.allows(role, page.role)


def page_named(stem):
    return next(page for page in PAGES if page.url_path == stem)
