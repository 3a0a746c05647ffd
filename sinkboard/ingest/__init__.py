"""From exported files to the internal and public warehouses: the contract, the readers, the build and its SQL, the intake from the browser."""
