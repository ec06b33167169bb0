"""The fast tier: plain tests of the domain, the store and the importers and exporters, run in-process
without the app (no Pilot, no snapshots, no subprocesses). ``pytest tests/unit`` runs them alone."""
