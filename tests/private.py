"""What must never reach the public, read from a warehouse's internal file: the live public pages' tests and the
static site's look for each of these values."""

from sinkboard.store.warehouse import connect


def private_values(warehouse):
    """What must never reach a visitor, from the warehouse's internal file: people's names, unregistered projects,
    payments, rejects' source files."""
    con = connect(warehouse / "internal.duckdb")
    found = {
        "individual buyers": {r[0] for r in con.execute("select buyer from trades where buyer_type = '个人'").fetchall()},
        "farmer owners": {r[0] for r in con.execute("select owner from projects where owner_type = '农户'").fetchall()},
        "unregistered projects": {r[0] for r in con.execute(
            "select project_id from projects where status not in ('注册', '签发')").fetchall()},
        "payments": {r[0] for r in con.execute("select payment_id from subsidies").fetchall()},
        "source files": {r[0] for r in con.execute("select source_file from ingest_files").fetchall()},
    }
    con.close()
    return found
