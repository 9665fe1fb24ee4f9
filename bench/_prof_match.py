import cProfile, pstats, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus
from workbench.core.ingest import ingest
from workbench.core.matching import match
from workbench.core.store import Store
tmp = tempfile.mkdtemp()
write_corpus(Path(tmp, "corpus"), 5000, seed=11)
with Store(Path(tmp, "b.db")) as store:
    ingest(store, [Path(tmp, "corpus")])
    pr = cProfile.Profile(); pr.enable(); r = match(store, rebuild=True); pr.disable()
    print(r.seconds)
    st = pstats.Stats(pr); st.sort_stats("tottime").print_stats(25); st.sort_stats("cumulative").print_stats(35)
