"""Where the warehouses live, their versions and locks, and the read-only runner of the questions in queries/."""
