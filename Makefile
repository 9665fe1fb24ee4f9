# Rebuild the sample database that ships in the repository from samples/.
sample-db:
	rm -f claims.db claims.db-wal claims.db-shm
	python3 -m workbench ingest --db claims.db samples/
	python3 -m workbench factchecks import --db claims.db samples/factchecks.json

check:
	ruff check workbench tests && ruff format --check workbench tests && mypy && python3 -m pytest -q

# The fault suite at full strength: 200 SIGKILLs of a writer, 60 s of concurrent writers.
faults:
	WORKBENCH_FAULT_KILLS=200 WORKBENCH_FAULT_SECONDS=60 python3 -m pytest -q tests/faults

.PHONY: sample-db check faults
