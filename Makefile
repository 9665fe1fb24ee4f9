# Rebuild the sample database that ships in the repository from samples/.
sample-db:
	rm -f claims.db claims.db-wal claims.db-shm
	python3 -m workbench ingest --db claims.db samples/

check:
	ruff check workbench tests && ruff format --check workbench tests && mypy && python3 -m pytest -q

.PHONY: sample-db check
